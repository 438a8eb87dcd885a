package dev.knowledgecard.infra;

import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.cache.Cache;
import dev.knowledgecard.infra.cache.CacheArgs;
import dev.knowledgecard.infra.config.StackConfig;
import dev.knowledgecard.infra.database.Database;
import dev.knowledgecard.infra.database.DatabaseArgs;
import dev.knowledgecard.infra.rotation.SecretRotator;
import dev.knowledgecard.infra.rotation.SecretRotatorArgs;
import dev.knowledgecard.infra.secrets.AppSecrets;
import dev.knowledgecard.infra.secrets.AppSecretsArgs;
import dev.knowledgecard.infra.storage.MediaStorage;
import dev.knowledgecard.infra.storage.MediaStorageArgs;
import java.util.List;

/**
 * The second layer: PostgreSQL, Redis, the media bucket, the app's secrets and the function that
 * writes and rotates them. Nothing here is reachable yet but by the rotation function.
 */
record DataLayer(
    Database database,
    Cache cache,
    MediaStorage media,
    AppSecrets secrets,
    SecretRotator rotation) {

  static DataLayer create(StackConfig config, Foundation base) {
    var context = base.context();
    var stack = context.stack();
    var options = base.options();
    var subnets = base.network().dataSubnetIds();
    var database =
        new Database(
            stack + "-database",
            new DatabaseArgs(
                config.database(),
                subnets,
                base.groups().database(),
                base.boundary().confinement(),
                config.secrets().recoveryWindowDays()),
            context,
            options);
    var cache =
        new Cache(
            stack + "-cache",
            new CacheArgs(config.cache(), subnets, base.groups().cache()),
            context,
            options);
    var media =
        new MediaStorage(
            stack + "-media", new MediaStorageArgs(config.storage()), context, options);
    var secrets =
        new AppSecrets(
            stack + "-secrets",
            new AppSecretsArgs(config.secrets(), database.appRoleSecret()),
            context,
            options);
    // Writes the first value of the secrets created empty, then rotates them on schedule; the
    // secrets grant it what it does to them.
    var rotation =
        new SecretRotator(
            stack + "-rotation",
            SecretRotatorArgs.builder()
                .subnets(base.network().appSubnetIds(), base.groups().rotation())
                .schedule(config.secrets().rotationDays(), config.logging().appLogRetentionDays())
                .sessionSecret(secrets.sessionSecret())
                .appRoleSecret(database.appRoleSecret())
                .masterSecret(database.masterSecret())
                .database(database.endpoint())
                .appRoleName(Database.APP_ROLE)
                .confinement(base.boundary().confinement())
                .build(),
            context,
            options);
    database.allowFrom(rotation.connections(), "PostgreSQL: set the app role's password");
    return new DataLayer(database, cache, media, secrets, rotation);
  }

  List<DeployNeeds> deployNeeds() {
    return List.of(
        database.deployNeeds(),
        cache.deployNeeds(),
        media.deployNeeds(),
        secrets.deployNeeds(),
        rotation.deployNeeds());
  }
}
