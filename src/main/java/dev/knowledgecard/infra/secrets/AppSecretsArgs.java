package dev.knowledgecard.infra.secrets;

import dev.knowledgecard.infra.config.SecretsSettings;
import dev.knowledgecard.infra.iam.GrantableSecret;

/**
 * Inputs of {@link AppSecrets}; secret names start with the stack context's prefix.
 *
 * @param settings the third-party API keys to hold, and the recovery window
 * @param appRoleSecret the app database role's secret ({@code database} owns it), whose {@code
 *     username} and {@code password} keys the service gets as {@code DB_USER} and {@code
 *     DB_PASSWORD}
 */
public record AppSecretsArgs(SecretsSettings settings, GrantableSecret appRoleSecret) {}
