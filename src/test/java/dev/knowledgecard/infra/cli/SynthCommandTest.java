package dev.knowledgecard.infra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.graph.GraphJson;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.synth.StackFiles;
import dev.knowledgecard.infra.testing.StackFixture;
import dev.knowledgecard.infra.testing.SynthCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline synth as a user runs it: files written, summary printed, exit codes kept. */
class SynthCommandTest {
  @TempDir Path out;

  private static SynthCli.Run synthProject(Path projectDir, String stack, Path outDir) {
    return SynthCli.run(
        "synth",
        "--stack",
        stack,
        "--project-dir",
        projectDir.toString(),
        "--out",
        outDir.toString());
  }

  /** Synth of a committed stack file. */
  /** A project directory under the test's output: the real Pulumi.yaml and one stack file. */
  private Path projectWithStack(String dir, String stack, String stackYaml) throws IOException {
    var project = Files.createDirectories(out.resolve(dir));
    Files.copy(StackFixture.PROJECT_DIR.resolve("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
    Files.writeString(project.resolve("Pulumi." + stack + ".yaml"), stackYaml);
    return project;
  }

  private static SynthCli.Run synth(String stack, Path outDir) {
    return synthProject(StackFixture.PROJECT_DIR, stack, outDir);
  }

  @Test
  void synthWritesTheGraphAndASummary() throws Exception {
    var run = synth("staging", out);

    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.stdout().contains("Stack staging (knowledge-card)"), run.stdout());
    assertTrue(run.stdout().contains("aws:ec2/vpc:Vpc"), run.stdout());
    var graph = new ObjectMapper().readTree(out.resolve("staging.json").toFile());
    assertEquals("knowledge-card", graph.path("project").asText());
    assertEquals("staging", graph.path("stack").asText());
    var first = graph.path("resources").get(0);
    for (var key :
        List.of(
            "urn",
            "type",
            "name",
            "parent",
            "custom",
            "props",
            "dependencies",
            "secretProps",
            "protect")) {
      assertTrue(first.has(key), "resource entry lacks " + key);
    }
  }

  @Test
  void synthIsDeterministic() throws Exception {
    synth("prod", out.resolve("a"));
    synth("prod", out.resolve("b"));
    assertEquals(
        Files.readString(out.resolve("a/prod.json")), Files.readString(out.resolve("b/prod.json")));
  }

  @Test
  void invalidConfigurationExitsWithTwoAndWritesNothing() throws Exception {
    var project =
        projectWithStack(
            "project",
            "broken",
            "config:\n  aws:region: us-east-1\n  knowledge-card:environment: prod\n"
                + "  knowledge-card:vpcCidr: 10.0.0.0/8\n  knowledge-card:natStrategy: none\n");

    var run = synthProject(project, "broken", out.resolve("o"));

    assertEquals(2, run.exit());
    assertTrue(run.stderr().contains("knowledge-card:vpcCidr = \"10.0.0.0/8\""), run.stderr());
    assertTrue(run.stderr().contains("knowledge-card:natStrategy = \"none\""), run.stderr());
    assertFalse(Files.exists(out.resolve("o/broken.json")));
  }

  @Test
  void fileArgumentsMustNameExistingRegularFiles() throws Exception {
    var link = out.resolve("synth-link.md");
    Files.createSymbolicLink(link, StackFixture.PROJECT_DIR.resolve("docs/synth.md"));
    var notADirectory = Files.writeString(out.resolve("file"), "x");
    for (var args :
        List.of(
            List.of("--stack", "staging", "--update-doc", link.toString()),
            List.of("--stack", "staging", "--update-doc", out.resolve("nope.md").toString()),
            List.of("--diff-files", out.toString(), out.resolve("b.json").toString()),
            List.of("--stack", "staging", "--out", notADirectory.toString()),
            List.of("--stack", "staging", "--project-dir", out.resolve("none").toString()))) {
      var command = new java.util.ArrayList<>(List.of("synth"));
      command.addAll(args);
      var run = SynthCli.run(command.toArray(String[]::new));
      assertEquals(2, run.exit(), args + ": " + run.stderr());
      assertTrue(run.stderr().contains("allowed: an existing"), args + ": " + run.stderr());
    }
  }

  @Test
  void missingStackFileExitsWithOne() {
    var run = synth("nosuch", out);
    assertEquals(1, run.exit());
    assertTrue(run.stderr().contains("Pulumi.nosuch.yaml"), run.stderr());
  }

  @Test
  void secureValuesStaySecretOffline() throws Exception {
    var project =
        projectWithStack(
            "secure",
            "staging",
            Files.readString(StackFixture.PROJECT_DIR.resolve("Pulumi.staging.yaml"))
                + "  knowledge-card:alarmWebhookUrl:\n    secure: v1:AAAABBBBCCCC\n");

    var run = synthProject(project, "staging", out.resolve("o"));

    assertEquals(0, run.exit(), "a secure value must not fail the offline synth: " + run.stderr());
    var json = Files.readString(out.resolve("o/staging.json"));
    assertFalse(
        json.contains(StackFiles.SECRET_PLACEHOLDER), "the placeholder leaked into the graph");
    var graph = GraphJson.read(out.resolve("o/staging.json"));
    var webhook =
        graph.ofType("aws:sns/topicSubscription:TopicSubscription").stream()
            .filter(sub -> sub.prop("protocol").asText().equals("https"))
            .toList();
    assertEquals(1, webhook.size(), "the webhook subscription");
    assertEquals(GraphResource.SECRET_MARKER, webhook.get(0).prop("endpoint").asText());
    assertTrue(webhook.get(0).secretProps().contains("endpoint"), webhook.get(0).name());
  }

  @Test
  void bothStacksSynthWellUnderFiveSeconds() {
    StackFixture.run(StackFixture.stackFile("staging"));
    var start = System.nanoTime();
    for (var stack : List.of("staging", "prod")) {
      assertEquals(0, synth(stack, out).exit());
    }
    var seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 5, "both stacks took " + seconds + " s");
  }
}
