package dev.knowledgecard.infra.synth;

import com.pulumi.Context;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.knowledgecard.infra.config.ConfigKeys;
import dev.knowledgecard.infra.config.Waiver;
import dev.knowledgecard.infra.config.Waivers;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Runs a Pulumi program under the SDK's own mock engine, with a given stack configuration, and
 * hands back the resource graph. The one place that builds and runs the SDK's internal test API
 * ({@code PulumiTestInternal}), always under {@link #ONE_RUN_AT_A_TIME}: the offline synth, the
 * unit tests and {@link #pacesTheRunner} go through here ({@link QuietRunner} only adjusts the
 * runner built here).
 */
public final class OfflineEngine {
  // Pulumi's deployment is a process-wide singleton, so runs must not overlap.
  private static final ReentrantLock ONE_RUN_AT_A_TIME = new ReentrantLock();
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private OfflineEngine() {}

  /**
   * What to run: the project and stack names and the flat Pulumi config ({@code ns:key -> value},
   * structured values as JSON), with the keys that were set as secrets.
   */
  public record Program(
      String project, String stack, Map<String, String> config, Set<String> secretKeys) {
    public Program {
      config = Map.copyOf(config);
      secretKeys = Set.copyOf(secretKeys);
    }

    /** The keys the program is given, as the Pulumi CLI would list them. */
    public ConfigKeys configKeys() {
      return new ConfigKeys(config.keySet(), secretKeys);
    }

    /**
     * The stack's waivers ({@code knowledge-card:waivers}); empty when unset (the program itself
     * rejects malformed ones).
     */
    public Map<String, Waiver> waivers() {
      return Waivers.parse(config.get(Waivers.CONFIG_KEY));
    }

    String region() {
      return config.getOrDefault("aws:region", "us-east-1");
    }

    /**
     * The account the stack file pins ({@code aws:allowedAccountIds}, first entry), so offline ARNs
     * name the stack's real account; {@link OfflineMocks#ACCOUNT_ID} when none is pinned.
     */
    String accountId() {
      var pinned = config.get("aws:allowedAccountIds");
      if (pinned == null) {
        return OfflineMocks.ACCOUNT_ID;
      }
      try {
        var ids = JSON.readTree(pinned);
        var first = ids.path(0).asText("");
        return first.matches("\\d{12}") ? first : OfflineMocks.ACCOUNT_ID;
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return OfflineMocks.ACCOUNT_ID; // the config validation reports the malformed value
      }
    }
  }

  /**
   * The outcome of a run.
   *
   * @param graph every resource registered, the root stack included
   * @param failures exceptions the program raised (an invalid config among them)
   * @param outputs stack outputs, secret values replaced by the secret marker
   * @param warnings warnings the program logged
   */
  public record Result(
      ResourceGraph graph,
      List<Throwable> failures,
      Map<String, Object> outputs,
      List<String> warnings) {

    public boolean succeeded() {
      return failures.isEmpty();
    }

    /** The first failure of the given kind, looking through wrappers. */
    public <T extends Throwable> java.util.Optional<T> failure(Class<T> kind) {
      for (var failure : failures) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
          if (kind.isInstance(t)) {
            return java.util.Optional.of(kind.cast(t));
          }
        }
      }
      return java.util.Optional.empty();
    }
  }

  public static Result run(Program program, Consumer<Context> stackFunction) {
    ONE_RUN_AT_A_TIME.lock();
    try {
      var warnings = new ArrayList<String>();
      var logger = capturingLogger(warnings);
      var mocks = new OfflineMocks(program.region(), program.accountId());
      var monitor = new RecordingMonitor(mocks, PulumiTestInternal.mockLog(logger));
      var test =
          PulumiTestInternal.builder()
              .options(
                  TestOptions.builder()
                      .projectName(program.project())
                      .stackName(program.stack())
                      .preview(false)
                      .build())
              .mocks(mocks)
              .standardLogger(logger)
              .monitorDecorator(ignored -> monitor)
              .config(program.config(), program.secretKeys())
              .build();
      QuietRunner.install(test.runner());
      var result = test.runTest(stackFunction);
      var failures = new ArrayList<Throwable>(result.exceptions());
      result.errors().forEach(e -> failures.add(new IllegalStateException(e)));
      var outputs = new LinkedHashMap<String, Object>();
      new java.util.TreeMap<>(result.outputs())
          .forEach(
              (name, output) -> {
                var data = PulumiTestInternal.extractOutputData(output);
                outputs.put(
                    name, data.isSecret() ? GraphResource.SECRET_MARKER : data.getValueNullable());
              });
      var graph =
          new ResourceGraph(
              program.project(), program.stack(), monitor.recorded(), monitor.invokes());
      return new Result(graph, List.copyOf(failures), outputs, List.copyOf(warnings));
    } finally {
      try {
        PulumiTestInternal.cleanup();
      } finally {
        ONE_RUN_AT_A_TIME.unlock();
      }
    }
  }

  /**
   * Whether {@link QuietRunner} can pace the runner of this SDK version: built and cleaned up under
   * the same lock as a run, since the SDK's deployment is a process-wide singleton.
   */
  static boolean pacesTheRunner() {
    ONE_RUN_AT_A_TIME.lock();
    try {
      var test = PulumiTestInternal.builder().mocks(new OfflineMocks("us-east-1", "1")).build();
      return QuietRunner.install(test.runner());
    } finally {
      try {
        PulumiTestInternal.cleanup();
      } finally {
        ONE_RUN_AT_A_TIME.unlock();
      }
    }
  }

  private static Logger capturingLogger(List<String> warnings) {
    var logger = Logger.getAnonymousLogger();
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.WARNING);
    logger.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              synchronized (warnings) {
                warnings.add(record.getMessage());
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    return logger;
  }
}
