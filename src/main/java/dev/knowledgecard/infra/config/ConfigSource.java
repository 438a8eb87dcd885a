package dev.knowledgecard.infra.config;

import com.pulumi.Context;
import com.pulumi.core.Output;
import java.util.Optional;
import java.util.Set;

/**
 * Where raw configuration values come from. In a Pulumi run and in the offline synth this is the
 * Pulumi {@link Context}; values of structured keys (lists, maps) arrive as JSON text.
 */
public interface ConfigSource {

  /**
   * What a {@code secure:} value reads as in the offline synth, which cannot decrypt it; settings
   * skip format checks of this one value. Never deployed: a real run has the decrypted value.
   */
  String OFFLINE_SECRET_PLACEHOLDER = "offline-synth-placeholder-for-secure-value";

  Optional<String> get(String namespace, String key);

  /** A value set with {@code pulumi config set --secret}, kept secret as an {@link Output}. */
  Output<Optional<String>> getSecret(String namespace, String key);

  /**
   * Every full key the stack's configuration sets ({@code ns:key}), when known; keys of this
   * program's namespace that no setting reads are then reported as unknown (typos).
   */
  default Set<String> presentKeys() {
    return Set.of();
  }

  /**
   * The full keys whose value is a {@code secure:} value; only they may be read as secrets, and no
   * message ever shows their value.
   */
  default Set<String> secureKeys() {
    return Set.of();
  }

  /** The Pulumi context's config, without the key checks (e.g. for one component). */
  static ConfigSource of(Context ctx) {
    return of(ctx, ConfigKeys.UNKNOWN);
  }

  /** The Pulumi context's config; {@code keys} says which keys the stack sets, and how. */
  static ConfigSource of(Context ctx, ConfigKeys keys) {
    return new ConfigSource() {
      @Override
      public Set<String> presentKeys() {
        return keys.present();
      }

      @Override
      public Set<String> secureKeys() {
        return keys.secure();
      }

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
