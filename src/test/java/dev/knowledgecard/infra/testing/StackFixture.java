package dev.knowledgecard.infra.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.pulumi.Context;
import dev.knowledgecard.infra.KnowledgeCardStack;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.synth.StackFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs the program, or a single component, under the offline engine with a stack file's
 * configuration (optionally overridden) and returns the graph for assertions. Whole-stack results
 * of the committed stack files are computed once per JVM and shared.
 */
public final class StackFixture {
  public static final Path PROJECT_DIR = Path.of(System.getProperty("user.dir"));
  private static final Map<String, OfflineEngine.Result> COMMITTED = new ConcurrentHashMap<>();

  private StackFixture() {}

  /** The configuration of a committed stack file, as the CLI would pass it. */
  public static OfflineEngine.Program stackFile(String stack) {
    try {
      return StackFiles.program(PROJECT_DIR, stack);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The account a committed stack file pins ({@code aws:allowedAccountIds}, its only entry). */
  public static String accountId(String stack) {
    var pinned = stackFile(stack).config().get("aws:allowedAccountIds");
    var matcher = java.util.regex.Pattern.compile("\\d{12}").matcher(String.valueOf(pinned));
    if (!matcher.find()) {
      fail("Pulumi." + stack + ".yaml pins no account: " + pinned);
    }
    return matcher.group();
  }

  /** A stack file's configuration with some keys replaced ({@code null} removes a key). */
  public static OfflineEngine.Program withConfig(String stack, Map<String, String> overrides) {
    var base = stackFile(stack);
    var config = new HashMap<>(base.config());
    var secrets = new HashSet<>(base.secretKeys());
    overrides.forEach(
        (k, v) -> {
          if (v == null) {
            config.remove(k);
            secrets.remove(k);
          } else {
            config.put(k, v);
          }
        });
    return new OfflineEngine.Program(base.project(), base.stack(), config, secrets);
  }

  /** The whole program for a committed stack file; must succeed. */
  public static OfflineEngine.Result committedStack(String stack) {
    return COMMITTED.computeIfAbsent(stack, s -> succeed(run(stackFile(s))));
  }

  public static OfflineEngine.Result run(OfflineEngine.Program program) {
    return OfflineEngine.run(program, ctx -> KnowledgeCardStack.define(ctx, program.configKeys()));
  }

  /** Runs just what {@code body} declares (e.g. one component) with the program's config. */
  public static OfflineEngine.Result runComponent(
      OfflineEngine.Program program, Consumer<Context> body) {
    return succeed(OfflineEngine.run(program, body));
  }

  public static OfflineEngine.Result succeed(OfflineEngine.Result result) {
    if (!result.succeeded()) {
      var message = new StringBuilder("program failed:");
      result.failures().forEach(f -> message.append("\n  ").append(f));
      fail(message.toString());
    }
    assertTrue(result.graph().declared().size() > 0, "program registered no resources");
    return result;
  }
}
