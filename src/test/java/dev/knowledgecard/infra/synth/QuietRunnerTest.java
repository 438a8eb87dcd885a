package dev.knowledgecard.infra.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuietRunnerTest {
  @Test
  @DisplayName("the SDK's runner still has the task map the synth paces (an SDK upgrade is seen)")
  void theSdkRunnerTaskMapIsReplaced() {
    assertTrue(OfflineEngine.pacesTheRunner(), "QuietRunner found no inFlightTasks map to replace");
  }
}
