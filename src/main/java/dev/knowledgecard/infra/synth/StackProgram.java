package dev.knowledgecard.infra.synth;

import com.pulumi.Context;
import dev.knowledgecard.infra.config.ConfigKeys;

/** A Pulumi program as the synth runs it: given the context and the stack's config keys. */
@FunctionalInterface
public interface StackProgram {
  void define(Context ctx, ConfigKeys configKeys);
}
