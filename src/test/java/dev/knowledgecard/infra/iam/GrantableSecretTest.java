package dev.knowledgecard.infra.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pulumi.core.Output;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GrantableSecretTest {
  private static final Output<String> ARN =
      Output.of("arn:aws:secretsmanager:us-east-1:123456789012:secret:kc/session-AbC123");

  @Test
  @DisplayName("a secret's policy label and statement name swapped is refused when it is made")
  void swappedLabelAndNameIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new GrantableSecret("SessionSecret", "session-secret", ARN));
  }

  @Test
  @DisplayName("read and rotation grants of one secret share its label, on different roles")
  void readAndRotationAreOnePolicyEach() {
    var secret = new GrantableSecret("session-secret", "SessionSecret", ARN);
    var task = new RoleGrants();
    var rotator = new RoleGrants();
    secret.grantRead(task);
    secret.grantRotation(rotator);
    assertEquals(List.of("session-secret"), task.labels());
    assertEquals(List.of("session-secret"), rotator.labels());
    assertThrows(IllegalArgumentException.class, () -> secret.grantRotation(task));
  }
}
