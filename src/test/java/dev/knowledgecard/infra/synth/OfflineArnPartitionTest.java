package dev.knowledgecard.infra.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfflineArnPartitionTest {
  @ParameterizedTest(name = "{0}: every offline ARN is in partition {1}")
  @CsvSource({"us-east-1, aws", "us-gov-west-1, aws-us-gov", "cn-north-1, aws-cn"})
  void offlineArnsAreInTheRegionsPartition(String region, String partition) {
    var program = StackFixture.withConfig("staging", Map.of("aws:region", region));
    var result = StackFixture.run(program);
    var arns =
        result.graph().resources().stream()
            .map(GraphResource::arn)
            .filter(a -> !a.isEmpty())
            .toList();
    assertTrue(arns.size() > 50, "the program ran in " + region + ": " + result.failures());
    var outside = arns.stream().filter(a -> !a.startsWith("arn:" + partition + ":")).toList();
    assertEquals(List.of(), outside, "ARNs outside " + partition);
  }
}
