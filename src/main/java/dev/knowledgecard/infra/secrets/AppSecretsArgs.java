package dev.knowledgecard.infra.secrets;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.SecretsSettings;

/**
 * Inputs of {@link AppSecrets}.
 *
 * @param settings third-party API key names and the recovery window
 * @param namePrefix stack-derived prefix of secret names, e.g. {@code knowledge-card-staging}
 * @param appRoleSecretArn the app database role's secret (JSON keys {@code username}, {@code
 *     password}), owned by the database component
 */
public record AppSecretsArgs(
    SecretsSettings settings, String namePrefix, Output<String> appRoleSecretArn) {}
