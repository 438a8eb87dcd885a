package dev.knowledgecard.infra.access;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.iam.PolicyDocument;
import dev.knowledgecard.infra.iam.PolicyStatement;

/**
 * Trust policies for GitHub Actions' OIDC tokens. The repository's subject claim is customised to
 * {@code repo}, {@code context} and {@code job_workflow_ref} (GitHub docs, "About security
 * hardening with OpenID Connect": customizing the subject claims; bootstrap sets it), so a subject
 * names the repository, the environment / event / ref, and the exact workflow file and ref the job
 * runs. AWS matches the {@code sub} and {@code aud} claims with the {@code
 * token.actions.githubusercontent.com:} condition keys (IAM user guide, "Configuring a role for
 * GitHub OIDC identity provider").
 */
final class GithubTrust {
  static final String ISSUER_HOST = "token.actions.githubusercontent.com";
  static final String AUDIENCE = "sts.amazonaws.com";
  static final String SUB = ISSUER_HOST + ":sub";
  static final String AUD = ISSUER_HOST + ":aud";
  private static final String MAIN = "refs/heads/main";

  private GithubTrust() {}

  /**
   * The subject of a job of {@code repository} in {@code context} (environment, event or ref)
   * running the workflow file {@code file} at {@code ref}.
   */
  private static String subject(String repository, String context, String file, String ref) {
    return String.format(
        "repo:%s:%s:job_workflow_ref:%s/.github/workflows/%s@%s",
        repository, context, repository, file, ref);
  }

  /**
   * Deploy and image publisher: only the deploy workflow of main running in the stack's
   * environment, after the environment's protection rules (GitHub environment = stack name).
   */
  static String environmentDeploy(String repository, String environment) {
    return subject(repository, "environment:" + environment, "deploy-stack.yml", MAIN);
  }

  /** Preview: the pull-request workflow of any pull request of this repository (StringLike). */
  static String pullRequestPreview(String repository) {
    return subject(repository, "pull_request", "pull-request.yml", "refs/pull/*/merge");
  }

  /** Drift: main's scheduled drift workflow. */
  static String mainDrift(String repository) {
    return subject(repository, "ref:" + MAIN, "drift.yml", MAIN);
  }

  /** The prod preview job of main's deploy workflow, before the environment's approval. */
  static String mainPreApprovalPreview(String repository) {
    return subject(repository, "ref:" + MAIN, "deploy.yml", MAIN);
  }

  /** Exact subjects (StringEquals). */
  static Output<String> exact(Output<String> providerArn, String... subjects) {
    return policy(providerArn, "StringEquals", subjects);
  }

  /** Subject patterns (StringLike), only where the ref carries the pull request number. */
  static Output<String> like(Output<String> providerArn, String... subjects) {
    return policy(providerArn, "StringLike", subjects);
  }

  private static Output<String> policy(
      Output<String> providerArn, String subjectOperator, String... subjects) {
    return PolicyDocument.of(
        PolicyStatement.allow("GithubActionsOidc")
            .principal("Federated", providerArn)
            .actions("sts:AssumeRoleWithWebIdentity")
            .condition("StringEquals", AUD, AUDIENCE)
            .condition(subjectOperator, SUB, subjects)
            .build());
  }
}
