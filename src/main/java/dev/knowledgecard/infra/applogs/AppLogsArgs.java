package dev.knowledgecard.infra.applogs;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.LoggingSettings;

/**
 * Inputs of {@link AppLogs}.
 *
 * @param settings retention and encryption
 * @param logGroupName the log group's name, e.g. {@code /knowledge-card/staging/app}
 * @param region the AWS region, for the CloudWatch Logs service principal
 * @param accountId the AWS account id, for the key policy
 */
public record AppLogsArgs(
    LoggingSettings settings, String logGroupName, String region, Output<String> accountId) {}
