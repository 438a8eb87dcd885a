package dev.knowledgecard.infra.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MockResourceTypesTest {
  @Test
  @DisplayName(
      "every ARN format in the table fills to arn:partition:service:region:account:resource")
  void tableArnFormatsFillCompletely() {
    var table = ClasspathJson.read(MockResourceTypes.TABLE).path("arns");
    var wrong = new ArrayList<String>();
    table
        .properties()
        .forEach(
            f -> {
              var r =
                  new MockResource(
                      f.getKey(), "x", "x-phys", "id-1", "eu-west-1", "111122223333", Map.of());
              var arn = MockResourceTypes.fill(f.getValue().asText(), r);
              if (!arn.matches(
                  "arn:aws:[a-z0-9-]+:(eu-west-1)?:111122223333:[^{}]*(id-1|x-phys)")) {
                wrong.add(f.getKey() + " -> " + arn);
              }
            });
    assertTrue(table.size() > 10, "read the table");
    assertEquals(List.of(), wrong, "ARN formats that do not fill to an ARN of the resource");
  }
}
