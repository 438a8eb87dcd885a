package dev.knowledgecard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.graph.GraphJson;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.synth.StackFiles;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Conventions every component must keep, checked over the whole graph of both stacks. */
class StackConventionsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ResourceGraph graph(String stack) {
    return StackFixture.committedStack(stack).graph();
  }

  @ParameterizedTest(name = "{0}: cloud resources live inside components, never loose in the stack")
  @ValueSource(strings = {"staging", "prod"})
  void everyResourceHasAComponentParent(String stack) {
    var g = graph(stack);
    var byUrn = g.byUrn();
    for (var r : g.declared()) {
      assertNotNull(r.parent(), r.urn());
      var parent = byUrn.get(r.parent());
      assertNotNull(parent, r.name() + " has an unregistered parent");
      if (r.custom()) {
        assertFalse(parent.custom(), r.name() + " is parented to a cloud resource");
        assertFalse(
            parent.is(ResourceGraph.ROOT_STACK_TYPE), r.name() + " sits directly in the stack");
      } else {
        assertTrue(
            r.type().startsWith("knowledge-card:"), r.type() + " is not a project component type");
      }
    }
  }

  @ParameterizedTest(name = "{0}: every child's name starts with its component's name")
  @ValueSource(strings = {"staging", "prod"})
  void childNamesStartWithComponentName(String stack) {
    var g = graph(stack);
    var byUrn = g.byUrn();
    for (var r : g.declared()) {
      var parent = byUrn.get(r.parent());
      if (!parent.is(ResourceGraph.ROOT_STACK_TYPE)) {
        assertTrue(
            r.name().startsWith(parent.name() + "-"),
            r.name() + " not prefixed by " + parent.name());
      } else {
        assertTrue(r.name().startsWith(stack + "-"), r.name() + " not prefixed by the stack name");
      }
    }
  }

  @ParameterizedTest(name = "{0}: every AWS resource uses the stack's tagged provider")
  @ValueSource(strings = {"staging", "prod"})
  void everyAwsResourceUsesTheTaggedProvider(String stack) throws Exception {
    var g = graph(stack);
    var providers = g.ofType("pulumi:providers:aws");
    assertEquals(1, providers.size());
    var provider = providers.get(0);
    assertEquals("us-east-1", provider.prop("region").asText());
    // Provider inputs travel as JSON text, as the engine hands them to the provider plugin.
    var tags = MAPPER.readTree(provider.prop("defaultTags").asText()).path("tags");
    assertEquals(
        Map.of(
            "Project",
            "knowledge-card",
            "Stack",
            stack,
            "Environment",
            stack,
            "ManagedBy",
            "pulumi",
            "CostCenter",
            "knowledge-card-" + stack),
        MAPPER.convertValue(tags, Map.class));
    for (var r : g.declared()) {
      if (r.custom() && r.type().startsWith("aws:")) {
        assertTrue(
            r.provider().startsWith(provider.urn() + "::"),
            r.name() + " uses provider " + r.provider());
      }
    }
  }

  @ParameterizedTest(
      name = "{0}: no secure config value appears in plain text anywhere in the graph")
  @ValueSource(strings = {"staging", "prod"})
  void noSecretInPlainText(String stack) {
    var result = StackFixture.committedStack(stack);
    var json = GraphJson.toJson(result.graph(), result.outputs()).toString();
    assertFalse(
        json.contains(StackFiles.SECRET_PLACEHOLDER),
        "a secure config value leaked into the graph");
    for (GraphResource r : result.graph().resources()) {
      for (var path : r.secretProps()) {
        assertFalse(path.isBlank(), r.name());
      }
    }
  }

  @ParameterizedTest(name = "{0}: every workload role is confined to the stack's path and boundary")
  @ValueSource(strings = {"staging", "prod"})
  void workloadRolesAreConfined(String stack) {
    var g = graph(stack);
    var boundary = g.named("aws:iam/policy:Policy", stack + "-workload-boundary-policy");
    for (var role : g.ofType("aws:iam/role:Role")) {
      var path = role.prop("path").asText();
      if (path.equals("/knowledge-card-ci/" + stack + "/")) {
        continue; // the CI roles themselves, which only an administrator changes
      }
      assertEquals("/knowledge-card/" + stack + "/", path, role.name() + " path");
      assertTrue(
          role.prop("permissionsBoundary").asText().endsWith("/" + boundary.id()),
          role.name() + " boundary " + role.prop("permissionsBoundary"));
    }
  }
}
