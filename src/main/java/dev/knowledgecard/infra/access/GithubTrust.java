package dev.knowledgecard.infra.access;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.util.List;

/**
 * Trust policies for GitHub Actions' OIDC tokens: the audience is pinned to STS and the subject to
 * this repository and a given ref, pull request or environment, so no other repository, branch or
 * fork can assume the role.
 */
final class GithubTrust {
  static final String ISSUER_HOST = "token.actions.githubusercontent.com";
  static final String AUDIENCE = "sts.amazonaws.com";

  private GithubTrust() {}

  /** Subject of jobs triggered by pull requests of the repository. */
  static String pullRequests(String repository) {
    return "repo:" + repository + ":pull_request";
  }

  /** Subject of jobs running on the main branch without an environment. */
  static String mainBranch(String repository) {
    return "repo:" + repository + ":ref:refs/heads/main";
  }

  /** Subject of jobs that use a GitHub environment (its protection rules apply first). */
  static String environment(String repository, String environment) {
    return "repo:" + repository + ":environment:" + environment;
  }

  static Output<String> policy(Output<String> providerArn, List<String> subjects) {
    return PolicyDocument.of(
        PolicyStatement.allow("GithubActionsOidc")
            .principal("Federated", providerArn)
            .actions("sts:AssumeRoleWithWebIdentity")
            .condition("StringEquals", ISSUER_HOST + ":aud", AUDIENCE)
            .condition("StringEquals", ISSUER_HOST + ":sub", subjects.toArray(String[]::new))
            .build());
  }
}
