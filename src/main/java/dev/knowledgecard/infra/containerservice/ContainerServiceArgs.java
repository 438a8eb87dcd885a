package dev.knowledgecard.infra.containerservice;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.access.RoleConfinement;
import dev.knowledgecard.infra.config.ServiceSettings;
import java.util.List;

/**
 * Inputs of {@link ContainerService}: plain values from the network, registry, load balancer, log
 * group and data tier, so the component can be built and tested alone.
 *
 * @param settings image, size, counts, deployment and scaling
 * @param namePrefix stack-derived prefix of the task definition families, e.g. {@code
 *     knowledge-card-prod} gives {@code knowledge-card-prod-app} and {@code
 *     knowledge-card-prod-migrate}
 * @param region the AWS region (log configuration, {@code AWS_REGION})
 * @param accountId this account, for the task role's confused-deputy conditions
 * @param repositoryUrl the image repository's URL; the image is this plus the configured tag
 * @param repositoryArn the repository the execution role may pull from, and only it
 * @param subnetIds private app subnets for tasks (no public IP)
 * @param securityGroupId the app security group, shared by the service and the migration task
 * @param appPort the container port
 * @param targetGroupArn the load balancer's target group (resolved once a listener uses it)
 * @param loadBalancerArnSuffix for the requests-per-target scaling metric
 * @param targetGroupArnSuffix for the requests-per-target scaling metric
 * @param publicUrl the app's public URL ({@code PUBLIC_URL})
 * @param logGroupName the app log group (awslogs)
 * @param logGroupArn the app log group, for the execution role's write grant
 * @param data the data tier's endpoints, storage policy and secrets
 * @param confinement the IAM path and permissions boundary every role of the stack carries
 */
public record ContainerServiceArgs(
    ServiceSettings settings,
    String namePrefix,
    String region,
    Output<String> accountId,
    Output<String> repositoryUrl,
    Output<String> repositoryArn,
    Output<List<String>> subnetIds,
    Output<String> securityGroupId,
    int appPort,
    Output<String> targetGroupArn,
    Output<String> loadBalancerArnSuffix,
    Output<String> targetGroupArnSuffix,
    Output<String> publicUrl,
    Output<String> logGroupName,
    Output<String> logGroupArn,
    AppDataTier data,
    RoleConfinement confinement) {}
