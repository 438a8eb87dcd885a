package dev.knowledgecard.infra.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfflineArnPartitionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An ARN's partition wherever it stands in a text: alone, or inside a policy document. */
  private static final Pattern ARN_PARTITION = Pattern.compile("arn:([a-z-]+):");

  @ParameterizedTest(name = "{0}: every offline ARN is in partition {1}")
  @CsvSource({"us-east-1, aws", "us-gov-west-1, aws-us-gov", "cn-north-1, aws-cn"})
  void offlineArnsAreInTheRegionsPartition(String region, String partition) {
    // The stack file is written for us-east-1: the ARNs it names (imagePullRoles) move to the
    // region's partition with it, so an ARN of partition aws left below comes from the program.
    var overrides = new HashMap<String, String>();
    StackFixture.stackFile("staging")
        .config()
        .forEach(
            (key, value) -> {
              if (value.contains("arn:aws:")) {
                overrides.put(key, value.replace("arn:aws:", "arn:" + partition + ":"));
              }
            });
    assertTrue(overrides.containsKey("knowledge-card:imagePullRoles"), overrides.toString());
    overrides.put("aws:region", region);
    var program = StackFixture.withConfig("staging", overrides);
    var result = StackFixture.run(program);
    var resources = result.graph().resources();
    var arns = resources.stream().map(GraphResource::arn).filter(a -> !a.isEmpty()).toList();
    assertTrue(arns.size() > 50, "the program ran in " + region + ": " + result.failures());
    var outside = arns.stream().filter(a -> !a.startsWith("arn:" + partition + ":")).toList();
    assertEquals(List.of(), outside, "ARNs outside " + partition);

    // Inputs carry ARNs the mocks computed (invoke results such as getCallerIdentity, the ELB
    // account's root) and policy documents as JSON strings; stack outputs carry more.
    var texts = new ArrayList<String>();
    for (var r : resources) {
      texts(r.props(), r.name() + " ", texts);
    }
    texts(JSON.valueToTree(result.outputs()), "output ", texts);
    assertTrue(
        texts.stream().anyMatch(t -> t.contains("arn:" + partition + ":")),
        "found ARNs in inputs and outputs");
    var wrong = texts.stream().filter(t -> !inPartition(t, partition)).toList();
    assertEquals(List.of(), wrong, "inputs or outputs naming an ARN outside " + partition);
  }

  /** Whether every ARN in {@code text} names {@code partition}. */
  private static boolean inPartition(String text, String partition) {
    var m = ARN_PARTITION.matcher(text);
    while (m.find()) {
      if (!m.group(1).equals(partition)) {
        return false;
      }
    }
    return true;
  }

  /** Every text value under {@code node}, prefixed with where it was found. */
  private static void texts(JsonNode node, String where, List<String> out) {
    if (node.isTextual()) {
      out.add(where + node.asText());
    } else if (node.isContainerNode()) {
      node.properties().forEach(e -> texts(e.getValue(), where + e.getKey() + ".", out));
      if (node.isArray()) {
        for (var item : node) {
          texts(item, where, out);
        }
      }
    }
  }
}
