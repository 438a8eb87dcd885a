package dev.knowledgecard.infra;

import com.pulumi.Pulumi;
import dev.knowledgecard.infra.cli.SynthCommand;
import dev.knowledgecard.infra.config.ConfigKeys;

/**
 * Entry point of {@code target/knowledge-card-infra.jar}. With no arguments (as the Pulumi language
 * host runs it) it is the Pulumi program; {@code synth --stack <name>} runs the same program
 * offline.
 */
public final class Main {
  private static final String FORK_JOIN_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  private Main() {}

  public static void main(String[] args) {
    // First, before anything touches the common pool: on 2-core machines the SDK can livelock it.
    if (System.getProperty(FORK_JOIN_PARALLELISM) == null) {
      System.setProperty(FORK_JOIN_PARALLELISM, "8");
    }
    if (args.length == 0) {
      var configKeys = ConfigKeys.fromEnvironment(System.getenv());
      Pulumi.run(ctx -> KnowledgeCardStack.define(ctx, configKeys));
      return;
    }
    System.exit(SynthCommand.commandLine(KnowledgeCardStack::define).execute(args));
  }
}
