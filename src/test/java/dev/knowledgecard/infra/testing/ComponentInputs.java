package dev.knowledgecard.infra.testing;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.knowledgecard.infra.config.Ports;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.securitygroups.SecurityGroups;
import dev.knowledgecard.infra.securitygroups.SecurityGroupsArgs;
import dev.knowledgecard.infra.synth.OfflineMocks;
import java.util.Map;

/** What a component built alone in a test gets from the rest of the stack. */
public final class ComponentInputs {
  /** Ports of a test stack: app 3000, PostgreSQL 5433, Redis 6379. */
  private static final Ports PORTS = new Ports(3000, 5433, 6379);

  private ComponentInputs() {}

  /** Project {@code knowledge-card}, stack {@code test} (prefix {@code knowledge-card-test}). */
  public static StackContext context() {
    return context("us-east-1");
  }

  /** The test stack in another region (and so, possibly, another partition). */
  public static StackContext context(String region) {
    return new StackContext("knowledge-card", "test", region, OfflineMocks.ACCOUNT_ID, Map.of());
  }

  /** The stack's security groups, named {@code sg-*}, in VPC {@code vpc-test}, still closed. */
  public static SecurityGroups groups() {
    return new SecurityGroups(
        "sg",
        new SecurityGroupsArgs(Output.of("vpc-test"), PORTS),
        context(),
        ComponentResourceOptions.Empty);
  }
}
