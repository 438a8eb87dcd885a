package dev.knowledgecard.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.graph.GraphJson;
import dev.knowledgecard.infra.report.CompliantGraphs;
import dev.knowledgecard.infra.testing.StackFixture;
import dev.knowledgecard.infra.testing.SynthCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report as the synth CLI writes it: Markdown and JSON next to the graph, and diffs. */
class SynthReportCliTest {
  @TempDir Path out;

  private static SynthCli.Run synth(String... args) {
    return SynthCli.run(args);
  }

  @Test
  @DisplayName("synth of two stacks writes each stack's graph, Markdown report and report JSON")
  void synthWritesReportsForEveryStack() throws Exception {
    var run =
        synth(
            "synth",
            "--stack",
            "staging",
            "--stack",
            "prod",
            "--project-dir",
            StackFixture.PROJECT_DIR.toString(),
            "--out",
            out.toString());
    assertEquals(0, run.exit(), run.stderr());
    for (var stack : new String[] {"staging", "prod"}) {
      assertTrue(Files.exists(out.resolve(stack + ".json")), stack);
      var markdown = Files.readString(out.resolve(stack + ".md"));
      assertTrue(markdown.contains("```mermaid"), markdown);
      assertTrue(markdown.contains("## Policy results"), markdown);
      var report = new ObjectMapper().readTree(out.resolve(stack + ".report.json").toFile());
      assertEquals(stack, report.path("stack").asText());
      assertTrue(report.path("cost").path("total").isNumber());
      assertTrue(report.path("policies").size() > 0);
    }
    assertTrue(run.stdout().contains("Policies: "), run.stdout());
  }

  @Test
  @DisplayName(
      "--diff-files prints the Markdown diff of two graph files and writes it to the out dir")
  void diffFilesPrintsAndWritesTheDiff() throws Exception {
    var base = CompliantGraphs.build().build();
    var head = CompliantGraphs.build().set("prod-data-db", "allocatedStorage", "40").build();
    var baseFile = out.resolve("base.json");
    var headFile = out.resolve("head.json");
    GraphJson.write(baseFile, base, java.util.Map.of());
    GraphJson.write(headFile, head, java.util.Map.of());
    var run =
        synth(
            "synth",
            "--diff-files",
            baseFile.toString(),
            headFile.toString(),
            "--out",
            out.toString());
    assertEquals(0, run.exit(), run.stderr());
    // 20 more GB of gp3, Multi-AZ: 40 GB-month x 0.115
    assertTrue(run.stdout().contains("**+$4.60**/month"), run.stdout());
    assertTrue(run.stdout().contains("`allocatedStorage`: `20` -> `40`"), run.stdout());
    assertEquals(run.stdout(), Files.readString(out.resolve("diff.md")));
  }

  @Test
  @DisplayName("synth without a stack or a diff says what it needs and fails")
  void synthWithoutWorkFails() {
    var run = synth("synth", "--out", out.toString());
    assertEquals(SynthCommand.EXIT_FAILURE, run.exit());
    assertTrue(run.stderr().contains("--stack"), run.stderr());
  }
}
