package dev.knowledgecard.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.testing.ConfigChecks;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule of the foundation: an invalid configuration names the key, the value and
 * what is allowed, and the program registers no resource at all.
 */
class StackConfigValidationTest {
  private static final String PLATFORM_CASES =
      "dev.knowledgecard.infra.config.PlatformConfigValidationTest#invalidConfigurations";

  static List<Arguments> invalidConfigurations() {
    return List.of(
        Arguments.of(
            "malformed VPC CIDR",
            "prod",
            Map.of("knowledge-card:vpcCidr", "10.0.0/16"),
            "knowledge-card:vpcCidr",
            "10.0.0/16",
            "CIDR form"),
        Arguments.of(
            "VPC CIDR with host bits",
            "prod",
            Map.of("knowledge-card:vpcCidr", "10.0.0.1/16"),
            "knowledge-card:vpcCidr",
            "10.0.0.1/16",
            "zero host bits"),
        Arguments.of(
            "too small VPC CIDR",
            "staging",
            Map.of("knowledge-card:vpcCidr", "10.0.0.0/26"),
            "knowledge-card:vpcCidr",
            "10.0.0.0/26",
            "/16 to /24"),
        Arguments.of(
            "subnet plan does not fit the VPC",
            "prod",
            Map.of("knowledge-card:vpcCidr", "10.0.0.0/20", "knowledge-card:appSubnetPrefix", "20"),
            "knowledge-card:vpcCidr",
            "10.0.0.0/20",
            "does not fit"),
        Arguments.of(
            "fewer than two availability zones",
            "staging",
            Map.of("knowledge-card:availabilityZones", "[\"us-east-1a\"]"),
            "knowledge-card:availabilityZones",
            "us-east-1a",
            "at least 2"),
        Arguments.of(
            "duplicate availability zones",
            "staging",
            Map.of("knowledge-card:availabilityZones", "[\"us-east-1a\",\"us-east-1a\"]"),
            "knowledge-card:availabilityZones",
            "us-east-1a,us-east-1a",
            "distinct"),
        Arguments.of(
            "availability zone outside the region",
            "staging",
            Map.of("knowledge-card:availabilityZones", "[\"us-east-1a\",\"eu-west-1b\"]"),
            "knowledge-card:availabilityZones",
            "eu-west-1b",
            "region us-east-1"),
        Arguments.of(
            "unknown environment",
            "staging",
            Map.of("knowledge-card:environment", "production"),
            "knowledge-card:environment",
            "production",
            "[staging, prod]"),
        Arguments.of(
            "unknown NAT strategy",
            "staging",
            Map.of("knowledge-card:natStrategy", "shared"),
            "knowledge-card:natStrategy",
            "shared",
            "single"),
        Arguments.of(
            "app port out of range",
            "staging",
            Map.of("knowledge-card:appPort", "70000"),
            "knowledge-card:appPort",
            "70000",
            "1024 to 65535"),
        Arguments.of(
            "database port not a number",
            "staging",
            Map.of("knowledge-card:databasePort", "pg"),
            "knowledge-card:databasePort",
            "pg",
            "an integer"),
        Arguments.of(
            "flow log retention CloudWatch does not accept",
            "staging",
            Map.of("knowledge-card:flowLogRetentionDays", "45"),
            "knowledge-card:flowLogRetentionDays",
            "45",
            "one of"),
        Arguments.of(
            "missing region",
            "staging",
            mapWithNull("aws:region"),
            "aws:region",
            "(unset)",
            "AWS region"),
        Arguments.of(
            "waiver of a control that is never waived",
            "staging",
            Map.of(
                "knowledge-card:waivers",
                "{\"RDS.2\":{\"reason\":\"we want a public database for demos\","
                    + "\"resources\":[\"staging-database-instance\"]}}"),
            "knowledge-card:waivers.RDS.2",
            "RDS.2",
            "never waived"),
        Arguments.of(
            "waiver without a real reason",
            "staging",
            Map.of(
                "knowledge-card:waivers",
                "{\"EC2.10\":{\"reason\":\"cost\",\"resources\":[\"staging-network-vpc\"]}}"),
            "knowledge-card:waivers.EC2.10.reason",
            "cost",
            "written reason"),
        Arguments.of(
            "misspelled key",
            "staging",
            Map.of("knowledge-card:natStategy", "perAz"),
            "knowledge-card:natStategy",
            "(set)",
            "not a setting of this program"),
        Arguments.of(
            "relaxed control without a waiver",
            "prod",
            Map.of("knowledge-card:interfaceEndpoints", "[]"),
            "knowledge-card:interfaceEndpoints",
            "[]",
            "relaxes control EC2.10"),
        Arguments.of(
            "prod endpoint interfaces in one zone only (its loss takes the endpoint)",
            "prod",
            Map.of("knowledge-card:interfaceEndpointZones", "1"),
            "knowledge-card:interfaceEndpointZones",
            "1",
            "an integer from 2 to 3"),
        Arguments.of(
            "endpoint interfaces in more zones than the stack has",
            "prod",
            Map.of("knowledge-card:interfaceEndpointZones", "4"),
            "knowledge-card:interfaceEndpointZones",
            "4",
            "an integer from 2 to 3"),
        Arguments.of(
            "NAT instances without the waivers a NAT instance forces",
            "prod",
            Map.of("knowledge-card:waivers", "{}"),
            "knowledge-card:natStrategy",
            "instance",
            "relaxes control EC2.9"),
        Arguments.of(
            "NAT instance without an EC2 endpoint and without the EC2.25 waiver",
            "prod",
            Map.of(
                "knowledge-card:interfaceEndpoints",
                "[]",
                "knowledge-card:waivers",
                "{\"EC2.10\":\"no endpoint in this test stack\"}"),
            "knowledge-card:natStrategy",
            "instance",
            "relaxes control EC2.25"));
  }

  @ParameterizedTest(name = "{0} is rejected and nothing is registered")
  @MethodSource({"invalidConfigurations", PLATFORM_CASES})
  void invalidConfigurationIsRejectedBeforeAnyResource(
      String rule,
      String stack,
      Map<String, String> overrides,
      String key,
      String value,
      String allowed) {
    ConfigChecks.assertRejected(
        rule, StackFixture.run(StackFixture.withConfig(stack, overrides)), key, value, allowed);
  }

  @Test
  @DisplayName("every problem is reported at once, not just the first")
  void allProblemsAreReportedTogether() {
    var result =
        StackFixture.run(
            StackFixture.withConfig(
                "prod",
                Map.of(
                    "knowledge-card:vpcCidr", "300.0.0.0/16",
                    "knowledge-card:natStrategy", "none",
                    "knowledge-card:appPort", "0")));

    var keys = ConfigChecks.problems(result).stream().map(ConfigProblem::key).toList();
    assertTrue(
        keys.containsAll(
            List.of(
                "knowledge-card:vpcCidr", "knowledge-card:natStrategy", "knowledge-card:appPort")),
        "reported: " + keys);
    assertEquals(List.of(), result.graph().declared());
  }

  @Test
  @DisplayName("the committed stack files are valid")
  void committedStackFilesAreValid() {
    for (var stack : List.of("staging", "prod")) {
      var result = StackFixture.committedStack(stack);
      assertTrue(result.succeeded(), stack + " failed: " + result.failures());
    }
  }

  private static Map<String, String> mapWithNull(String key) {
    var map = new HashMap<String, String>();
    map.put(key, null);
    return map;
  }

  @Test
  @DisplayName("the program learns the stack's keys from PULUMI_CONFIG, as the CLI passes them")
  void configKeysComeFromThePulumiConfigVariable() {
    assertEquals(
        new ConfigKeys(
            java.util.Set.of("aws:region", "knowledge-card:alarmWebhookUrl"),
            java.util.Set.of("knowledge-card:alarmWebhookUrl")),
        ConfigKeys.fromEnvironment(
            Map.of(
                "PULUMI_CONFIG",
                "{\"aws:region\":\"us-east-1\",\"knowledge-card:alarmWebhookUrl\":\"x\"}",
                "PULUMI_CONFIG_SECRET_KEYS",
                "[\"knowledge-card:alarmWebhookUrl\"]")));
    assertEquals(ConfigKeys.UNKNOWN, ConfigKeys.fromEnvironment(Map.of()));
  }
}
