package dev.knowledgecard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The container platform as the committed stack files compose it. */
class PlatformStackTest {

  private static ResourceGraph graph(String stack) {
    return StackFixture.committedStack(stack).graph();
  }

  private static final String DIGEST =
      "sha256:1111111111111111111111111111111111111111111111111111111111111111";

  /** A stack as the pipeline deploys it: its image (and so its migration image) set. */
  private static ResourceGraph deployed(String stack) {
    return StackFixture.succeed(
            StackFixture.run(
                StackFixture.withConfig(stack, Map.of("knowledge-card:imageTag", DIGEST))))
        .graph();
  }

  @ParameterizedTest(name = "{0}: the pipeline's outputs are exported under their contract names")
  @ValueSource(strings = {"staging", "prod"})
  void pipelineOutputsExist(String stack) {
    var outputs = StackFixture.committedStack(stack).outputs();
    for (var name :
        List.of(
            "publicUrl", "albDnsName", "ecrRepositoryUrl", "ecrRepositoryName", "logGroupName")) {
      assertTrue(outputs.containsKey(name), stack + " lacks output " + name);
    }
    // Never deployed by the pipeline: no image outputs, which the scripts read as "no previous".
    assertFalse(outputs.containsKey("imageTag"));
    assertFalse(outputs.containsKey("migrationImageTag"));
    var deployed =
        StackFixture.run(StackFixture.withConfig(stack, Map.of("knowledge-card:imageTag", DIGEST)))
            .outputs();
    assertEquals(DIGEST, deployed.get("imageTag"));
    assertEquals(DIGEST, deployed.get("migrationImageTag"), "defaults to imageTag");
  }

  @ParameterizedTest(name = "{0}: before the first image the service exists with zero tasks")
  @ValueSource(strings = {"staging", "prod"})
  void zeroTasksUntilTheFirstImage(String stack) {
    var g = graph(stack);
    assertEquals(
        0, g.named("aws:ecs/service:Service", stack + "-app-service").prop("desiredCount").asInt());
    var target = g.named("aws:appautoscaling/target:Target", stack + "-app-scaling-target");
    assertEquals(0, target.prop("minCapacity").asInt());
    assertEquals(0, target.prop("maxCapacity").asInt(), "nothing may scale a service out of 0");
    for (var task : List.of("-app-task", "-app-migration-task")) {
      var containers =
          json(
              g.named("aws:ecs/taskDefinition:TaskDefinition", stack + task)
                  .prop("containerDefinitions")
                  .asText());
      assertTrue(
          containers.get(0).path("image").asText().endsWith(":no-image-pushed-yet"),
          "a valid task definition naming no pushed image: " + containers);
    }
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

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(text, e);
    }
  }

  @ParameterizedTest(name = "{0}: service outputs for the pipeline and the alarms")
  @ValueSource(strings = {"staging", "prod"})
  void serviceOutputsExist(String stack) {
    var outputs = StackFixture.committedStack(stack).outputs();
    for (var name :
        List.of("clusterName", "serviceName", "taskDefinitionFamily", "migrationTask")) {
      assertTrue(outputs.containsKey(name), stack + " lacks output " + name);
    }
    assertEquals("knowledge-card-" + stack + "-app", outputs.get("taskDefinitionFamily"));
    var migration = (java.util.Map<?, ?>) outputs.get("migrationTask");
    assertEquals("knowledge-card-" + stack + "-migrate", migration.get("taskDefinitionFamily"));
    assertEquals(outputs.get("clusterName"), migration.get("cluster"));
    assertEquals(outputs.get("appSubnetIds"), migration.get("subnets"));
    assertEquals(List.of(outputs.get("appSecurityGroupId")), migration.get("securityGroups"));
    assertEquals(outputs.get("logGroupName"), migration.get("logGroupName"));
  }

  @ParameterizedTest(name = "{0}: {1} tasks, autoscaling {2}..{3}, {4} CPU units, Insights {5}")
  @CsvSource({"staging,1,1,2,256,disabled", "prod,2,2,6,512,enabled"})
  void serviceSizeAndScaling(
      String stack, int desired, int min, int max, int cpu, String insights) {
    var g = deployed(stack);
    var service = g.named("aws:ecs/service:Service", stack + "-app-service");
    assertEquals(desired, service.prop("desiredCount").asInt());
    if (stack.equals("prod")) {
      assertTrue(service.prop("desiredCount").asInt() >= 2, "prod runs at least 2 tasks");
    }
    var target = g.named("aws:appautoscaling/target:Target", stack + "-app-scaling-target");
    assertEquals(min, target.prop("minCapacity").asInt());
    assertEquals(max, target.prop("maxCapacity").asInt());
    assertEquals(
        cpu,
        g.named("aws:ecs/taskDefinition:TaskDefinition", stack + "-app-task").prop("cpu").asInt());
    assertEquals(
        insights,
        g.named("aws:ecs/cluster:Cluster", stack + "-app-cluster")
            .prop("settings")
            .get(0)
            .path("value")
            .asText());
  }

  @ParameterizedTest(name = "{0}: tasks run in the app subnets with the app group, behind the ALB")
  @ValueSource(strings = {"staging", "prod"})
  void serviceWiredToNetworkAndLoadBalancer(String stack) {
    var result = StackFixture.committedStack(stack);
    var g = result.graph();
    var service = g.named("aws:ecs/service:Service", stack + "-app-service");
    assertEquals(
        result.outputs().get("appSubnetIds"),
        new com.fasterxml.jackson.databind.ObjectMapper()
            .convertValue(service.prop("networkConfiguration.subnets"), List.class));
    assertEquals(
        result.outputs().get("appSecurityGroupId"),
        service.prop("networkConfiguration.securityGroups").get(0).asText());
    assertEquals(
        g.named("aws:lb/targetGroup:TargetGroup", stack + "-lb-tg").id(),
        service.prop("loadBalancers").get(0).path("targetGroupArn").asText());
    assertTrue(
        service
            .dependencies()
            .contains(g.named("aws:lb/listener:Listener", stack + "-lb-https").urn()),
        "the service waits for the listener that forwards to its target group");
  }

  @ParameterizedTest(
      name = "{0}: the data tier's secrets are injected, granted exactly, never in env")
  @ValueSource(strings = {"staging", "prod"})
  void dataTierSecretsInjectedAndGrantedExactly(String stack) {
    var result = StackFixture.committedStack(stack);
    var g = result.graph();
    var container =
        json(g.named("aws:ecs/taskDefinition:TaskDefinition", stack + "-app-task")
                .prop("containerDefinitions")
                .asText())
            .get(0);
    var secretArns = (java.util.Map<?, ?>) result.outputs().get("appSecretArns");
    var injected = new java.util.TreeMap<String, String>();
    container
        .path("secrets")
        .forEach(s -> injected.put(s.path("name").asText(), s.path("valueFrom").asText()));
    assertEquals(new java.util.TreeSet<>(secretArns.keySet()), injected.keySet());
    injected.forEach(
        (name, from) ->
            assertTrue(
                from.startsWith(String.valueOf(secretArns.get(name))),
                name + " reads " + from + ", not its secret " + secretArns.get(name)));
    container
        .path("environment")
        .forEach(
            e -> {
              assertTrue(!injected.containsKey(e.path("name").asText()), e.toString());
              // Only *_SECRET_ARN names a secret (an ARN, not a value), for re-reads on rotation.
              var name = e.path("name").asText();
              if (name.equals("DB_SECRET_ARN")) {
                assertEquals(secretArns.get("DB_PASSWORD"), e.path("value").asText(), e.toString());
              } else if (name.equals("SESSION_SECRET_ARN")) {
                assertEquals(secretArns.get("NEXTAUTH_SECRET"), e.path("value").asText());
              } else {
                assertTrue(!e.path("value").asText().contains(":secretsmanager:"), e.toString());
              }
            });
    var policy =
        json(
            g.named(
                    "aws:iam/rolePolicy:RolePolicy",
                    stack + "-app-execution-injected-secrets-policy")
                .prop("policy")
                .asText());
    var granted = new java.util.TreeSet<String>();
    policy
        .path("Statement")
        .forEach(
            s -> {
              if (s.path("Action").toString().contains("secretsmanager:GetSecretValue")) {
                s.path("Resource").forEach(r -> granted.add(r.asText()));
              }
            });
    var expected = new java.util.TreeSet<String>();
    secretArns.values().forEach(v -> expected.add(String.valueOf(v)));
    assertEquals(expected, granted, "exactly the injected secrets");
    var storage =
        g.named("aws:iam/rolePolicy:RolePolicy", stack + "-app-task-storage-policy")
            .prop("policy")
            .asText();
    assertTrue(
        storage.contains("arn:aws:s3:::" + result.outputs().get("mediaBucketName") + "/*"),
        "the task role gets the media bucket's policy: " + storage);
  }

  @ParameterizedTest(name = "{0}: no platform role policy grants a wildcard action")
  @ValueSource(strings = {"staging", "prod"})
  void noWildcardActionsInPlatformRoles(String stack) {
    for (var rp : graph(stack).ofType("aws:iam/rolePolicy:RolePolicy")) {
      if (!rp.name().startsWith(stack + "-app-")) {
        continue;
      }
      json(rp.prop("policy").asText())
          .path("Statement")
          .forEach(
              s ->
                  s.path("Action")
                      .forEach(
                          a -> assertTrue(!a.asText().contains("*"), rp.name() + " grants " + a)));
    }
  }

  @ParameterizedTest(name = "{0}: the image publisher pushes to this stack's repository only")
  @ValueSource(strings = {"staging", "prod"})
  void imagePublisherTargetsTheStackRepository(String stack) {
    var result = StackFixture.committedStack(stack);
    var g = result.graph();
    assertTrue(result.outputs().containsKey("imagePublisherRoleArn"));
    var repositoryArn =
        "arn:aws:ecr:us-east-1:"
            + StackFixture.accountId(stack)
            + ":repository/"
            + result.outputs().get("ecrRepositoryName");
    var policy =
        json(
            g.named("aws:iam/rolePolicy:RolePolicy", stack + "-image-publisher-push")
                .prop("policy")
                .asText());
    var push = new java.util.ArrayList<String>();
    policy
        .path("Statement")
        .forEach(
            st -> {
              if (st.path("Sid").asText().equals("PushToThisStacksRepository")) {
                st.path("Resource").forEach(r -> push.add(r.asText()));
              }
            });
    assertEquals(List.of(repositoryArn), push);
  }

  @ParameterizedTest(name = "{0}: alarms watch the platform's service and load balancer")
  @ValueSource(strings = {"staging", "prod"})
  void monitoringWatchesThePlatform(String stack) {
    var result = StackFixture.committedStack(stack);
    var g = result.graph();
    assertTrue(result.outputs().containsKey("dashboardUrl"));
    var alb = g.named("aws:lb/loadBalancer:LoadBalancer", stack + "-lb-alb");
    var albSuffix =
        alb.id().substring(alb.id().indexOf("loadbalancer/") + "loadbalancer/".length());
    var clusterName = String.valueOf(result.outputs().get("clusterName"));
    var alarms = g.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
    assertTrue(
        alarms.stream().anyMatch(a -> a.props().toString().contains(albSuffix)),
        "no alarm on the load balancer " + albSuffix);
    assertTrue(
        alarms.stream().anyMatch(a -> a.props().toString().contains(clusterName)),
        "no alarm on the cluster " + clusterName);
  }
}
