package dev.knowledgecard.infra.config;

import java.util.Map;
import java.util.Optional;

/**
 * The container service: which image runs, task size, how many tasks, how they deploy and scale.
 *
 * @param image the image the service runs ({@code imageTag}). The pipeline owns it: it sets it with
 *     {@code pulumi config set} before {@code pulumi up}. Unset on a new stack (nothing pushed
 *     yet): the service then exists with zero tasks ({@link #runningDesiredCount}).
 * @param migrationImage the image the one-off migration task runs ({@code migrationImageTag});
 *     default {@code imageTag}. Set first in a deploy so migrations run before the service rolls.
 * @param containerInsights cluster Container Insights; default false (staging, waiver ECS.12), true
 *     (prod).
 * @param cpu task CPU units ({@code taskCpu}); default 256 (staging), 512 (prod); a Fargate size.
 * @param memory task memory in MiB ({@code taskMemory}); default 512 (staging), 1024 (prod);
 *     checked against what Fargate accepts with {@code cpu}.
 * @param cpuArchitecture {@code ARM64} (default: Graviton, about 20% cheaper; the image is
 *     multi-arch) or {@code X86_64}.
 * @param desiredCount tasks at deploy time; default 1 (staging), 2 (prod, at least 2). Within
 *     [minTasks, maxTasks].
 * @param minTasks autoscaling floor; default 1 (staging), 2 (prod, at least 2).
 * @param maxTasks autoscaling ceiling; default 2 (staging), 6 (prod).
 * @param cpuTargetPercent target tracking on average CPU; default 70. 10 to 95.
 * @param requestsPerTargetTarget target tracking on ALB requests per target per minute; default
 *     1000. 10 to 100000.
 * @param enableExecuteCommand ECS Exec into running tasks; default false.
 * @param healthCheckGracePeriodSeconds time a new task has before load balancer health checks
 *     count; default 60. 0 to 1800.
 */
public record ServiceSettings(
    Optional<ImageReference> image,
    Optional<ImageReference> migrationImage,
    boolean containerInsights,
    int cpu,
    int memory,
    String cpuArchitecture,
    int desiredCount,
    int minTasks,
    int maxTasks,
    int cpuTargetPercent,
    int requestsPerTargetTarget,
    boolean enableExecuteCommand,
    int healthCheckGracePeriodSeconds) {

  /**
   * What a task definition names while no image was pushed: the definition stays valid and is never
   * run, because the service has no tasks and the pipeline only runs a migration by digest.
   */
  public static final ImageReference NOT_PUSHED = new ImageReference("no-image-pushed-yet");

  private static final int PROD_MIN_TASKS = 2;

  /** The service's image, or {@link #NOT_PUSHED} on a stack the pipeline never deployed. */
  public ImageReference serviceImage() {
    return image.orElse(NOT_PUSHED);
  }

  /** The migration task's image, or {@link #NOT_PUSHED}. */
  public ImageReference migrationTaskImage() {
    return migrationImage.orElse(NOT_PUSHED);
  }

  /** Tasks the service is created with: none until the pipeline has pushed an image. */
  public int runningDesiredCount() {
    return image.isPresent() ? desiredCount : 0;
  }

  /**
   * Autoscaling bounds: 0..0 until an image exists, so nothing scales a service whose image does
   * not exist yet; raising the floor later makes Application Auto Scaling bring the service up to
   * it.
   */
  public int scalingMinTasks() {
    return image.isPresent() ? minTasks : 0;
  }

  public int scalingMaxTasks() {
    return image.isPresent() ? maxTasks : 0;
  }

  static ServiceSettings read(ConfigReader reader, Environment env, Waivers waivers) {
    var image = reader.raw("imageTag").map(v -> image(reader, "imageTag", v));
    var migrationImage =
        reader.raw("migrationImageTag").map(v -> image(reader, "migrationImageTag", v));

    var insights = reader.bool("containerInsights", env.pick(false, true));
    waivers.requireFor(
        reader, !insights, "ECS.12", "containerInsights", Boolean.toString(insights));

    var cpu = reader.integer("taskCpu", env.pick(256, 512), 256, 16384);
    var memory = reader.integer("taskMemory", env.pick(512, 1024), 512, 122880);
    if (!FargateSize.accepts(cpu, memory)) {
      reader.problem(
          "taskMemory",
          memory + " (with taskCpu " + cpu + ")",
          "a Fargate task size: " + FargateSize.describe(cpu));
    }
    var arch =
        reader.choice("cpuArchitecture", "ARM64", Map.of("ARM64", "ARM64", "X86_64", "X86_64"));

    var desired = reader.integer("desiredCount", env.pick(1, 2), 1, 100);
    var min = reader.integer("minTasks", env.pick(1, 2), 1, 100);
    var max = reader.integer("maxTasks", env.pick(2, 6), 1, 100);
    if (env.isProd()) {
      if (min < PROD_MIN_TASKS) {
        reader.problem(
            "minTasks",
            Integer.toString(min),
            "at least 2 in prod (one task per AZ survives an AZ)");
      }
      if (desired < PROD_MIN_TASKS) {
        reader.problem(
            "desiredCount",
            Integer.toString(desired),
            "at least 2 in prod (one task per AZ survives an AZ)");
      }
    }
    if (min > max) {
      reader.problem("minTasks", Integer.toString(min), "at most maxTasks (" + max + ")");
    } else if (desired < min || desired > max) {
      reader.problem(
          "desiredCount",
          Integer.toString(desired),
          "within the autoscaling bounds minTasks.." + "maxTasks (" + min + ".." + max + ")");
    }

    return new ServiceSettings(
        image.flatMap(i -> i),
        migrationImage.flatMap(i -> i).or(() -> image.flatMap(i -> i)),
        insights,
        cpu,
        memory,
        arch,
        desired,
        min,
        max,
        reader.integer("cpuTargetPercent", 70, 10, 95),
        reader.integer("requestsPerTargetTarget", 1000, 10, 100_000),
        reader.bool("enableExecuteCommand", false),
        reader.integer("healthCheckGracePeriodSeconds", 60, 0, 1800));
  }

  /** A set key must hold a valid reference (an empty value is a mistake, not "unset"). */
  private static Optional<ImageReference> image(ConfigReader reader, String key, String value) {
    var parsed = ImageReference.parse(value);
    if (parsed.isEmpty()) {
      reader.problem(key, value.isEmpty() ? null : value, ImageReference.ALLOWED);
    }
    return parsed;
  }
}
