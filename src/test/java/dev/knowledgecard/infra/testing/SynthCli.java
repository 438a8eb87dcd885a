package dev.knowledgecard.infra.testing;

import dev.knowledgecard.infra.synth.SynthCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the jar's command line in-process, as a user would, capturing exit code and output. */
public final class SynthCli {
  /** What one run of the command line produced. */
  public record Run(int exit, String stdout, String stderr) {}

  private SynthCli() {}

  public static Run run(String... args) {
    var stdout = new StringWriter();
    var stderr = new StringWriter();
    var cli = new CommandLine(new SynthCommand.Root());
    cli.setOut(new PrintWriter(stdout));
    cli.setErr(new PrintWriter(stderr));
    var exit = cli.execute(args);
    return new Run(exit, stdout.toString(), stderr.toString());
  }
}
