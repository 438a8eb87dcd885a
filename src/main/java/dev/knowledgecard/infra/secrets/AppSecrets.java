package dev.knowledgecard.infra.secrets;

import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.access.DeployNeeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every secret the app reads, as ECS {@code secrets[].valueFrom} references: the database
 * credentials (keys of the RDS-managed secret), the Redis AUTH token, a generated NextAuth secret,
 * and one secret per third-party API key named in config. No value passes through code or config:
 * generated ones come from {@code secretsmanager:GetRandomPassword}, third-party ones are created
 * empty and filled with {@code aws secretsmanager put-secret-value}, which Pulumi never overwrites
 * because it manages no version of them.
 *
 * <p>The container service injects {@link #containerSecrets()} and lets its execution role read
 * exactly {@link #secretArns()} (and {@link #kmsKeyArns()}, empty while the secrets use the
 * AWS-managed key).
 */
public final class AppSecrets extends ComponentResource {
  public static final String TYPE = "knowledge-card:secrets:AppSecrets";

  static final int NEXTAUTH_SECRET_LENGTH = 64;

  private final Map<String, Output<String>> containerSecrets;
  private final Map<String, Output<String>> secretArnByEnvName;
  private final List<Output<String>> secretArns;

  public AppSecrets(String name, AppSecretsArgs args, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var settings = args.settings();
    var nextAuth =
        GeneratedSecret.create(
            name + "-nextauth",
            "NextAuth signing and encryption secret of " + args.namePrefix() + " (NEXTAUTH_SECRET)",
            args.namePrefix() + "/nextauth-secret-",
            NEXTAUTH_SECRET_LENGTH,
            settings.recoveryWindowDays(),
            this);

    var env = new LinkedHashMap<String, Output<String>>();
    var byName = new LinkedHashMap<String, Output<String>>();
    var arns = new ArrayList<Output<String>>();
    env.put("DB_USER", jsonKey(args.databaseSecretArn(), "username"));
    byName.put("DB_USER", args.databaseSecretArn());
    env.put("DB_PASSWORD", jsonKey(args.databaseSecretArn(), "password"));
    byName.put("DB_PASSWORD", args.databaseSecretArn());
    arns.add(args.databaseSecretArn());
    env.put("REDIS_AUTH_TOKEN", args.cacheAuthTokenSecretArn());
    byName.put("REDIS_AUTH_TOKEN", args.cacheAuthTokenSecretArn());
    arns.add(args.cacheAuthTokenSecretArn());
    env.put("NEXTAUTH_SECRET", nextAuth.arn());
    byName.put("NEXTAUTH_SECRET", nextAuth.arn());
    arns.add(nextAuth.arn());
    for (var key : settings.apiKeySecrets()) {
      var secret =
          new Secret(
              name + "-" + key.toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
              SecretArgs.builder()
                  .namePrefix(args.namePrefix() + "/" + key + "-")
                  .description(
                      "Third-party API key "
                          + key
                          + " of "
                          + args.namePrefix()
                          + "; value set with aws secretsmanager put-secret-value, never by"
                          + " Pulumi")
                  .recoveryWindowInDays(settings.recoveryWindowDays())
                  .build(),
              CustomResourceOptions.builder().parent(this).build());
      env.put(key, secret.arn());
      byName.put(key, secret.arn());
      arns.add(secret.arn());
    }
    this.containerSecrets = Collections.unmodifiableMap(env);
    this.secretArnByEnvName = Collections.unmodifiableMap(byName);
    this.secretArns = List.copyOf(arns);
    registerOutputs(Map.of("secretArns", Output.all(secretArns)));
  }

  /**
   * Env var name to ECS {@code valueFrom}: a secret ARN, or {@code <arn>:<jsonKey>::} for one key
   * of a JSON secret. Insertion order: DB_USER, DB_PASSWORD, REDIS_AUTH_TOKEN, NEXTAUTH_SECRET,
   * then the API keys as configured.
   */
  public Map<String, Output<String>> containerSecrets() {
    return containerSecrets;
  }

  /**
   * Env var name to the ARN of the secret behind it (what an operator passes to {@code aws
   * secretsmanager put-secret-value}); {@code DB_USER} and {@code DB_PASSWORD} share one.
   */
  public Map<String, Output<String>> secretArnByEnvName() {
    return secretArnByEnvName;
  }

  /** The distinct secrets behind {@link #containerSecrets()}: all the execution role may read. */
  public List<Output<String>> secretArns() {
    return secretArns;
  }

  /** Customer KMS keys of those secrets: none, they use the AWS-managed Secrets Manager key. */
  public List<Output<String>> kmsKeyArns() {
    return List.of();
  }

  /** ECS's reference to one key of a JSON secret, latest version: {@code arn:key::}. */
  static Output<String> jsonKey(Output<String> secretArn, String key) {
    return secretArn.applyValue(arn -> arn + ":" + key + "::");
  }

  /** What deploying the app's secrets needs. */
  public DeployNeeds deployNeeds() {
    return GeneratedSecret.declare(DeployNeeds.of(pulumiResourceName()))
        .creates(Secret.class)
        .build();
  }
}
