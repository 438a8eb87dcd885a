package dev.knowledgecard.infra.iam;

import com.pulumi.core.Output;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Secrets Manager secret as its owner offers it to others (CDK's {@code ISecret}): its ARN, and
 * the two grants anything needs on it, reading and rotating. Each grant is one inline policy named
 * {@code label}, holding one statement {@code Read<name>} or {@code Rotate<name>}.
 *
 * <pre>{@code
 * database.appRoleSecret().grantRead(taskRole);      // db-app-role-secret: ReadAppRoleSecret
 * database.appRoleSecret().grantRotation(rotator);   // db-app-role-secret: RotateAppRoleSecret
 * }</pre>
 */
public final class GrantableSecret {
  /** Reading the current value: ECS injecting it, the app or a function re-reading it. */
  public static final List<String> READ_ACTIONS = List.of("secretsmanager:GetSecretValue");

  /**
   * What a rotation function does to the secret it rotates: Secrets Manager's four rotation steps
   * (create, set, test, finish), nothing more.
   */
  public static final List<String> ROTATE_ACTIONS =
      List.of(
          "secretsmanager:DescribeSecret",
          "secretsmanager:GetSecretValue",
          "secretsmanager:PutSecretValue",
          "secretsmanager:UpdateSecretVersionStage");

  private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

  private final String label;
  private final String name;
  private final Output<String> arn;

  /**
   * @param label the grants' policy label, lower-kebab-case ({@code db-app-role-secret})
   * @param name the statements' name after {@code Read}/{@code Rotate}, PascalCase ({@code
   *     AppRoleSecret}); the two cases make a swap with {@code label} fail here
   * @param arn the secret's ARN
   */
  public GrantableSecret(String label, String name, Output<String> arn) {
    if (!RoleGrants.LABEL.matcher(label).matches() || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "secret label " + label + " must be kebab-case and name " + name + " PascalCase");
    }
    this.label = label;
    this.name = name;
    this.arn = arn;
  }

  public Output<String> arn() {
    return arn;
  }

  /**
   * ECS's {@code valueFrom} reference to one key of this JSON secret, latest version: {@code
   * <arn>:<key>::}.
   */
  public Output<String> jsonKey(String key) {
    return arn.applyValue(a -> a + ":" + key + "::");
  }

  /** Grants reading the secret's value ({@link #READ_ACTIONS}), nothing else. */
  public void grantRead(Grantee grantee) {
    grantee.grant(label, "Read" + name, READ_ACTIONS, List.of(arn));
  }

  /** Grants rotating the secret ({@link #ROTATE_ACTIONS}): a rotation function's role. */
  public void grantRotation(Grantee grantee) {
    grantee.grant(label, "Rotate" + name, ROTATE_ACTIONS, List.of(arn));
  }
}
