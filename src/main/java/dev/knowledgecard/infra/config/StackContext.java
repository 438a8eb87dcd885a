package dev.knowledgecard.infra.config;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every component of one stack shares, passed once instead of threaded through each args:
 * where the stack runs (project, stack, region, its partition, the one account), the prefix of its
 * physical names and the tags every resource carries.
 *
 * <pre>{@code
 * var context = StackContext.of(config);
 * context.arn("logs", "log-group:/kc/prod/app"); // arn:aws:logs:us-east-1:<account>:log-group:...
 * context.name("-db", 63);                       // knowledge-card-prod-db, cut to 63 characters
 * }</pre>
 *
 * @param project the Pulumi project name
 * @param stack the Pulumi stack name
 * @param region the AWS region, e.g. {@code us-east-1}, {@code cn-north-1}, {@code us-gov-west-1}
 * @param accountId the stack's one AWS account (12 digits)
 * @param tags the tags every resource gets, through the provider's default tags; kept sorted by key
 */
public record StackContext(
    String project, String stack, String region, String accountId, Map<String, String> tags) {

  public StackContext {
    // Sorted: lists built from the tags (Auto Scaling group tags) come out the same on every run.
    tags = Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  /** The context of a validated configuration. */
  public static StackContext of(StackConfig config) {
    return new StackContext(
        config.project(), config.stack(), config.region(), config.accountId(), config.tags());
  }

  /**
   * The AWS partition of the region: {@code aws-cn} for China, {@code aws-us-gov} for GovCloud,
   * {@code aws} elsewhere. Every ARN starts with it.
   */
  public String partition() {
    return partitionOf(region);
  }

  /** The AWS partition of {@code region} (see {@link #partition()}). */
  public static String partitionOf(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    return "aws";
  }

  /** {@code <project>-<stack>}: the prefix of every physical name and {@code Name} tag. */
  public String namePrefix() {
    return project + "-" + stack;
  }

  /**
   * The physical name {@code <prefix><suffix>}, lower-cased, characters outside {@code [a-z0-9-]}
   * replaced by {@code -} and runs of dashes collapsed (RDS rejects {@code --}), the prefix cut
   * (and trailing dashes dropped) so the whole fits {@code maxLength}.
   */
  public String name(String suffix, int maxLength) {
    return truncate(namePrefix(), suffix, maxLength);
  }

  /** {@code base + suffix} within {@code maxLength}: {@code base} sanitized and cut as needed. */
  public static String truncate(String base, String suffix, int maxLength) {
    var clean = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-");
    var room = maxLength - suffix.length();
    if (clean.length() > room) {
      clean = clean.substring(0, room);
    }
    return clean.replaceAll("-+$", "") + suffix;
  }

  /** An ARN of this region and account: {@code arn:<partition>:<service>:<region>:<id>:<rest>}. */
  public String arn(String service, String resource) {
    return "arn:" + partition() + ":" + service + ":" + region + ":" + accountId + ":" + resource;
  }

  /**
   * An ARN of a global service in this account, such as IAM: {@code
   * arn:<partition>:<service>::<id>:<rest>}.
   */
  public String globalArn(String service, String resource) {
    return "arn:" + partition() + ":" + service + "::" + accountId + ":" + resource;
  }

  /** An AWS-managed policy: {@code arn:<partition>:iam::aws:policy/<path>}. */
  public String managedPolicy(String path) {
    return "arn:" + partition() + ":iam::aws:policy/" + path;
  }

  /** An S3 bucket or object ARN (no region, no account): {@code arn:<partition>:s3:::<rest>}. */
  public String s3Arn(String resource) {
    return arnWithoutAccount("s3", resource);
  }

  /**
   * An ARN with neither region nor account, such as an S3 bucket's or a Route 53 hosted zone's:
   * {@code arn:<partition>:<service>:::<rest>}.
   */
  public String arnWithoutAccount(String service, String resource) {
    return "arn:" + partition() + ":" + service + ":::" + resource;
  }

  /** This account's root principal, {@code arn:<partition>:iam::<id>:root}. */
  public String accountRoot() {
    return globalArn("iam", "root");
  }
}
