package dev.knowledgecard.infra.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.test.internal.PulumiTestInternal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuietRunnerTest {
  @Test
  @DisplayName("the SDK's runner still has the task map the synth paces (an SDK upgrade is seen)")
  void theSdkRunnerTaskMapIsReplaced() {
    try {
      var test = PulumiTestInternal.builder().mocks(new OfflineMocks("us-east-1", "1")).build();
      assertTrue(QuietRunner.install(test.runner()), test.runner().getClass().getName());
    } finally {
      PulumiTestInternal.cleanup();
    }
  }
}
