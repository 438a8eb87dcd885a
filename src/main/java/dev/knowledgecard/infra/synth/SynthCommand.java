package dev.knowledgecard.infra.synth;

import dev.knowledgecard.infra.KnowledgeCardStack;
import dev.knowledgecard.infra.config.InvalidConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code synth --stack <name>}: runs the real program offline under the mock engine, writes the
 * resource graph and prints a one-screen summary. Exit 0 on success, 2 on an invalid stack
 * configuration, 1 on anything else.
 */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description =
        "Run the stack program offline (no CLI, no AWS, no network) and write its resource graph.")
public final class SynthCommand implements Callable<Integer> {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_INVALID_CONFIG = 2;

  @Option(
      names = "--stack",
      required = true,
      description = "Stack name; reads Pulumi.<stack>.yaml.")
  String stack;

  @Option(
      names = "--project-dir",
      defaultValue = ".",
      description = "Directory holding Pulumi.yaml (default: .).")
  Path projectDir;

  @Option(names = "--out", description = "Output directory (default: <project-dir>/target/synth).")
  Path out;

  @Spec CommandSpec spec;

  /** The jar's top-level command; its only subcommand is {@code synth}. */
  @Command(
      name = "knowledge-card-infra",
      mixinStandardHelpOptions = true,
      subcommands = SynthCommand.class,
      description = "Run with no arguments as the Pulumi program, or `synth` offline.")
  public static final class Root implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  @Override
  public Integer call() {
    var stdout = spec.commandLine().getOut();
    var stderr = spec.commandLine().getErr();
    OfflineEngine.Program program;
    try {
      program = StackFiles.program(projectDir, stack);
    } catch (IOException e) {
      stderr.println("synth: cannot read the stack files: " + e.getMessage());
      return EXIT_FAILURE;
    }
    var result = OfflineEngine.run(program, KnowledgeCardStack::define);
    var invalid = result.failure(InvalidConfigException.class);
    if (invalid.isPresent()) {
      stderr.println("synth: stack " + stack + ": " + invalid.get().getMessage());
      return EXIT_INVALID_CONFIG;
    }
    if (!result.succeeded()) {
      stderr.println("synth: stack " + stack + " failed:");
      result.failures().forEach(f -> stderr.println("  - " + rootMessage(f)));
      return EXIT_FAILURE;
    }
    var outDir = out != null ? out : projectDir.resolve("target").resolve("synth");
    var graphFile = outDir.resolve(stack + ".json");
    try {
      GraphJson.write(graphFile, result.graph(), result.outputs());
    } catch (IOException e) {
      stderr.println("synth: cannot write " + graphFile + ": " + e.getMessage());
      return EXIT_FAILURE;
    }
    printSummary(stdout, result, graphFile);
    return EXIT_OK;
  }

  private void printSummary(PrintWriter out, OfflineEngine.Result result, Path graphFile) {
    var graph = result.graph();
    var declared = graph.declared();
    out.printf(
        "Stack %s (%s): %d resources (%d cloud resources in %d components)%n",
        graph.stack(),
        graph.project(),
        declared.size(),
        declared.stream().filter(GraphResource::custom).count(),
        declared.stream().filter(r -> !r.custom()).count());
    graph
        .countsByType()
        .forEach(
            (type, count) -> {
              if (!type.startsWith("pulumi:")) {
                out.printf("  %4d  %s%n", count, type);
              }
            });
    if (result.warnings().isEmpty()) {
      out.println("Warnings: none");
    } else {
      out.println("Warnings:");
      result.warnings().forEach(w -> out.println("  ! " + w));
    }
    out.println("Graph: " + graphFile);
    out.flush();
  }

  private static String rootMessage(Throwable t) {
    var root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
