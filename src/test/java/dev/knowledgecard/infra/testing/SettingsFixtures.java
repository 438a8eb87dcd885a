package dev.knowledgecard.infra.testing;

import dev.knowledgecard.infra.config.DatabaseSettings;
import dev.knowledgecard.infra.config.ImageReference;
import dev.knowledgecard.infra.config.ServiceSettings;
import java.util.Optional;

/**
 * Settings records built by name for component tests, starting from prod-like values, so a test
 * states only what it varies.
 */
public final class SettingsFixtures {

  private SettingsFixtures() {}

  /**
   * A prod-sized service: Container Insights on, 512 CPU / 1024 MiB on ARM64, 2 desired of 2 to 6
   * tasks scaling at 70% CPU or 1000 requests per target, 60 s health-check grace, no ECS Exec, no
   * image.
   */
  public static Service service() {
    return new Service();
  }

  /** A staging-like database: PostgreSQL 17 on db.t4g.micro, single-AZ, no monitoring. */
  public static Database database() {
    return new Database();
  }

  /** {@link ServiceSettings} by name. */
  public static final class Service {
    private Optional<ImageReference> image = Optional.empty();
    private Optional<ImageReference> migrationImage = Optional.empty();
    private boolean exec;

    private Service() {}

    /** The service's and the migration task's image tags (or digests). */
    public Service images(String tag, String migrationTag) {
      this.image = ImageReference.parse(tag);
      this.migrationImage = ImageReference.parse(migrationTag);
      return this;
    }

    /** ECS Exec on or off. */
    public Service exec(boolean on) {
      this.exec = on;
      return this;
    }

    public ServiceSettings build() {
      return new ServiceSettings(
          image, migrationImage, true, 512, 1024, "ARM64", 2, 2, 6, 70, 1000, exec, 60);
    }
  }

  /** {@link DatabaseSettings} by name. */
  public static final class Database {
    private boolean prod;
    private int monitoringSeconds;

    private Database() {}

    /**
     * Prod protections: Multi-AZ, 14 days of backups, deletion protection, a final snapshot, 90
     * days of logs (else 7 days of backups and 30 of logs, nothing kept).
     */
    public Database prod(boolean prod) {
      this.prod = prod;
      return this;
    }

    /** Enhanced monitoring interval; 0 turns it off. */
    public Database monitoringSeconds(int seconds) {
      this.monitoringSeconds = seconds;
      return this;
    }

    public DatabaseSettings build() {
      return new DatabaseSettings(
          "17",
          "db.t4g.micro",
          20,
          100,
          prod,
          prod ? 14 : 7,
          prod,
          prod,
          monitoringSeconds,
          prod ? 90 : 30,
          "kcadmin",
          "knowledge_cards");
    }
  }
}
