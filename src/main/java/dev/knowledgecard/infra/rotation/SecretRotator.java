package dev.knowledgecard.infra.rotation;

import com.pulumi.asset.FileArchive;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.aws.lambda.inputs.FunctionEnvironmentArgs;
import com.pulumi.aws.lambda.inputs.FunctionLoggingConfigArgs;
import com.pulumi.aws.lambda.inputs.FunctionVpcConfigArgs;
import com.pulumi.aws.secretsmanager.SecretRotation;
import com.pulumi.aws.secretsmanager.SecretRotationArgs;
import com.pulumi.aws.secretsmanager.inputs.SecretRotationRotationRulesArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import dev.knowledgecard.infra.iam.RoleGrants;
import dev.knowledgecard.infra.securitygroups.Connections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rotates the secrets the program creates without a value: the session-signing secret and the app
 * database role's secret. One Node.js function ({@code rotation/}, Secrets Manager's four rotation
 * steps) in the private app subnets of every zone, behind its own security group, logging to a log
 * group with retention, with a role that may manage its network interfaces and write its logs, plus
 * what the secrets themselves grant it (rotate those two secrets, read the master secret: one
 * inline policy each), and nothing else. Secrets Manager may invoke it only for those secrets in
 * this account; each secret rotates on the configured schedule and once right away, so its first
 * value exists as soon as {@code pulumi up} ends.
 *
 * <p>AWS's rotation templates do not fit: they read the current value to make the next one, and
 * these secrets have none until the function writes it (README, "Secrets").
 */
public final class SecretRotator extends ComponentResource {
  public static final String TYPE = "knowledge-card:rotation:SecretRotator";

  static final String RUNTIME = "nodejs22.x";
  static final String ARCHITECTURE = "arm64";
  static final int TIMEOUT_SECONDS = 60;
  static final int MEMORY_MB = 256;

  /**
   * The Node.js runtime's CA bundle, which includes the RDS certificate authorities (AWS Lambda
   * Developer Guide, "Building Lambda functions with Node.js": Node.js 20+ runtimes load them only
   * when asked).
   */
  static final String RUNTIME_CA_BUNDLE = "/var/runtime/ca-cert.pem";

  /**
   * What Lambda does to attach a function to a VPC (the actions of AWS's managed policy
   * AWSLambdaVPCAccessExecutionRole; EC2 grants them on "*" only).
   */
  static final List<String> VPC_ACTIONS =
      List.of(
          "ec2:CreateNetworkInterface",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSubnets",
          "ec2:DeleteNetworkInterface",
          "ec2:AssignPrivateIpAddresses",
          "ec2:UnassignPrivateIpAddresses");

  private final Connections connections;

  public SecretRotator(
      String name, SecretRotatorArgs args, StackContext context, ComponentResourceOptions options) {
    super(TYPE, name, options);
    var child = CustomResourceOptions.builder().parent(this).build();
    var functionName = context.namePrefix() + "-secret-rotation";
    this.connections = args.connections();
    connections.allowHttpsOut("HTTPS to the Secrets Manager API, via NAT or an endpoint");
    var logs =
        new LogGroup(
            name + "-logs",
            LogGroupArgs.builder()
                .name("/aws/lambda/" + functionName)
                .retentionInDays(args.logRetentionDays())
                .build(),
            child);

    var role =
        new Role(
            name + "-role",
            args.confinement()
                .confine(RoleArgs.builder())
                .description("The secret rotation function: its two secrets, the master secret")
                .assumeRolePolicy(
                    PolicyDocument.of(
                        PolicyStatement.allow("LambdaOfThisAccountAssumes")
                            .servicePrincipal("lambda.amazonaws.com")
                            .actions("sts:AssumeRole")
                            .condition("StringEquals", "aws:SourceAccount", context.accountId())
                            .build()))
                .build(),
            child);
    var policy =
        new RolePolicy(
            name + "-policy",
            RolePolicyArgs.builder()
                .role(role.id())
                .policy(
                    PolicyDocument.of(
                        // GetRandomPassword acts on no resource: AWS requires "*".
                        PolicyStatement.allow("GenerateValues")
                            .actions("secretsmanager:GetRandomPassword")
                            .resource("*")
                            .build(),
                        PolicyStatement.allow("WriteOwnLogs")
                            .actions("logs:CreateLogStream", "logs:PutLogEvents")
                            .resource(logs.arn().applyValue(arn -> arn + ":log-stream:*"))
                            .build(),
                        PolicyStatement.allow("AttachToTheVpc")
                            .actions(VPC_ACTIONS)
                            .resource("*")
                            .build()))
                .build(),
            child);
    // The secrets grant the role what the function does to each, as the owners' own policies.
    var grants = new RoleGrants();
    args.sessionSecret().grantRotation(grants);
    args.appRoleSecret().grantRotation(grants);
    args.masterSecret().grantRead(grants);
    // The function's first run (rotate immediately) needs every right, the granted ones too.
    var policies = new ArrayList<Resource>(List.of(policy));
    policies.addAll(grants.attachTo(role, name, child));

    var database = args.database();
    var function =
        new Function(
            name + "-function",
            FunctionArgs.builder()
                .name(functionName)
                .description("Rotates the session secret and the app database role's password")
                .runtime(RUNTIME)
                .architectures(ARCHITECTURE)
                .handler("index.handler")
                // The deploy runs `npm ci --omit=dev` in rotation/ first (README, "Secrets").
                .code(new FileArchive(args.code().toString()))
                .role(role.arn())
                .timeout(TIMEOUT_SECONDS)
                .memorySize(MEMORY_MB)
                .vpcConfig(
                    FunctionVpcConfigArgs.builder()
                        .subnetIds(args.subnetIds())
                        .securityGroupIds(args.connections().id().applyValue(List::of))
                        .build())
                .loggingConfig(
                    FunctionLoggingConfigArgs.builder()
                        .logFormat("JSON")
                        .logGroup(logs.name())
                        .build())
                .environment(
                    FunctionEnvironmentArgs.builder()
                        // References and locations only: the function reads every value itself.
                        .variables(
                            Output.tuple(
                                    args.sessionSecret().arn(),
                                    args.appRoleSecret().arn(),
                                    args.masterSecret().arn(),
                                    database.address(),
                                    database.port())
                                .applyValue(
                                    t ->
                                        Map.of(
                                            "SESSION_SECRET_ARN",
                                            t.t1,
                                            "APP_ROLE_SECRET_ARN",
                                            t.t2,
                                            "MASTER_SECRET_ARN",
                                            t.t3,
                                            "DB_HOST",
                                            t.t4,
                                            "DB_PORT",
                                            String.valueOf(t.t5),
                                            "DB_NAME",
                                            database.name(),
                                            "DB_APP_USER",
                                            args.appRoleName(),
                                            "DB_CA_FILE",
                                            RUNTIME_CA_BUNDLE)))
                        .build())
                .build(),
            CustomResourceOptions.builder().parent(this).dependsOn(policies).build());

    rotate("session", args.sessionSecret().arn(), function, args, context, child);
    rotate("db-app-role", args.appRoleSecret().arn(), function, args, context, child);

    registerOutputs(Map.of("functionArn", function.arn(), "functionName", function.name()));
  }

  /** Secrets Manager may invoke the function for this secret only; rotation on schedule and now. */
  private void rotate(
      String label,
      Output<String> secretArn,
      Function function,
      SecretRotatorArgs args,
      StackContext context,
      CustomResourceOptions child) {
    var name = pulumiResourceName() + "-" + label;
    var permission =
        new Permission(
            name + "-invoke",
            PermissionArgs.builder()
                .function(function.name())
                .action("lambda:InvokeFunction")
                .principal("secretsmanager.amazonaws.com")
                .sourceAccount(context.accountId())
                .sourceArn(secretArn)
                .build(),
            child);
    new SecretRotation(
        name + "-rotation",
        SecretRotationArgs.builder()
            .secretId(secretArn)
            .rotationLambdaArn(function.arn())
            .rotationRules(
                SecretRotationRotationRulesArgs.builder()
                    .automaticallyAfterDays(args.rotationDays())
                    .build())
            // The secrets are created empty: the first rotation writes their first value.
            .rotateImmediately(true)
            .build(),
        CustomResourceOptions.builder().parent(this).dependsOn(List.of(permission)).build());
  }

  /** The function's security group, for the database to admit it. */
  public Connections connections() {
    return connections;
  }

  /** What deploying the rotation function needs; its role is passed to Lambda. */
  public DeployNeeds deployNeeds() {
    return DeployNeeds.of(pulumiResourceName())
        .creates(LogGroup.class, Role.class, RolePolicy.class, Function.class, Permission.class)
        .creates(SecretRotation.class)
        .createsRoles()
        .build();
  }
}
