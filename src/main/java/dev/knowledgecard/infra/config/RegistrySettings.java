package dev.knowledgecard.infra.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The private image repository's lifecycle and who outside the account may pull from it.
 *
 * @param untaggedExpiryDays untagged images (layers of superseded multi-arch builds, failed pushes)
 *     expire this many days after push; default 7. 1 to 365.
 * @param keepTaggedImages how many tagged images to keep, newest first; default 20 (staging), 50
 *     (prod). Must stay above the number of images pushed between two deploys, or the running tag
 *     could expire. 5 to 1000.
 * @param pullRoleArns roles of other accounts that may pull images by digest ({@code
 *     imagePullRoles}): staging names prod's image publisher, which copies the tested digest into
 *     prod's registry. IAM role ARNs, a trailing {@code *} allowed for the generated name suffix;
 *     default none.
 */
public record RegistrySettings(
    int untaggedExpiryDays, int keepTaggedImages, List<String> pullRoleArns) {

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]+\\*?");

  public RegistrySettings {
    pullRoleArns = List.copyOf(pullRoleArns);
  }

  static RegistrySettings read(ConfigReader reader, Environment env) {
    var pullRoles = reader.stringList("imagePullRoles", List.of());
    pullRoles.stream()
        .filter(arn -> !ROLE_ARN.matcher(arn).matches())
        .forEach(
            arn ->
                reader.problem(
                    "imagePullRoles",
                    arn,
                    "an IAM role ARN arn:aws:iam::<account>:role/<path><name>, optionally ending"
                        + " in *"));
    return new RegistrySettings(
        reader.integer("ecrUntaggedExpiryDays", 7, 1, 365),
        reader.integer("ecrKeepTaggedImages", env.pick(20, 50), 5, 1000),
        pullRoles);
  }
}
