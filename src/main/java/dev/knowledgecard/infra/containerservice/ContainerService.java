package dev.knowledgecard.infra.containerservice;

import com.pulumi.aws.appautoscaling.Policy;
import com.pulumi.aws.appautoscaling.PolicyArgs;
import com.pulumi.aws.appautoscaling.Target;
import com.pulumi.aws.appautoscaling.TargetArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs;
import com.pulumi.aws.ecs.Cluster;
import com.pulumi.aws.ecs.ClusterArgs;
import com.pulumi.aws.ecs.Service;
import com.pulumi.aws.ecs.ServiceArgs;
import com.pulumi.aws.ecs.TaskDefinition;
import com.pulumi.aws.ecs.TaskDefinitionArgs;
import com.pulumi.aws.ecs.inputs.ClusterSettingArgs;
import com.pulumi.aws.ecs.inputs.ServiceDeploymentCircuitBreakerArgs;
import com.pulumi.aws.ecs.inputs.ServiceDeploymentControllerArgs;
import com.pulumi.aws.ecs.inputs.ServiceLoadBalancerArgs;
import com.pulumi.aws.ecs.inputs.ServiceNetworkConfigurationArgs;
import com.pulumi.aws.ecs.inputs.TaskDefinitionRuntimePlatformArgs;
import com.pulumi.aws.ecs.inputs.TaskDefinitionVolumeArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import dev.knowledgecard.infra.iam.RoleGrants;
import dev.knowledgecard.infra.securitygroups.Connections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The app on ECS Fargate: a cluster, a least-privilege execution role (ECR login, and what the
 * owners of the repository, log group and secrets granted) and task role (what the owners of the
 * bucket, cache and secrets granted, ECS Exec messages when enabled), the app task definition, the
 * service behind the load balancer with circuit-breaker rollback and full capacity during deploys,
 * target-tracking autoscaling, and a one-off migration task definition the pipeline runs before the
 * service moves to a new image.
 *
 * <p>The image tag has exactly one owner, the stack config ({@code imageTag}, {@code
 * migrationImageTag}): the pipeline sets it and runs {@code pulumi up}, so Pulumi never reverts a
 * deploy and nothing else registers task definitions. The service's desired count belongs to
 * autoscaling after creation (ignored on update), so {@code pulumi up} never resets a scale-out.
 *
 * <pre>{@code
 * var roles = TaskRoles.create();
 * registry.grantPull(roles.execution());
 * logs.grantWrite(roles.execution());
 * storage.grantReadWrite(roles.task());
 * var app = new ContainerService("prod-app",
 *     ContainerServiceArgs.builder().settings(config.service()).serviceRoles(roles)...build(),
 *     context, options);
 * app.allowFrom(lb.connections(), "Forward requests to application tasks");
 * }</pre>
 */
public final class ContainerService extends ComponentResource {
  private final String migrationFamily;
  public static final String TYPE = "knowledge-card:containerservice:ContainerService";

  public static final String APP_CONTAINER = "app";
  public static final String MIGRATION_CONTAINER = "migrate";
  public static final List<String> MIGRATION_COMMAND = List.of("npm", "run", "migrate");
  public static final String APP_LOG_STREAM_PREFIX = "app";
  public static final String MIGRATION_LOG_STREAM_PREFIX = "migrate";

  /** Non-secret variables the service sets; a secret of the same name is rejected. */
  public static final Set<String> PLAIN_ENVIRONMENT =
      Set.of(
          "NODE_ENV",
          "PORT",
          "DB_HOST",
          "DB_PORT",
          "DB_NAME",
          "DB_SSL",
          "DB_SECRET_ARN",
          "DB_APP_USER",
          "REDIS_HOST",
          "REDIS_PORT",
          "REDIS_TLS",
          "REDIS_AUTH_MODE",
          "REDIS_USER",
          "REDIS_CACHE_NAME",
          "SESSION_SECRET_ARN",
          "MEDIA_BUCKET",
          "AWS_REGION",
          "PUBLIC_URL");

  /** Paths the app writes under its read-only root filesystem, each an ephemeral volume. */
  static final Map<String, String> APP_WRITABLE_PATHS =
      orderedMap("tmp", "/tmp", "next-cache", "/app/.next/cache");

  /**
   * Where ECS Exec's SSM agent writes. AWS documents ECS Exec as unsupported with a read-only root
   * filesystem (ECS.5, never waived here); writable volumes at these paths are the workaround
   * tracked in aws/containers-roadmap#1359. Mounted only when ECS Exec is on.
   */
  static final Map<String, String> EXEC_AGENT_PATHS =
      orderedMap(
          "ssm-managed-agents", "/managed-agents",
          "ssm-agent-state", "/var/lib/amazon/ssm",
          "ssm-agent-logs", "/var/log/amazon/ssm");

  static final List<String> EXEC_ACTIONS =
      List.of(
          "ssmmessages:CreateControlChannel",
          "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel",
          "ssmmessages:OpenDataChannel");

  static final int SCALE_OUT_COOLDOWN_SECONDS = 60;
  static final int SCALE_IN_COOLDOWN_SECONDS = 300;

  private final String name;
  private final CustomResourceOptions child;
  private final StackContext context;
  private final Connections connections;

  private final Output<String> clusterName;
  private final Output<String> serviceName;
  private final Output<String> taskDefinitionFamily;
  private final Output<Map<String, Object>> migrationTask;

  public ContainerService(
      String name,
      ContainerServiceArgs args,
      StackContext context,
      ComponentResourceOptions options) {
    super(TYPE, name, options);
    this.name = name;
    this.child = CustomResourceOptions.builder().parent(this).build();
    this.context = context;
    this.connections = args.connections();
    var settings = args.settings();
    connections.allowHttpsOut("HTTPS to AWS APIs and external services, via NAT or endpoints");

    var cluster =
        new Cluster(
            name + "-cluster",
            ClusterArgs.builder()
                .settings(
                    ClusterSettingArgs.builder()
                        .name("containerInsights")
                        .value(settings.containerInsights() ? "enabled" : "disabled")
                        .build())
                .build(),
            child);

    var service = args.serviceRoles();
    var executionRole = executionRole(args, "", "the app tasks", service.execution());
    var taskRole = taskRole(args, "", service.task(), settings.enableExecuteCommand());
    // The migration task's own roles: only they may read the master secret, which grants them.
    var migration = args.migrationRoles();
    args.masterSecret().grantRead(migration.execution());
    args.masterSecret().grantRead(migration.task());
    var migrationExecutionRole =
        executionRole(args, "-migration", "the migration task", migration.execution());
    var migrationTaskRole = taskRole(args, "-migration", migration.task(), false);

    var writable = new LinkedHashMap<>(APP_WRITABLE_PATHS);
    if (settings.enableExecuteCommand()) {
      writable.putAll(EXEC_AGENT_PATHS);
    }
    this.migrationFamily = context.namePrefix() + "-migrate";
    var app =
        taskDefinition(
            "-task",
            context.namePrefix() + "-app",
            args,
            executionRole,
            taskRole,
            TaskEnvironment.containerJson(
                args,
                context.region(),
                TaskEnvironment.service(args, context.region()),
                args.containerSecrets(),
                settings.serviceImage(),
                new ContainerSpec.Kind(
                    APP_CONTAINER,
                    Optional.of(args.appPort()),
                    Optional.empty(),
                    APP_LOG_STREAM_PREFIX,
                    writable)));
    var migrationTask =
        taskDefinition(
            "-migration-task",
            migrationFamily,
            args,
            migrationExecutionRole,
            migrationTaskRole,
            TaskEnvironment.containerJson(
                args,
                context.region(),
                TaskEnvironment.migration(args, context.region()),
                args.migrationSecrets(),
                settings.migrationTaskImage(),
                new ContainerSpec.Kind(
                    MIGRATION_CONTAINER,
                    Optional.empty(),
                    Optional.of(MIGRATION_COMMAND),
                    MIGRATION_LOG_STREAM_PREFIX,
                    APP_WRITABLE_PATHS)));

    var ecsService =
        new Service(
            name + "-service",
            ServiceArgs.builder()
                .cluster(cluster.arn())
                .taskDefinition(app.arn())
                .launchType("FARGATE")
                .platformVersion("LATEST")
                .desiredCount(settings.runningDesiredCount())
                // Full capacity during a rolling deploy: new tasks start before old ones stop.
                .deploymentMinimumHealthyPercent(100)
                .deploymentMaximumPercent(200)
                .deploymentController(ServiceDeploymentControllerArgs.builder().type("ECS").build())
                .deploymentCircuitBreaker(
                    ServiceDeploymentCircuitBreakerArgs.builder()
                        .enable(true)
                        .rollback(true)
                        .build())
                .healthCheckGracePeriodSeconds(settings.healthCheckGracePeriodSeconds())
                .enableExecuteCommand(settings.enableExecuteCommand())
                .availabilityZoneRebalancing("ENABLED")
                .propagateTags("SERVICE")
                .enableEcsManagedTags(true)
                .networkConfiguration(
                    ServiceNetworkConfigurationArgs.builder()
                        .subnets(args.subnetIds())
                        .securityGroups(connections.id().applyValue(List::of))
                        .assignPublicIp(false)
                        .build())
                .loadBalancers(
                    ServiceLoadBalancerArgs.builder()
                        .targetGroupArn(args.targetGroupArn())
                        .containerName(APP_CONTAINER)
                        .containerPort(args.appPort())
                        .build())
                // `pulumi up` returns when the deployment is stable (or rolled back), so a
                // pipeline step fails on a bad image instead of passing before tasks start.
                .waitForSteadyState(true)
                .build(),
            CustomResourceOptions.builder()
                .parent(this)
                // Autoscaling owns the running count after creation. A stack created before its
                // first image starts with 0 tasks; when the pipeline's up raises the scaling floor,
                // Application Auto Scaling moves the count into the new range (AWS API reference,
                // RegisterScalableTarget: "it changes the resource's current capacity to a value
                // that is inside of this range").
                .ignoreChanges("desiredCount")
                .build());

    autoscaling(args, cluster, ecsService);

    this.clusterName = cluster.name();
    this.serviceName = ecsService.name();
    this.taskDefinitionFamily = app.family();
    this.migrationTask =
        Output.tuple(
                cluster.name(),
                migrationTask.family(),
                args.subnetIds(),
                connections.id(),
                args.logGroupName())
            .applyValue(
                t -> {
                  var task = new LinkedHashMap<String, Object>();
                  task.put("cluster", t.t1);
                  task.put("taskDefinitionFamily", t.t2);
                  task.put("containerName", MIGRATION_CONTAINER);
                  task.put("subnets", t.t3);
                  task.put("securityGroups", List.of(t.t4));
                  task.put("command", MIGRATION_COMMAND);
                  task.put("logGroupName", t.t5);
                  task.put("logStreamPrefix", MIGRATION_LOG_STREAM_PREFIX);
                  return java.util.Collections.unmodifiableMap(task);
                });
    registerOutputs(
        Map.of(
            "clusterName", clusterName,
            "serviceName", serviceName,
            "taskDefinitionFamily", taskDefinitionFamily,
            "migrationTaskDefinitionFamily", migrationTask.family()));
  }

  public Output<String> clusterName() {
    return clusterName;
  }

  public Output<String> serviceName() {
    return serviceName;
  }

  public Output<String> taskDefinitionFamily() {
    return taskDefinitionFamily;
  }

  /**
   * Everything {@code aws ecs run-task} needs to run the migration like the app runs: {@code
   * cluster}, {@code taskDefinitionFamily}, {@code containerName}, {@code subnets}, {@code
   * securityGroups}, {@code command}, {@code logGroupName}, {@code logStreamPrefix} (the log stream
   * is {@code <logStreamPrefix>/<containerName>/<task id>}).
   */
  public Output<Map<String, Object>> migrationTask() {
    return migrationTask;
  }

  /** The tasks' security group, for what they call to admit them. */
  public Connections connections() {
    return connections;
  }

  /** Lets {@code peer} reach the app port; {@code why} describes the peer's egress rule. */
  public void allowFrom(Connections peer, String why) {
    connections.allowDefaultPortFrom(peer, why);
  }

  /**
   * An execution role: log in to ECR, and what the owners granted (pull the image, write the log
   * group, read the injected secrets).
   */
  private GrantedRole executionRole(
      ContainerServiceArgs args, String suffix, String what, RoleGrants grants) {
    var role =
        ecsTasksRole(
            args,
            suffix + "-execution-role",
            "ECS agent for " + what + ": pull the image, write logs, read secrets",
            PolicyStatement.allow("EcsTasksAssume"));
    var policies = new ArrayList<RolePolicy>();
    // GetAuthorizationToken has no resource-level permissions: AWS requires "*", so no repository
    // owns (or grants) it.
    policies.add(
        ownPolicy(
            role,
            suffix + "-execution-policy",
            PolicyStatement.allow("EcrLogin").actions("ecr:GetAuthorizationToken").resource("*")));
    policies.addAll(grants.attachTo(role, name + suffix + "-execution", child));
    return new GrantedRole(role, policies);
  }

  /** A task role: what the owners granted the app, ECS Exec if on. */
  private GrantedRole taskRole(
      ContainerServiceArgs args, String suffix, RoleGrants grants, boolean exec) {
    // Confused-deputy guard: only ECS acting for this account.
    var trust =
        PolicyStatement.allow("EcsTasksOfThisAccountAssume")
            .condition("StringEquals", "aws:SourceAccount", context.accountId())
            .condition("ArnLike", "aws:SourceArn", context.arn("ecs", "*"));
    var access = String.join(", ", grants.labels()) + (exec ? ", ECS Exec" : "");
    var what = suffix.isEmpty() ? "" : " in the migration task";
    var role =
        ecsTasksRole(
            args, suffix + "-task-role", "The app's own AWS access" + what + ": " + access, trust);
    var policies = new ArrayList<>(grants.attachTo(role, name + suffix + "-task", child));
    if (exec) {
      // Session Manager channels have no resource-level permissions: "*".
      policies.add(
          ownPolicy(
              role,
              "-task-exec-policy",
              PolicyStatement.allow("EcsExecSessionChannels").actions(EXEC_ACTIONS).resource("*")));
    }
    return new GrantedRole(role, policies);
  }

  /** A role ECS tasks assume, bounded like every workload role; {@code trust} names the terms. */
  private Role ecsTasksRole(
      ContainerServiceArgs args, String suffix, String description, PolicyStatement.Builder trust) {
    return new Role(
        name + suffix,
        args.confinement()
            .confine(RoleArgs.builder())
            .description(description)
            .assumeRolePolicy(
                PolicyDocument.of(
                    trust
                        .servicePrincipal("ecs-tasks.amazonaws.com")
                        .actions("sts:AssumeRole")
                        .build()))
            .build(),
        child);
  }

  /** An inline policy of the role's own, for rights no other component owns. */
  private RolePolicy ownPolicy(Role role, String suffix, PolicyStatement.Builder statement) {
    return new RolePolicy(
        name + suffix,
        RolePolicyArgs.builder()
            .role(role.id())
            .policy(PolicyDocument.of(statement.build()))
            .build(),
        child);
  }

  /**
   * A role and its inline policies: a task definition waits for them, so no task of a new revision
   * starts before the rights it needs exist (IAM applies a policy only once it is put).
   */
  private record GrantedRole(Role role, List<RolePolicy> policies) {}

  private TaskDefinition taskDefinition(
      String suffix,
      String family,
      ContainerServiceArgs args,
      GrantedRole executionRole,
      GrantedRole taskRole,
      Output<String> containerDefinitions) {
    var settings = args.settings();
    var volumes = new ArrayList<TaskDefinitionVolumeArgs>();
    var paths = new LinkedHashMap<>(APP_WRITABLE_PATHS);
    if (settings.enableExecuteCommand()) {
      paths.putAll(EXEC_AGENT_PATHS);
    }
    paths.keySet().forEach(v -> volumes.add(TaskDefinitionVolumeArgs.builder().name(v).build()));
    return new TaskDefinition(
        name + suffix,
        TaskDefinitionArgs.builder()
            .family(family)
            .requiresCompatibilities("FARGATE")
            .networkMode("awsvpc")
            .cpu(Integer.toString(settings.cpu()))
            .memory(Integer.toString(settings.memory()))
            .runtimePlatform(
                TaskDefinitionRuntimePlatformArgs.builder()
                    .operatingSystemFamily("LINUX")
                    .cpuArchitecture(settings.cpuArchitecture())
                    .build())
            .executionRoleArn(executionRole.role().arn())
            .taskRoleArn(taskRole.role().arn())
            .volumes(volumes)
            .containerDefinitions(containerDefinitions)
            .build(),
        CustomResourceOptions.builder()
            .parent(this)
            .dependsOn(
                Stream.concat(executionRole.policies().stream(), taskRole.policies().stream())
                    .map(Resource.class::cast)
                    .toList())
            .build());
  }

  private void autoscaling(ContainerServiceArgs args, Cluster cluster, Service service) {
    var settings = args.settings();
    var target =
        new Target(
            name + "-scaling-target",
            TargetArgs.builder()
                .serviceNamespace("ecs")
                .scalableDimension("ecs:service:DesiredCount")
                .resourceId(
                    Output.tuple(cluster.name(), service.name())
                        .applyValue(t -> "service/" + t.t1 + "/" + t.t2))
                .minCapacity(settings.scalingMinTasks())
                .maxCapacity(settings.scalingMaxTasks())
                .build(),
            child);
    trackingPolicy(
        "-cpu-scaling",
        target,
        settings.cpuTargetPercent(),
        PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs.builder()
            .predefinedMetricType("ECSServiceAverageCPUUtilization")
            .build());
    trackingPolicy(
        "-requests-scaling",
        target,
        settings.requestsPerTargetTarget(),
        PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs.builder()
            .predefinedMetricType("ALBRequestCountPerTarget")
            .resourceLabel(
                Output.tuple(args.loadBalancerArnSuffix(), args.targetGroupArnSuffix())
                    .applyValue(t -> t.t1 + "/" + t.t2))
            .build());
  }

  private void trackingPolicy(
      String suffix,
      Target target,
      int targetValue,
      PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs metric) {
    new Policy(
        name + suffix,
        PolicyArgs.builder()
            .policyType("TargetTrackingScaling")
            .serviceNamespace(target.serviceNamespace())
            .scalableDimension(target.scalableDimension())
            .resourceId(target.resourceId())
            .targetTrackingScalingPolicyConfiguration(
                PolicyTargetTrackingScalingPolicyConfigurationArgs.builder()
                    .predefinedMetricSpecification(metric)
                    .targetValue((double) targetValue)
                    .scaleOutCooldown(SCALE_OUT_COOLDOWN_SECONDS)
                    .scaleInCooldown(SCALE_IN_COOLDOWN_SECONDS)
                    .build())
            .build(),
        child);
  }

  private static Map<String, String> orderedMap(String... keyValues) {
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  /** What deploying the service needs; the pipeline runs the migration task. */
  public DeployNeeds deployNeeds() {
    return DeployNeeds.of(pulumiResourceName())
        .creates(Cluster.class, TaskDefinition.class, Service.class, Role.class, RolePolicy.class)
        .creates(Target.class, Policy.class)
        .createsRoles()
        .runsTasks(migrationFamily)
        .build();
  }
}
