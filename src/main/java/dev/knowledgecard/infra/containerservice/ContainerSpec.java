package dev.knowledgecard.infra.containerservice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One container of a task definition as typed values, rendered to the ECS container-definition
 * JSON. Hardened whatever the caller passes: non-root user, read-only root filesystem with writable
 * scratch volumes, not privileged, an init process (it reaps children; ECS Exec's agent needs it),
 * logs to CloudWatch, secrets only as {@code valueFrom}.
 *
 * @param kind what the container is: the service's app or the one-off migration
 * @param image full image reference ({@code repo:tag} or {@code repo@sha256:...})
 * @param environment non-secret variables
 * @param secrets variable name to Secrets Manager {@code valueFrom}
 * @param logGroup CloudWatch log group
 * @param region region of the log group
 */
record ContainerSpec(
    Kind kind,
    String image,
    Map<String, String> environment,
    Map<String, String> secrets,
    String logGroup,
    String region) {

  /**
   * What a container is, known before any resource exists.
   *
   * @param name container name
   * @param port container port, which the liveness probe checks; empty for a one-off task that
   *     serves nothing (and has no container health check)
   * @param command overrides the image's command; empty keeps it
   * @param logStreamPrefix awslogs stream prefix
   * @param writablePaths volume name to mount path; each an ephemeral task volume
   */
  record Kind(
      String name,
      Optional<Integer> port,
      Optional<List<String>> command,
      String logStreamPrefix,
      Map<String, String> writablePaths) {}

  /** The image's app user and group (uid:gid), never root. */
  static final String USER = "1001:1001";

  static final String WORKING_DIRECTORY = "/app";

  /** Seconds between SIGTERM and SIGKILL: the app drains keep-alive connections in that time. */
  static final int STOP_TIMEOUT_SECONDS = 30;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The liveness probe; the image has node but no curl. */
  static List<String> healthCheckCommand(int port) {
    return List.of(
        "CMD",
        "node",
        "-e",
        "fetch('http://127.0.0.1:"
            + port
            + "/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))");
  }

  /** The {@code containerDefinitions} JSON array holding this one container. */
  String toJson() {
    var container = JSON.createObjectNode();
    container.put("name", kind.name());
    container.put("image", image);
    container.put("essential", true);
    container.put("user", USER);
    container.put("workingDirectory", WORKING_DIRECTORY);
    container.put("readonlyRootFilesystem", true);
    container.put("privileged", false);
    container.put("stopTimeout", STOP_TIMEOUT_SECONDS);
    kind.command().ifPresent(c -> strings(container.putArray("command"), c));
    kind.port()
        .ifPresent(
            p -> {
              var mapping = container.putArray("portMappings").addObject();
              mapping.put("name", "http");
              mapping.put("containerPort", p);
              mapping.put("protocol", "tcp");
              mapping.put("appProtocol", "http");
            });
    var env = container.putArray("environment");
    new TreeMap<>(environment)
        .forEach((key, value) -> env.addObject().put("name", key).put("value", value));
    var secretArray = container.putArray("secrets");
    new TreeMap<>(secrets)
        .forEach((key, from) -> secretArray.addObject().put("name", key).put("valueFrom", from));
    var mounts = container.putArray("mountPoints");
    kind.writablePaths()
        .forEach(
            (volume, path) ->
                mounts
                    .addObject()
                    .put("sourceVolume", volume)
                    .put("containerPath", path)
                    .put("readOnly", false));
    var linux = container.putObject("linuxParameters");
    linux.put("initProcessEnabled", true);
    var log = container.putObject("logConfiguration");
    log.put("logDriver", "awslogs");
    var logOptions = log.putObject("options");
    logOptions.put("awslogs-group", logGroup);
    logOptions.put("awslogs-region", region);
    logOptions.put("awslogs-stream-prefix", kind.logStreamPrefix());
    // A CloudWatch hiccup must not block the app's stdout: buffer instead, bounded.
    logOptions.put("mode", "non-blocking");
    logOptions.put("max-buffer-size", "25m");
    kind.port()
        .ifPresent(
            p -> {
              ObjectNode check = container.putObject("healthCheck");
              strings(check.putArray("command"), healthCheckCommand(p));
              check.put("interval", 15);
              check.put("timeout", 5);
              check.put("retries", 3);
              check.put("startPeriod", 30);
            });
    var array = JSON.createArrayNode();
    array.add(container);
    try {
      return JSON.writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
