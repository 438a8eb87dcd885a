package dev.knowledgecard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.synth.ResourceGraph;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The container platform as the committed stack files compose it. */
class PlatformStackTest {

  private static ResourceGraph graph(String stack) {
    return StackFixture.committedStack(stack).graph();
  }

  @ParameterizedTest(name = "{0}: the pipeline's outputs are exported under their contract names")
  @ValueSource(strings = {"staging", "prod"})
  void pipelineOutputsExist(String stack) {
    var outputs = StackFixture.committedStack(stack).outputs();
    for (var name :
        List.of(
            "publicUrl",
            "albDnsName",
            "ecrRepositoryUrl",
            "ecrRepositoryName",
            "imageTag",
            "migrationImageTag",
            "logGroupName")) {
      assertTrue(outputs.containsKey(name), stack + " lacks output " + name);
    }
    assertEquals("initial", outputs.get("imageTag"));
    assertEquals("initial", outputs.get("migrationImageTag"), "defaults to imageTag");
  }

  @ParameterizedTest(name = "{0}: served at {1} over HTTPS with an HTTP redirect")
  @CsvSource({"staging,https://staging.knowledgecard.app", "prod,https://knowledgecard.app"})
  void servedOverHttps(String stack, String url) {
    assertEquals(url, StackFixture.committedStack(stack).outputs().get("publicUrl"));
    var g = graph(stack);
    assertEquals(
        "HTTPS",
        g.named("aws:lb/listener:Listener", stack + "-lb-https").prop("protocol").asText());
    assertEquals(
        "redirect",
        g.named("aws:lb/listener:Listener", stack + "-lb-http")
            .prop("defaultActions")
            .get(0)
            .path("type")
            .asText());
  }

  @ParameterizedTest(name = "{0}: ALB deletion protection {1}, logs kept {2} days")
  @CsvSource({"staging,false,30", "prod,true,90"})
  void deletionProtectionAndLogRetention(String stack, boolean protection, int days) {
    var g = graph(stack);
    assertEquals(
        protection,
        g.named("aws:lb/loadBalancer:LoadBalancer", stack + "-lb-alb")
            .prop("enableDeletionProtection")
            .asBoolean());
    assertEquals(
        days,
        g.named(
                "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                stack + "-lb-logs-lifecycle")
            .prop("rules")
            .get(0)
            .path("expiration")
            .path("days")
            .asInt());
  }

  @ParameterizedTest(name = "{0}: the ALB sits in every public subnet behind the ALB group")
  @ValueSource(strings = {"staging", "prod"})
  void albInPublicSubnetsWithItsGroup(String stack) {
    var g = graph(stack);
    var alb = g.named("aws:lb/loadBalancer:LoadBalancer", stack + "-lb-alb");
    var publicSubnets = StackFixture.committedStack(stack).outputs().get("publicSubnetIds");
    assertEquals(
        publicSubnets,
        new com.fasterxml.jackson.databind.ObjectMapper()
            .convertValue(alb.prop("subnets"), List.class));
    assertTrue(((List<?>) publicSubnets).size() >= 2, "ELB.13");
    var albGroup = g.named("aws:ec2/securityGroup:SecurityGroup", stack + "-sg-alb");
    assertEquals(albGroup.id(), alb.prop("securityGroups").get(0).asText());
    var tg = g.named("aws:lb/targetGroup:TargetGroup", stack + "-lb-tg");
    assertEquals(
        g.named("aws:ec2/vpc:Vpc", stack + "-network-vpc").id(), tg.prop("vpcId").asText());
  }
}
