package dev.knowledgecard.infra.secrets;

import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.GrantableSecret;
import dev.knowledgecard.infra.iam.Grantee;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The secrets the service reads, as ECS {@code secrets[].valueFrom} references: the app database
 * role's credentials (keys of the secret {@code database} owns), the session-signing secret, and
 * one secret per third-party API key named in config. The program creates every secret without a
 * value and never writes one: the rotation Lambda writes the session secret (first value at
 * creation, then on schedule), an operator puts third-party keys with {@code aws secretsmanager
 * put-secret-value}.
 *
 * <p>The container service injects {@link #containerSecrets()}; the secrets grant its execution
 * role reading exactly the secrets behind them ({@link #grantRead}); the session secret ({@link
 * #sessionSecret()}) grants the task role re-reading it after a rotation and the rotation function
 * rotating it.
 */
public final class AppSecrets extends ComponentResource {
  public static final String TYPE = "knowledge-card:secrets:AppSecrets";

  private final Map<String, Output<String>> containerSecrets;
  private final Map<String, Output<String>> secretArnByEnvName;
  private final List<Output<String>> secretArns;
  private final GrantableSecret sessionSecret;

  public AppSecrets(
      String name, AppSecretsArgs args, StackContext context, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var prefix = context.namePrefix();
    var settings = args.settings();
    var child = CustomResourceOptions.builder().parent(this).build();
    var session =
        new Secret(
            name + "-session",
            SecretArgs.builder()
                .namePrefix(prefix + "/session-secret-")
                .description(
                    "Session-signing secret of "
                        + prefix
                        + " (NEXTAUTH_SECRET); written only by the rotation Lambda")
                .recoveryWindowInDays(settings.recoveryWindowDays())
                .build(),
            child);

    var env = new LinkedHashMap<String, Output<String>>();
    var byName = new LinkedHashMap<String, Output<String>>();
    var arns = new ArrayList<Output<String>>();
    var appRole = args.appRoleSecret();
    env.put("DB_USER", appRole.jsonKey("username"));
    byName.put("DB_USER", appRole.arn());
    env.put("DB_PASSWORD", appRole.jsonKey("password"));
    byName.put("DB_PASSWORD", appRole.arn());
    arns.add(appRole.arn());
    env.put("NEXTAUTH_SECRET", session.arn());
    byName.put("NEXTAUTH_SECRET", session.arn());
    arns.add(session.arn());
    for (var key : settings.apiKeySecrets()) {
      var secret =
          new Secret(
              name + "-" + key.toLowerCase(Locale.ROOT).replace('_', '-'),
              SecretArgs.builder()
                  .namePrefix(prefix + "/" + key + "-")
                  .description(
                      "Third-party API key "
                          + key
                          + " of "
                          + prefix
                          + "; value set with aws secretsmanager put-secret-value, never by"
                          + " Pulumi")
                  .recoveryWindowInDays(settings.recoveryWindowDays())
                  .build(),
              child);
      env.put(key, secret.arn());
      byName.put(key, secret.arn());
      arns.add(secret.arn());
    }
    this.containerSecrets = Collections.unmodifiableMap(env);
    this.secretArnByEnvName = Collections.unmodifiableMap(byName);
    this.secretArns = List.copyOf(arns);
    this.sessionSecret = new GrantableSecret("session-secret", "SessionSecret", session.arn());
    registerOutputs(
        Map.of("secretArns", Output.all(secretArns), "sessionSecretArn", session.arn()));
  }

  /**
   * Env var name to ECS {@code valueFrom}: a secret ARN, or {@code <arn>:<jsonKey>::} for one key
   * of a JSON secret. Insertion order: DB_USER, DB_PASSWORD, NEXTAUTH_SECRET, then the API keys as
   * configured.
   */
  public Map<String, Output<String>> containerSecrets() {
    return containerSecrets;
  }

  /**
   * Env var name to the ARN of the secret behind it; {@code DB_USER} and {@code DB_PASSWORD} share
   * one.
   */
  public Map<String, Output<String>> secretArnByEnvName() {
    return secretArnByEnvName;
  }

  /**
   * Grants reading the distinct secrets behind {@link #containerSecrets()}, and only them (inline
   * policy {@code injected-secrets}): the service's execution role injects them.
   */
  public void grantRead(Grantee grantee) {
    grantee.grant(
        "injected-secrets", "ReadInjectedSecrets", GrantableSecret.READ_ACTIONS, secretArns);
  }

  /**
   * The session-signing secret (a plain string): {@code SESSION_SECRET_ARN}. The task role re-reads
   * it after a rotation ({@code grantRead}), the rotation function writes it ({@code
   * grantRotation}); both as inline policy {@code session-secret}.
   */
  public GrantableSecret sessionSecret() {
    return sessionSecret;
  }

  /** What deploying the app's secrets needs. */
  public DeployNeeds deployNeeds() {
    return DeployNeeds.of(pulumiResourceName()).creates(Secret.class).build();
  }
}
