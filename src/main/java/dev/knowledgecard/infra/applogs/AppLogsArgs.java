package dev.knowledgecard.infra.applogs;

import dev.knowledgecard.infra.config.LoggingSettings;

/**
 * Inputs of {@link AppLogs}; the group's name derives from the stack ({@code
 * /<project>/<stack>/app}).
 *
 * @param settings retention and encryption (defaults: the environment's, see {@link
 *     LoggingSettings})
 */
public record AppLogsArgs(LoggingSettings settings) {}
