package dev.knowledgecard.infra;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.resources.ComponentResourceOptions;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.access.WorkloadBoundary;
import dev.knowledgecard.infra.config.StackConfig;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.network.Network;
import dev.knowledgecard.infra.network.NetworkArgs;
import dev.knowledgecard.infra.securitygroups.SecurityGroups;
import dev.knowledgecard.infra.securitygroups.SecurityGroupsArgs;
import java.util.List;

/**
 * The first layer: the provider every component uses, the boundary every role carries, the network
 * and the (still closed) security groups.
 *
 * @param context the stack's project, region, account, tags and name prefix
 * @param options every component's options: the stack's provider
 * @param boundary the permissions boundary of every workload role
 * @param network the VPC and its subnets
 * @param groups the security groups, opened by the components behind them
 */
record Foundation(
    StackContext context,
    ComponentResourceOptions options,
    WorkloadBoundary boundary,
    Network network,
    SecurityGroups groups) {

  static Foundation create(StackConfig config) {
    var context = StackContext.of(config);
    var stack = context.stack();
    // One explicit provider carries the region, the tags every resource gets and the stack's one
    // account. An explicit provider reads no `aws:` stack config, so the allowed account is passed
    // on here: the provider then refuses credentials of any other account before changing anything.
    var aws =
        new Provider(
            stack + "-aws",
            ProviderArgs.builder()
                .region(context.region())
                .allowedAccountIds(List.of(context.accountId()))
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(context.tags()).build())
                .build());
    var options = ComponentResourceOptions.builder().providers(aws).build();
    // First: every role the components create is confined to this path and boundary.
    var boundary = new WorkloadBoundary(stack + "-workload-boundary", context, options);
    var network =
        new Network(
            stack + "-network",
            new NetworkArgs(config.network(), boundary.confinement()),
            context,
            options);
    var groups =
        new SecurityGroups(
            stack + "-sg",
            new SecurityGroupsArgs(network.vpcId(), config.ports()),
            context,
            options);
    return new Foundation(context, options, boundary, network, groups);
  }

  List<DeployNeeds> deployNeeds() {
    return List.of(boundary.deployNeeds(), network.deployNeeds(), groups.deployNeeds());
  }
}
