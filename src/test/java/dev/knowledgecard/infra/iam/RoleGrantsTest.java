package dev.knowledgecard.infra.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoleGrantsTest {
  private static final List<PolicyStatement> READ =
      List.of(
          PolicyStatement.allow("Read")
              .actions("s3:GetObject")
              .resource("arn:aws:s3:::b/*")
              .build());

  @Test
  @DisplayName("grants become policies in the order they were made")
  void policiesFollowGrantOrder() {
    var grants = new RoleGrants();
    grants.grant("storage", READ);
    grants.grant("cache-connect", READ);
    grants.grant("db-app-role-secret", READ);
    assertEquals(
        List.of("storage", "cache-connect", "db-app-role-secret"),
        List.copyOf(grants.policies().keySet()));
  }

  @Test
  @DisplayName("a grant made after the role was created is refused, not silently dropped")
  void lateGrantIsRefused() {
    var grants = new RoleGrants();
    grants.grant("storage", READ);
    grants.policies();
    assertThrows(IllegalStateException.class, () -> grants.grant("cache-connect", READ));
  }

  @Test
  @DisplayName("the same grant twice, or an empty one, is refused")
  void duplicateOrEmptyGrantIsRefused() {
    var grants = new RoleGrants();
    grants.grant("storage", READ);
    assertThrows(IllegalArgumentException.class, () -> grants.grant("storage", READ));
    assertThrows(IllegalArgumentException.class, () -> grants.grant("nothing", List.of()));
  }

  @Test
  @DisplayName("a label and a Sid swapped in the usual grant is refused: labels are kebab-case")
  void swappedLabelAndSidIsRefused() {
    var grants = new RoleGrants();
    var arns = List.of(com.pulumi.core.Output.of("arn:aws:s3:::b/*"));
    assertThrows(
        IllegalArgumentException.class,
        () -> grants.grant("MediaObjectsReadWrite", "storage", List.of("s3:GetObject"), arns));
    grants.grant("storage", "MediaObjectsReadWrite", List.of("s3:GetObject"), arns);
    assertEquals(List.of("storage"), grants.labels());
  }
}
