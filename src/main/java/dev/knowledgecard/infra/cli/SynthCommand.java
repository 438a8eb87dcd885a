package dev.knowledgecard.infra.cli;

import dev.knowledgecard.infra.config.ConfigReader;
import dev.knowledgecard.infra.config.InvalidConfigException;
import dev.knowledgecard.infra.graph.GraphJson;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.report.ReportJson;
import dev.knowledgecard.infra.report.ReportMarkdown;
import dev.knowledgecard.infra.report.StackReport;
import dev.knowledgecard.infra.report.cost.Money;
import dev.knowledgecard.infra.report.diff.DiffReport;
import dev.knowledgecard.infra.report.policy.PolicyEvaluator;
import dev.knowledgecard.infra.report.policy.PolicyStatus;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.synth.StackFiles;
import dev.knowledgecard.infra.synth.StackProgram;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code synth --stack <name>}: runs the real program offline under the mock engine, writes the
 * resource graph and the synth report (architecture diagram, cost estimate, policy results) and
 * prints a one-screen summary. {@code --stack} may repeat (one JVM, several stacks); {@code --diff
 * A B} synths two stacks and diffs them; {@code --diff-files BASE HEAD} diffs two graph files. Exit
 * 0 on success, 2 on an invalid stack configuration, 1 on anything else.
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
      description = "Stack name; reads Pulumi.<stack>.yaml. Repeat for several stacks.")
  List<String> stacks = new ArrayList<>();

  @Option(
      names = "--diff",
      arity = "2",
      paramLabel = "STACK",
      description = "Synth two stacks and write the diff between them (base, then head).")
  List<String> diffStacks = new ArrayList<>();

  @Option(
      names = "--diff-files",
      arity = "2",
      paramLabel = "GRAPH",
      description =
          "Diff two graph files written by synth (base, then head), e.g. a pull request's.")
  List<Path> diffFiles = new ArrayList<>();

  @Option(
      names = "--update-doc",
      paramLabel = "FILE",
      description =
          "Replace the generated block between <!-- report:<stack>:begin/end --> in FILE for each"
              + " synthesized stack.")
  Path doc;

  @Option(
      names = "--project-dir",
      defaultValue = ".",
      description = "Directory holding Pulumi.yaml (default: .).")
  Path projectDir;

  @Option(names = "--out", description = "Output directory (default: <project-dir>/target/synth).")
  Path out;

  @Spec CommandSpec spec;

  private final StackProgram program;

  private SynthCommand(StackProgram program) {
    this.program = program;
  }

  /**
   * The jar's command line, whose only subcommand is {@code synth} running {@code program}: the
   * program is passed in, so the tooling does not depend on the stack's code.
   */
  public static CommandLine commandLine(StackProgram program) {
    return new CommandLine(new Root())
        .addSubcommand(new SynthCommand(program))
        .setExitCodeExceptionMapper(e -> EXIT_FAILURE);
  }

  /** The jar's top-level command. */
  @Command(
      name = "knowledge-card-infra",
      mixinStandardHelpOptions = true,
      description = "Run with no arguments as the Pulumi program, or `synth` offline.")
  static final class Root implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /** A synthesized stack: its exit code and, on success, its report. */
  private record Synthesized(int exitCode, StackReport report) {}

  @Override
  public Integer call() {
    var stderr = spec.commandLine().getErr();
    if (stacks.isEmpty() && diffStacks.isEmpty() && diffFiles.isEmpty()) {
      stderr.println(
          "synth: give --stack <name> (repeatable), --diff A B or --diff-files BASE HEAD");
      return EXIT_FAILURE;
    }
    var badStacks =
        java.util.stream.Stream.concat(stacks.stream(), diffStacks.stream())
            .filter(s -> !StackFiles.isStackName(s))
            .distinct()
            .toList();
    if (!badStacks.isEmpty()) {
      badStacks.forEach(
          s ->
              stderr.println(
                  "synth: --stack "
                      + printable(s)
                      + ": not a stack name; allowed: "
                      + StackFiles.STACK_NAME_RULE));
      return EXIT_INVALID_CONFIG;
    }
    if (!fileArgumentsValid(stderr)) {
      return EXIT_INVALID_CONFIG;
    }
    var outDir = out != null ? out : projectDir.resolve("target").resolve("synth");
    var exit = EXIT_OK;
    var reports = new LinkedHashMap<String, StackReport>();
    var wanted = new ArrayList<>(stacks);
    diffStacks.stream().filter(s -> !wanted.contains(s)).forEach(wanted::add);
    for (var stack : wanted) {
      var done = synth(stack, outDir);
      exit = Math.max(exit, done.exitCode());
      if (done.report() != null) {
        reports.put(stack, done.report());
      }
    }
    if (exit != EXIT_OK) {
      return exit;
    }
    if (doc != null) {
      exit = Math.max(exit, updateDoc(reports));
    }
    if (diffStacks.size() == 2) {
      var base = reports.get(diffStacks.get(0)).graph().graph();
      var head = reports.get(diffStacks.get(1)).graph().graph();
      exit =
          Math.max(
              exit,
              writeDiff(
                  diffStacks.get(0),
                  base,
                  diffStacks.get(1),
                  head,
                  outDir.resolve("diff-" + diffStacks.get(0) + "-" + diffStacks.get(1) + ".md")));
    }
    if (diffFiles.size() == 2) {
      try {
        var base = GraphJson.read(diffFiles.get(0));
        var head = GraphJson.read(diffFiles.get(1));
        exit =
            Math.max(
                exit,
                writeDiff(
                    diffFiles.get(0).toString(),
                    base,
                    diffFiles.get(1).toString(),
                    head,
                    outDir.resolve("diff.md")));
      } catch (IOException e) {
        stderr.println("synth: cannot read a graph file: " + e.getMessage());
        return EXIT_FAILURE;
      }
    }
    return exit;
  }

  private Synthesized synth(String stack, Path outDir) {
    var stdout = spec.commandLine().getOut();
    var stderr = spec.commandLine().getErr();
    OfflineEngine.Program program;
    try {
      program = StackFiles.program(projectDir, stack);
    } catch (StackFiles.InvalidStackFileException e) {
      stderr.println("synth: stack " + stack + ": " + e.getMessage());
      return new Synthesized(EXIT_INVALID_CONFIG, null);
    } catch (IOException e) {
      stderr.println("synth: cannot read the stack files: " + e.getMessage());
      return new Synthesized(EXIT_FAILURE, null);
    }
    var result = OfflineEngine.run(program, ctx -> this.program.define(ctx, program.configKeys()));
    var invalid = result.failure(InvalidConfigException.class);
    if (invalid.isPresent()) {
      stderr.println("synth: stack " + stack + ": " + invalid.get().getMessage());
      return new Synthesized(EXIT_INVALID_CONFIG, null);
    }
    if (!result.succeeded()) {
      stderr.println("synth: stack " + stack + " failed:");
      result.failures().forEach(f -> stderr.println("  - " + redacted(rootMessage(f))));
      return new Synthesized(EXIT_FAILURE, null);
    }
    var graphFile = outDir.resolve(stack + ".json");
    var report = StackReport.of(result.graph(), program.waivers());
    if (!report.staleWaivers().isEmpty()) {
      stderr.println(
          "synth: stack "
              + stack
              + ": invalid stack configuration (stale waivers: a waiver names only resources that"
              + " fail its control):");
      report.staleWaivers().forEach(w -> stderr.println("  - " + w));
      return new Synthesized(EXIT_INVALID_CONFIG, null);
    }
    var markdownFile = outDir.resolve(stack + ".md");
    var reportFile = outDir.resolve(stack + ".report.json");
    try {
      GraphJson.write(graphFile, result.graph(), result.outputs());
      Files.writeString(markdownFile, ReportMarkdown.render(report));
      ReportJson.write(reportFile, report);
    } catch (IOException e) {
      stderr.println("synth: cannot write under " + outDir + ": " + e.getMessage());
      return new Synthesized(EXIT_FAILURE, null);
    }
    printSummary(stdout, result, graphFile);
    printReportSummary(stdout, report, markdownFile, reportFile);
    return new Synthesized(EXIT_OK, report);
  }

  private void printReportSummary(
      PrintWriter out, StackReport report, Path markdownFile, Path reportFile) {
    var cost = report.cost();
    out.printf(
        "Cost: %s/month (%d cost lines, %d resources without a price)%n",
        Money.format(cost.currency(), cost.total()), cost.lines().size(), cost.unknowns().size());
    var results = report.policies();
    out.printf(
        "Policies: %d pass, %d fail, %d waived, %d not applicable%n",
        PolicyEvaluator.count(results, PolicyStatus.PASS),
        PolicyEvaluator.count(results, PolicyStatus.FAIL),
        PolicyEvaluator.count(results, PolicyStatus.WAIVED),
        PolicyEvaluator.count(results, PolicyStatus.NOT_APPLICABLE));
    results.stream()
        .filter(r -> r.status() == PolicyStatus.FAIL)
        .forEach(r -> out.println("  FAIL " + r.id() + ": " + r.reason()));
    out.println("Report: " + markdownFile + ", " + reportFile);
    out.flush();
  }

  private int writeDiff(
      String baseLabel, ResourceGraph base, String headLabel, ResourceGraph head, Path file) {
    var markdown = DiffReport.render(baseLabel, base, headLabel, head);
    var stdout = spec.commandLine().getOut();
    try {
      var parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, markdown);
    } catch (IOException e) {
      spec.commandLine().getErr().println("synth: cannot write " + file + ": " + e.getMessage());
      return EXIT_FAILURE;
    }
    stdout.print(markdown);
    stdout.flush();
    spec.commandLine().getErr().println("Diff: " + file);
    return EXIT_OK;
  }

  private int updateDoc(Map<String, StackReport> reports) {
    var stderr = spec.commandLine().getErr();
    try {
      var text = Files.readString(doc);
      for (var entry : reports.entrySet()) {
        var updated =
            ReportMarkdown.stackBlock(entry.getKey())
                .replace(text, ReportMarkdown.stackBlockBody(entry.getValue()));
        if (updated.isPresent()) {
          text = updated.get();
          spec.commandLine().getOut().println("Updated the " + entry.getKey() + " block in " + doc);
        }
      }
      if (reports.containsKey("staging") && reports.containsKey("prod")) {
        var updated =
            ReportMarkdown.COST_TARGETS.replace(
                text, ReportMarkdown.costTargetsBody(reports.get("staging"), reports.get("prod")));
        if (updated.isPresent()) {
          text = updated.get();
          spec.commandLine().getOut().println("Updated the cost targets in " + doc);
        }
      }
      Files.writeString(doc, text);
      return EXIT_OK;
    } catch (IOException e) {
      stderr.println("synth: cannot update " + doc + ": " + e.getMessage());
      return EXIT_FAILURE;
    }
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
      result.warnings().forEach(w -> out.println("  ! " + redacted(w)));
    }
    out.println("Graph: " + graphFile);
    out.flush();
  }

  /**
   * Files the command reads or rewrites must be existing regular files (not links, so a link cannot
   * redirect the document update elsewhere), and {@code --out} a directory if it exists.
   */
  private boolean fileArgumentsValid(PrintWriter stderr) {
    var valid = true;
    var files = new ArrayList<Map.Entry<String, Path>>();
    diffFiles.forEach(f -> files.add(Map.entry("--diff-files", f)));
    if (doc != null) {
      files.add(Map.entry("--update-doc", doc));
    }
    for (var file : files) {
      if (!Files.isRegularFile(file.getValue(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        stderr.println(
            "synth: "
                + file.getKey()
                + " "
                + printable(file.getValue().toString())
                + ": allowed: an existing regular file (not a directory or link)");
        valid = false;
      }
    }
    if (!Files.isDirectory(projectDir)) {
      stderr.println(
          "synth: --project-dir "
              + printable(projectDir.toString())
              + ": allowed: an existing directory holding Pulumi.yaml");
      valid = false;
    }
    if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
      stderr.println(
          "synth: --out "
              + printable(out.toString())
              + ": allowed: an existing directory or a new path");
      valid = false;
    }
    return valid;
  }

  /** A command-line value as it can be shown safely: control characters escaped, length cut. */
  private static String printable(String value) {
    var shown = new StringBuilder("\"");
    value
        .codePoints()
        .limit(120)
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
              } else {
                shown.appendCodePoint(c);
              }
            });
    return shown.append('"').toString();
  }

  /**
   * What the program says, with the stand-in for a secure value never shown (nor what it hides).
   */
  private static String redacted(String message) {
    return message.replace(StackFiles.SECRET_PLACEHOLDER, ConfigReader.REDACTED);
  }

  private static String rootMessage(Throwable t) {
    var root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
