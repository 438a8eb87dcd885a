package dev.knowledgecard.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A stack outside the {@code aws} partition writes no {@code arn:aws:} into any input: every policy
 * document (deploy, workload boundary, NAT instance, alarm topic, ...) and every other string
 * builds its ARNs in the region's partition. The offline ARNs themselves are checked by {@code
 * OfflineArnPartitionTest}.
 */
class StackInEveryPartitionTest {
  /** Inputs that must hold ARNs of the stack's partition, so that the check covers them. */
  private static final List<String> POLICIES_CHECKED =
      List.of(
          "deploy-access-deploy-",
          "workload-boundary-policy",
          "network-nat-a-attach-interface",
          "alarms-policy");

  @ParameterizedTest(name = "{0} in {1}: no input names an ARN of the aws partition")
  @CsvSource({
    "staging, cn-north-1, aws-cn",
    "staging, us-gov-west-1, aws-us-gov",
    "prod, cn-north-1, aws-cn",
    "prod, us-gov-west-1, aws-us-gov"
  })
  void noInputNamesAnArnOfTheAwsPartition(String stack, String region, String partition) {
    // The whole fleet moves: the other stack's ARNs the configuration names (promotion source,
    // cross-account pullers) are in the same partition, as a cross-partition promotion cannot be.
    var overrides = new HashMap<String, String>();
    StackFixture.stackFile(stack)
        .config()
        .forEach(
            (key, value) -> {
              if (value.contains("arn:aws:")) {
                overrides.put(key, value.replace("arn:aws:", "arn:" + partition + ":"));
              }
            });
    overrides.put("aws:region", region);
    var program = StackFixture.withConfig(stack, overrides);
    var graph = StackFixture.succeed(StackFixture.run(program)).graph();
    var outside = new TreeSet<String>();
    var inPartition = new TreeSet<String>();
    for (var resource : graph.resources()) {
      for (var text : strings(resource.props())) {
        if (text.contains("arn:aws:")) {
          outside.add(resource.name() + ": " + text);
        }
        if (text.contains("arn:" + partition + ":")) {
          inPartition.add(resource.name());
        }
      }
    }
    assertEquals(new TreeSet<String>(), outside, "inputs with an aws-partition ARN in " + region);
    for (var policy : POLICIES_CHECKED) {
      assertTrue(
          inPartition.stream().anyMatch(name -> name.contains(policy)),
          policy + " holds " + partition + " ARNs: " + inPartition);
    }
  }

  /** Every string of an input, at any depth (policy documents are strings of JSON). */
  private static List<String> strings(JsonNode node) {
    var out = new ArrayList<String>();
    if (node == null) {
      return out;
    }
    if (node.isTextual()) {
      out.add(node.asText());
    }
    node.elements().forEachRemaining(child -> out.addAll(strings(child)));
    return out;
  }
}
