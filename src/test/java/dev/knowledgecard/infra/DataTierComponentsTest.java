package dev.knowledgecard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgecard.infra.cache.Cache;
import dev.knowledgecard.infra.database.Database;
import dev.knowledgecard.infra.secrets.AppSecrets;
import dev.knowledgecard.infra.storage.MediaStorage;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataTierComponentsTest {
  private static final List<String> TYPES =
      List.of(Database.TYPE, Cache.TYPE, MediaStorage.TYPE, AppSecrets.TYPE);

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  void dataTierChildrenAreNamedAfterTheirComponentAndUseTheStackProvider(String stack) {
    var graph = StackFixture.committedStack(stack).graph();
    for (var type : TYPES) {
      var component = graph.ofType(type);
      assertEquals(1, component.size(), stack + " has one " + type);
      var children = graph.childrenOf(component.get(0));
      assertFalse(children.isEmpty(), type + " has no children");
      for (var child : children) {
        assertTrue(
            child.name().startsWith(component.get(0).name() + "-"),
            child.name() + " is not named after " + component.get(0).name());
        assertTrue(
            child.provider().contains(stack + "-aws"),
            child.name() + " does not use the stack's provider: " + child.provider());
      }
    }
  }
}
