package dev.knowledgecard.infra.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which image of the repository a task definition runs: an immutable tag or a content digest, never
 * {@code latest}. Rendered after the repository URL as {@code :tag} or {@code @sha256:...}.
 *
 * @param value the tag ({@code 2026-11-25.3}, {@code git-1a2b3c4}) or digest ({@code sha256:<64
 *     hex>})
 */
public record ImageReference(String value) {
  /** What ECR accepts as a tag (Docker's tag grammar). */
  static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  static final String ALLOWED =
      "an image tag matching [A-Za-z0-9_][A-Za-z0-9_.-]{0,127} other than latest, or a digest"
          + " sha256:<64 lowercase hex>";

  /** The reference when {@code text} is a valid tag or digest, empty otherwise. */
  public static Optional<ImageReference> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (DIGEST.matcher(text).matches()) {
      return Optional.of(new ImageReference(text));
    }
    if (TAG.matcher(text).matches() && !"latest".equals(text)) {
      return Optional.of(new ImageReference(text));
    }
    return Optional.empty();
  }

  public boolean isDigest() {
    return value.startsWith("sha256:");
  }

  /** The full image name for a repository: {@code repo:tag} or {@code repo@sha256:...}. */
  public String imageIn(String repositoryUrl) {
    return repositoryUrl + (isDigest() ? "@" : ":") + value;
  }
}
