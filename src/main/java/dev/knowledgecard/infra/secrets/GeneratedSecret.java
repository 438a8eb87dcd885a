package dev.knowledgecard.infra.secrets;

import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.secretsmanager.SecretVersionArgs;
import com.pulumi.aws.secretsmanager.SecretsmanagerFunctions;
import com.pulumi.aws.secretsmanager.inputs.GetRandomPasswordArgs;
import com.pulumi.aws.secretsmanager.outputs.GetRandomPasswordResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.knowledgecard.infra.access.DeployNeeds;

/**
 * A Secrets Manager secret whose value AWS generates ({@code secretsmanager:GetRandomPassword}), so
 * no value is ever written in code or config. The value is secret from the moment it exists, and is
 * written once: later {@code pulumi up}s ignore the fresh random value the invoke returns (the
 * version and every consumer list it under {@code ignoreChanges}), so a deploy never rotates it
 * behind the app's back. Rotation is a deliberate operator action (README, "Secrets").
 *
 * @param secret the secret; its ARN is what ECS injects
 * @param value the generated value, secret; pass it only to inputs that need it (e.g. {@code
 *     authToken}) and list those inputs under {@code ignoreChanges}
 */
public record GeneratedSecret(Secret secret, Output<String> value) {

  /** Alphanumeric only: safe in URLs, headers and Redis AUTH (which rejects {@code @ " /}). */
  public static GeneratedSecret create(
      String name,
      String description,
      String namePrefix,
      int length,
      int recoveryWindowDays,
      Resource parent) {
    var child = CustomResourceOptions.builder().parent(parent).build();
    var secret =
        new Secret(
            name,
            SecretArgs.builder()
                .namePrefix(namePrefix)
                .description(description)
                .recoveryWindowInDays(recoveryWindowDays)
                .build(),
            child);
    var value =
        SecretsmanagerFunctions.getRandomPassword(
                GetRandomPasswordArgs.builder()
                    .passwordLength(length)
                    .excludePunctuation(true)
                    .includeSpace(false)
                    .requireEachIncludedType(true)
                    .build(),
                InvokeOptions.builder().parent(parent).build())
            .applyValue(GetRandomPasswordResult::randomPassword)
            .asSecret();
    new SecretVersion(
        name + "-value",
        SecretVersionArgs.builder().secretId(secret.id()).secretString(value).build(),
        CustomResourceOptions.builder().parent(parent).ignoreChanges("secretString").build());
    return new GeneratedSecret(secret, value);
  }

  /** The secret's ARN. */
  public Output<String> arn() {
    return secret.arn();
  }

  /** Adds what deploying a generated secret needs to a component's declaration. */
  public static DeployNeeds.Builder declare(DeployNeeds.Builder needs) {
    return needs
        .creates(Secret.class, SecretVersion.class)
        .invokes("aws:secretsmanager/getRandomPassword:getRandomPassword");
  }
}
