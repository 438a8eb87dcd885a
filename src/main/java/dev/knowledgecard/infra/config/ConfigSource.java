package dev.knowledgecard.infra.config;

import com.pulumi.Context;
import com.pulumi.core.Output;
import java.util.Optional;

/**
 * Where raw configuration values come from. In a Pulumi run and in the offline synth this is the
 * Pulumi {@link Context}; values of structured keys (lists, maps) arrive as JSON text.
 */
public interface ConfigSource {

  Optional<String> get(String namespace, String key);

  /** A value set with {@code pulumi config set --secret}, kept secret as an {@link Output}. */
  Output<Optional<String>> getSecret(String namespace, String key);

  static ConfigSource of(Context ctx) {
    return new ConfigSource() {
      @Override
      public Optional<String> get(String namespace, String key) {
        return ctx.config(namespace).get(key);
      }

      @Override
      public Output<Optional<String>> getSecret(String namespace, String key) {
        return ctx.config(namespace).getSecret(key);
      }
    };
  }
}
