package dev.knowledgecard.infra.testing;

import dev.knowledgecard.infra.KnowledgeCardStack;
import dev.knowledgecard.infra.cli.SynthCommand;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the jar's command line in-process, as a user would, capturing exit code and output. */
public final class SynthCli {
  /** What one run of the command line produced. */
  public record Run(int exit, String stdout, String stderr) {}

  private SynthCli() {}

  public static Run run(String... args) {
    var stdout = new StringWriter();
    var stderr = new StringWriter();
    var cli = SynthCommand.commandLine(KnowledgeCardStack::define);
    cli.setOut(new PrintWriter(stdout));
    cli.setErr(new PrintWriter(stderr));
    var exit = cli.execute(args);
    return new Run(exit, stdout.toString(), stderr.toString());
  }
}
