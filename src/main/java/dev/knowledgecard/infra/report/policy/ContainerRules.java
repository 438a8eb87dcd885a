package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.ECR_REPOSITORY;
import static dev.knowledgecard.infra.graph.AwsTypes.ECS_CLUSTER;
import static dev.knowledgecard.infra.graph.AwsTypes.ECS_SERVICE;
import static dev.knowledgecard.infra.graph.AwsTypes.TASK_DEFINITION;
import static dev.knowledgecard.infra.report.policy.Checks.each;
import static dev.knowledgecard.infra.report.policy.Checks.equalsText;
import static dev.knowledgecard.infra.report.policy.Checks.isFalse;
import static dev.knowledgecard.infra.report.policy.Checks.isTrue;
import static dev.knowledgecard.infra.report.policy.Checks.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.EcrLifecyclePolicy;
import dev.knowledgecard.infra.graph.aws.EcrRepository;
import dev.knowledgecard.infra.graph.aws.EcsCluster;
import dev.knowledgecard.infra.graph.aws.EcsService;
import dev.knowledgecard.infra.graph.aws.TaskDefinition;
import dev.knowledgecard.infra.report.policy.Checks.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * ECS services, task definitions and their containers (ECS.*), and the image repository (ECR.*).
 * Container definitions are ECS's JSON, not the provider's schema: their fields are read by name.
 */
final class ContainerRules {
  private static final Subjects REPOSITORIES = new Subjects(ECR_REPOSITORY, "ECR repository");
  private static final Subjects CLUSTERS = new Subjects(ECS_CLUSTER, "ECS cluster");
  private static final Subjects SERVICES = new Subjects(ECS_SERVICE, "ECS service");
  private static final Subjects TASKS = new Subjects(TASK_DEFINITION, "ECS task definition");

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_KEY|AUTH_DATA).*");

  static final List<Rule> ALL =
      List.of(
          new Rule(
              "ECS.2",
              g ->
                  SERVICES.each(
                      g,
                      "tasks get no public IP",
                      r -> isFalse(r, EcsService.ASSIGN_PUBLIC_IP, false))),
          new Rule(
              "ECS.3",
              g ->
                  TASKS.each(
                      g,
                      "no task shares the host PID namespace",
                      t ->
                          "host".equals(TaskDefinition.PID_MODE.of(t).asText(""))
                              ? Optional.of("pidMode is host")
                              : Optional.empty())),
          new Rule(
              "ECS.4",
              g ->
                  eachContainer(
                      g,
                      "no container is privileged",
                      c -> c.path("privileged").asBoolean(false) ? "privileged" : null)),
          new Rule(
              "ECS.5",
              g ->
                  eachContainer(
                      g,
                      "every container has a read-only root filesystem",
                      c ->
                          c.path("readonlyRootFilesystem").asBoolean(false)
                              ? null
                              : "readonlyRootFilesystem is not true")),
          new Rule(
              "ECS.8", g -> eachContainer(g, "secrets only in `secrets`", ContainerRules::ecs8)),
          new Rule(
              "ECS.9",
              g ->
                  eachContainer(
                      g,
                      "every container has a log configuration",
                      c ->
                          c.path("logConfiguration").path("logDriver").isTextual()
                              ? null
                              : "no logConfiguration")),
          new Rule("ECS.10", ContainerRules::ecs10LatestPlatform),
          new Rule("ECS.12", ContainerRules::ecs12ContainerInsights),
          new Rule(
              "ECS.17",
              g ->
                  TASKS.each(
                      g,
                      "awsvpc networking",
                      t ->
                          "awsvpc".equals(TaskDefinition.NETWORK_MODE.of(t).asText(""))
                              ? Optional.empty()
                              : Optional.of(
                                  "networkMode is "
                                      + TaskDefinition.NETWORK_MODE.of(t).asText("unset")))),
          new Rule(
              "ECS.20",
              g -> eachContainer(g, "every container runs as non-root", ContainerRules::ecs20)),
          new Rule(
              "ECR.1",
              g ->
                  REPOSITORIES.each(
                      g, "scans on push", r -> isTrue(r, EcrRepository.SCAN_ON_PUSH, false))),
          new Rule(
              "ECR.2",
              g ->
                  REPOSITORIES.each(
                      g,
                      "tags are immutable",
                      r ->
                          equalsText(
                              r, EcrRepository.IMAGE_TAG_MUTABILITY, "IMMUTABLE", "MUTABLE"))),
          new Rule(
              "ECR.3",
              g ->
                  REPOSITORIES.each(
                      g,
                      "has a lifecycle policy",
                      r ->
                          g.referencing(r, EcrLifecyclePolicy.REPOSITORY).isEmpty()
                              ? Optional.of("no aws:ecr/lifecyclePolicy refers to it")
                              : Optional.empty())));

  private ContainerRules() {}

  /** Checks every container of every task definition; the function names a problem or null. */
  private static Finding eachContainer(
      StackGraph g, String passReason, Function<JsonNode, String> problem) {
    return TASKS.each(
        g,
        passReason,
        task -> {
          var definitions = parse(TaskDefinition.CONTAINER_DEFINITIONS.of(task));
          if (definitions.isEmpty() || !definitions.get().isArray()) {
            return Optional.of("containerDefinitions is not readable JSON offline");
          }
          var problems = new ArrayList<String>();
          for (var c : definitions.get()) {
            var p = problem.apply(c);
            if (p != null) {
              problems.add("container " + c.path("name").asText("?") + " " + p);
            }
          }
          return problems.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", problems));
        });
  }

  private static String ecs8(JsonNode container) {
    var flagged = new ArrayList<String>();
    for (var env : container.path("environment")) {
      var name = env.path("name").asText("");
      if (SECRET_NAME.matcher(name).matches() && !name.toUpperCase(Locale.ROOT).endsWith("_ARN")) {
        flagged.add(name);
      }
    }
    return flagged.isEmpty() ? null : "has secret-like environment variables " + flagged;
  }

  private static String ecs20(JsonNode container) {
    var user = container.path("user").asText("");
    if (user.isEmpty()) {
      return "sets no user (runs as the image's user, root unless the image says otherwise)";
    }
    var name = user.split(":")[0];
    return "root".equals(name) || "0".equals(name) ? "runs as " + user : null;
  }

  private static Finding ecs10LatestPlatform(StackGraph g) {
    // Fargate by launch type or by capacity provider; the platform version only exists there.
    var fargate =
        g.all(ECS_SERVICE).stream()
            .filter(
                s ->
                    "FARGATE".equals(EcsService.LAUNCH_TYPE.of(s).asText(""))
                        || EcsService.CAPACITY_PROVIDER_STRATEGIES
                            .of(s)
                            .toString()
                            .contains("FARGATE"))
            .toList();
    if (fargate.isEmpty()) {
      return Finding.notApplicable("no Fargate service in the graph");
    }
    return each(
        fargate,
        "Fargate service",
        "runs the LATEST platform version",
        s -> {
          var version = EcsService.PLATFORM_VERSION.of(s).asText("LATEST");
          return "LATEST".equals(version)
              ? Optional.empty()
              : Optional.of("platformVersion is pinned to " + version);
        });
  }

  private static Finding ecs12ContainerInsights(StackGraph g) {
    return CLUSTERS.each(
        g,
        "Container Insights enabled",
        (GraphResource c) -> {
          for (var setting : EcsCluster.SETTINGS.of(c)) {
            var value = EcsCluster.SETTINGS_VALUE.in(setting).asText("");
            if ("containerInsights".equals(EcsCluster.SETTINGS_NAME.in(setting).asText(""))
                && ("enabled".equals(value) || "enhanced".equals(value))) {
              return Optional.empty();
            }
          }
          return Optional.of("no containerInsights=enabled setting");
        });
  }
}
