package dev.knowledgecard.infra.config;

/**
 * The private image repository's lifecycle.
 *
 * @param untaggedExpiryDays untagged images (layers of superseded multi-arch builds, failed pushes)
 *     expire this many days after push; default 7. 1 to 365.
 * @param keepTaggedImages how many tagged images to keep, newest first; default 20 (staging), 50
 *     (prod). Must stay above the number of images pushed between two deploys, or the running tag
 *     could expire. 5 to 1000.
 */
public record RegistrySettings(int untaggedExpiryDays, int keepTaggedImages) {

  static RegistrySettings read(ConfigReader reader, Environment env) {
    return new RegistrySettings(
        reader.integer("ecrUntaggedExpiryDays", 7, 1, 365),
        reader.integer("ecrKeepTaggedImages", env.pick(20, 50), 5, 1000));
  }
}
