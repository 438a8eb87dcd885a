package dev.knowledgecard.infra.config;

/**
 * The TCP ports the tiers talk on.
 *
 * @param app the application's container port; default 3000.
 * @param database PostgreSQL's port; default 5433, not the engine default 5432 (control RDS.23).
 * @param cache Redis's port; default 6379.
 */
public record Ports(int app, int database, int cache) {

  /** PostgreSQL's default port, which control RDS.23 forbids. */
  static final int POSTGRES_DEFAULT_PORT = 5432;

  static Ports read(ConfigReader reader) {
    var database = reader.integer("databasePort", 5433, 1150, 65535);
    if (database == POSTGRES_DEFAULT_PORT) {
      reader.problem(
          "databasePort",
          Integer.toString(database),
          "a port from 1150 to 65535 other than PostgreSQL's default 5432 (control RDS.23,"
              + " never waived)");
    }
    return new Ports(
        reader.integer("appPort", 3000, 1024, 65535),
        database,
        reader.integer("cachePort", 6379, 1024, 65535));
  }
}
