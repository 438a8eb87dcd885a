package dev.knowledgecard.infra.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads the offline engine's AWS data tables (JSON files under src/main/resources/synth). */
final class ClasspathJson {
  private ClasspathJson() {}

  static JsonNode read(String resource) {
    try (var in = ClasspathJson.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
