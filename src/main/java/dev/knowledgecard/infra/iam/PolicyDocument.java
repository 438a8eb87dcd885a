package dev.knowledgecard.infra.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.Output;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders typed {@link PolicyStatement}s as an IAM policy JSON document, never by concatenation.
 */
public final class PolicyDocument {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PolicyDocument() {}

  public static Output<String> of(PolicyStatement... statements) {
    return of(List.of(statements));
  }

  public static Output<String> of(List<PolicyStatement> statements) {
    return Output.all(statements.stream().map(PolicyStatement::render).toList())
        .applyValue(
            nodes -> {
              ObjectNode doc = JSON.createObjectNode();
              doc.put("Version", "2012-10-17");
              nodes.forEach(doc.putArray("Statement")::add);
              try {
                return JSON.writeValueAsString(doc);
              } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
              }
            });
  }
}
