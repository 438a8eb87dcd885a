package dev.knowledgecard.infra.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.testing.StackFixture;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigurationDocTest {

  @Test
  @DisplayName("docs/configuration.md's table is the one the setting descriptors generate")
  void configurationTableIsFresh() throws IOException {
    var text = Files.readString(StackFixture.PROJECT_DIR.resolve(ConfigurationDoc.FILE));
    var committed = ConfigurationDoc.BLOCK.find(text);
    assertTrue(
        committed.isPresent(),
        ConfigurationDoc.FILE + " lacks the " + ConfigurationDoc.BLOCK.begin() + " block");
    assertEquals(
        ConfigurationDoc.BLOCK.wrap(ConfigurationDoc.table()),
        committed.get(),
        ConfigurationDoc.FILE
            + "'s configuration table is stale: run bash scripts/refresh-docs.sh");
  }
}
