package dev.knowledgecard.infra;

import com.pulumi.Context;
import dev.knowledgecard.infra.config.ConfigKeys;
import dev.knowledgecard.infra.config.ConfigSource;
import dev.knowledgecard.infra.config.StackConfig;

/**
 * The whole Knowledge Card stack: one validated configuration composed in layers whose dependencies
 * flow one way, each layer reading only the ones before it. The Pulumi program and the offline
 * synth both run {@link #define}.
 *
 * <ol>
 *   <li>{@link Foundation}: provider, role boundary, network, security groups;
 *   <li>{@link DataLayer}: database, cache, media bucket, secrets and their rotation;
 *   <li>{@link PlatformLayer}: logs, registry, DNS, load balancer, the container service;
 *   <li>{@link OperationsLayer}: alarms, budget, dashboard, CI roles;
 *   <li>{@link StackOutputs}: what the pipeline and scripts read.
 * </ol>
 */
public final class KnowledgeCardStack {

  private KnowledgeCardStack() {}

  /**
   * The stack function. Validates all configuration before registering any resource.
   *
   * @param configKeys every full config key the stack sets, and which are secure values, so
   *     misspelled keys and misplaced secrets are reported
   */
  public static void define(Context ctx, ConfigKeys configKeys) {
    var config =
        StackConfig.load(ConfigSource.of(ctx, configKeys), ctx.projectName(), ctx.stackName());
    compose(ctx, config);
  }

  private static void compose(Context ctx, StackConfig config) {
    var base = Foundation.create(config);
    var data = DataLayer.create(config, base);
    var platform = PlatformLayer.create(config, base, data);
    var operations = OperationsLayer.create(config, base, data, platform);
    StackOutputs.export(ctx, config, base, data, platform, operations);
  }
}
