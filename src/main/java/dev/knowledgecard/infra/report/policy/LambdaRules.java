package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.LAMBDA_FUNCTION;
import static dev.knowledgecard.infra.graph.AwsTypes.LAMBDA_PERMISSION;
import static dev.knowledgecard.infra.graph.AwsTypes.SUBNET;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.LambdaFunction;
import dev.knowledgecard.infra.graph.aws.LambdaPermission;
import dev.knowledgecard.infra.graph.aws.Subnet;
import dev.knowledgecard.infra.report.policy.Checks.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Lambda functions and who may invoke them (Security Hub's "Lambda controls"). */
final class LambdaRules {
  private static final Subjects FUNCTIONS = new Subjects(LAMBDA_FUNCTION, "Lambda function");

  /**
   * Runtimes Lambda supports and does not deprecate before 2027 (AWS Lambda Developer Guide,
   * "Lambda runtimes"); Lambda.2 fails on any other.
   */
  private static final Set<String> LAMBDA_RUNTIMES =
      Set.of(
          "nodejs22.x",
          "nodejs24.x",
          "python3.12",
          "python3.13",
          "python3.14",
          "java17",
          "java21",
          "java25",
          "dotnet8",
          "ruby3.4",
          "provided.al2023");

  static final List<Rule> ALL =
      List.of(
          new Rule("Lambda.1", LambdaRules::lambda1NoPublicInvoke),
          new Rule(
              "Lambda.2", g -> FUNCTIONS.each(g, "uses a supported runtime", LambdaRules::lambda2)),
          new Rule("Lambda.3", g -> FUNCTIONS.each(g, "runs in a VPC", LambdaRules::lambda3)),
          new Rule(
              "Lambda.5",
              g -> FUNCTIONS.each(g, "has subnets in at least two AZs", f -> lambda5(g, f))));

  private LambdaRules() {}

  /**
   * Lambda.1: every invoke permission names one principal, never {@code *}; an AWS service may
   * invoke only for this account ({@code sourceAccount}) and one resource ({@code sourceArn}).
   */
  private static Finding lambda1NoPublicInvoke(StackGraph g) {
    if (g.all(LAMBDA_FUNCTION).isEmpty()) {
      return Finding.notApplicable("no Lambda function in the graph");
    }
    var permissions = g.all(LAMBDA_PERMISSION);
    var failed = new ArrayList<String>();
    var problems = new ArrayList<String>();
    for (var p : permissions) {
      var principal = LambdaPermission.PRINCIPAL.of(p).asText("");
      String problem = null;
      if (principal.isEmpty() || principal.contains("*")) {
        problem = "principal " + (principal.isEmpty() ? "unset" : principal);
      } else if (principal.endsWith(".amazonaws.com")
          && (LambdaPermission.SOURCE_ACCOUNT.of(p).asText("").isEmpty()
              || LambdaPermission.SOURCE_ARN.of(p).asText("").isEmpty())) {
        problem = "service principal " + principal + " without sourceAccount and sourceArn";
      }
      if (problem != null) {
        failed.add(p.name());
        problems.add(p.name() + ": " + problem);
      }
    }
    var names = new ArrayList<String>();
    g.all(LAMBDA_FUNCTION).forEach(f -> names.add(f.name()));
    permissions.forEach(p -> names.add(p.name()));
    return failed.isEmpty()
        ? Finding.pass(
            names,
            permissions.size()
                + " invoke permissions, each for one principal, services bound to this account"
                + " and one source")
        : Finding.fail(failed, String.join("; ", problems));
  }

  private static Optional<String> lambda2(GraphResource f) {
    var runtime = LambdaFunction.RUNTIME.of(f).asText("");
    if (runtime.isEmpty()) {
      return "Image".equals(LambdaFunction.PACKAGE_TYPE.of(f).asText(""))
          ? Optional.empty()
          : Optional.of("runtime unset");
    }
    return LAMBDA_RUNTIMES.contains(runtime)
        ? Optional.empty()
        : Optional.of("runtime " + runtime + " is deprecated or unknown");
  }

  private static Optional<String> lambda3(GraphResource f) {
    if (LambdaFunction.VPC_CONFIG_SUBNET_IDS.of(f).size() == 0) {
      return Optional.of("no vpcConfig.subnetIds");
    }
    return LambdaFunction.VPC_CONFIG_SECURITY_GROUP_IDS.of(f).size() == 0
        ? Optional.of("no vpcConfig.securityGroupIds")
        : Optional.empty();
  }

  private static Optional<String> lambda5(StackGraph g, GraphResource f) {
    var subnets = LambdaFunction.VPC_CONFIG_SUBNET_IDS.of(f);
    if (subnets.size() == 0) {
      return Optional.of("not in a VPC");
    }
    var zones =
        g.referenced(f, LambdaFunction.VPC_CONFIG_SUBNET_IDS, SUBNET).stream()
            .map(s -> Subnet.AVAILABILITY_ZONE.of(s).asText(""))
            .filter(z -> !z.isEmpty())
            .collect(Collectors.toSet());
    // Subnets outside the graph: count them; each of the program's subnets is in its own AZ.
    var spread = zones.isEmpty() ? subnets.size() : zones.size();
    return spread >= 2 ? Optional.empty() : Optional.of("subnets in " + spread + " AZ only");
  }
}
