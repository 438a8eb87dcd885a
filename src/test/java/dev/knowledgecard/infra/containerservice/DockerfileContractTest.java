package dev.knowledgecard.infra.containerservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.testing.StackFixture;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The image and the task definition must agree on what the read-only container may write. */
class DockerfileContractTest {

  @Test
  @DisplayName(
      "every writable path the task definition mounts is a VOLUME in the image, so ECS copies its"
          + " uid-1001 ownership into the bind mount")
  void writablePathsAreImageVolumes() throws Exception {
    var dockerfile = Files.readString(StackFixture.PROJECT_DIR.resolve("Dockerfile"));
    var volume = Pattern.compile("(?m)^VOLUME\\s+\\[(.*)]\\s*$").matcher(dockerfile);
    assertTrue(volume.find(), "the Dockerfile declares no VOLUME");
    var declared = new HashSet<String>();
    for (var item : volume.group(1).split(",")) {
      declared.add(item.trim().replace("\"", ""));
    }
    assertEquals(new HashSet<>(ContainerService.APP_WRITABLE_PATHS.values()), declared);
    assertTrue(dockerfile.contains("USER nextjs"), "the image runs as the non-root app user");
  }
}
