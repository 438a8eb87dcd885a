package dev.knowledgecard.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StackContextTest {
  private static StackContext in(String region) {
    return new StackContext("knowledge-card", "prod", region, "123456789012", Map.of());
  }

  @ParameterizedTest(name = "{0} is in partition {1}")
  @CsvSource({
    "us-east-1,aws",
    "eu-central-1,aws",
    "cn-north-1,aws-cn",
    "cn-northwest-1,aws-cn",
    "us-gov-west-1,aws-us-gov",
    "us-gov-east-1,aws-us-gov"
  })
  @DisplayName("every ARN the context builds starts with the region's partition")
  void arnsUseTheRegionsPartition(String region, String partition) {
    var context = in(region);
    assertEquals(partition, context.partition());
    var head = "arn:" + partition + ":";
    assertEquals(
        head + "logs:" + region + ":123456789012:log-group:/kc",
        context.arn("logs", "log-group:/kc"));
    assertEquals(head + "iam::123456789012:root", context.accountRoot());
    assertEquals(head + "s3:::bucket/*", context.s3Arn("bucket/*"));
    assertEquals(head + "iam::aws:policy/Managed", context.managedPolicy("Managed"));
  }

  @Test
  @DisplayName("physical names keep their suffix, fit the limit and are valid lowercase names")
  void namesFitTheirLimit() {
    var longProject =
        new StackContext(
            "Knowledge_Card-" + "x".repeat(80), "prod", "us-east-1", "123456789012", Map.of());
    for (var context : List.of(in("us-east-1"), longProject)) {
      var name = context.name("-media-123456789012", 58);
      assertTrue(name.length() <= 58, name);
      assertTrue(name.endsWith("-media-123456789012"), name);
      assertTrue(name.matches("[a-z0-9][a-z0-9-]*"), name);
      assertTrue(!name.contains("--"), name);
    }
    assertEquals("knowledge-card-prod-db", in("us-east-1").name("-db", 63));
  }

  @Test
  @DisplayName("tags come out in the same (key) order on every run")
  void tagsAreSorted() {
    var context =
        new StackContext(
            "p", "s", "us-east-1", "123456789012", Map.of("Stack", "s", "Project", "p", "A", "1"));
    assertEquals(List.of("A", "Project", "Stack"), List.copyOf(context.tags().keySet()));
  }
}
