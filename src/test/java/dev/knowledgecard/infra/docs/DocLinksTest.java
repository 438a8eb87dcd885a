package dev.knowledgecard.infra.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.testing.StackFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README and docs/ hold together: every relative link and anchor resolves. */
class DocLinksTest {
  private static final Path ROOT = StackFixture.PROJECT_DIR;
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *$");

  static List<Path> pages() throws IOException {
    var pages =
        new ArrayList<Path>(List.of(ROOT.resolve("README.md"), ROOT.resolve("app/README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
  static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  static Set<String> anchors(Path page) {
    try {
      var found = new HashSet<String>();
      var matcher = HEADING.matcher(Files.readString(page));
      while (matcher.find()) {
        found.add(anchor(matcher.group(1)));
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName(
      "every relative link in README.md, app/README.md and docs/ reaches a file and heading")
  void everyLinkResolves() throws IOException {
    var broken = new ArrayList<String>();
    for (var page : pages()) {
      var matcher = LINK.matcher(Files.readString(page));
      while (matcher.find()) {
        var target = matcher.group(1);
        if (target.matches("[a-z]+:.*")) {
          continue; // https:, mailto:: not this test's business
        }
        var hash = target.indexOf('#');
        var file = hash < 0 ? target : target.substring(0, hash);
        var resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        var where = ROOT.relativize(page) + ": " + target;
        if (!Files.exists(resolved)) {
          broken.add(where + " (no such file)");
        } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
          broken.add(where + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  @Test
  @DisplayName("the README's two fresh-machine commands are the synth and the test command CI runs")
  void readmeCommandsAreTheOnesCiRuns() throws IOException {
    var readme = Files.readString(ROOT.resolve("README.md"));
    var ci = Files.readString(ROOT.resolve(".ci/run"));
    assertTrue(readme.contains("\nbash scripts/test-all.sh\n"), "README lacks the test command");
    assertTrue(ci.contains("scripts/test-all.sh"), ".ci/run no longer runs scripts/test-all.sh");
    var synth = "java -jar target/knowledge-card-infra.jar synth --stack ";
    assertTrue(readme.contains(synth + "staging\n"), "README lacks the offline synth command");
    // CI runs the same command for every stack file, staging's among them.
    var testAll = Files.readString(ROOT.resolve("scripts/test-all.sh"));
    assertTrue(
        testAll.contains(synth + "\"${stack}\"") && testAll.contains("for file in Pulumi.*.yaml"),
        "scripts/test-all.sh no longer runs the README's synth command for each stack file");
    assertTrue(Files.exists(ROOT.resolve("Pulumi.staging.yaml")), "no staging stack file");
  }
}
