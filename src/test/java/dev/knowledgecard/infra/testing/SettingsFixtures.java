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

  /** A prod-sized service: 512 CPU / 1024 MiB on ARM64, 2 to 6 tasks, no ECS Exec, no image. */
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
    private boolean containerInsights = true;
    private int cpu = 512;
    private int memory = 1024;
    private String cpuArchitecture = "ARM64";
    private int desiredCount = 2;
    private int minTasks = 2;
    private int maxTasks = 6;
    private int cpuTargetPercent = 70;
    private int requestsPerTarget = 1000;
    private boolean exec;
    private int healthCheckGraceSeconds = 60;

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
          image,
          migrationImage,
          containerInsights,
          cpu,
          memory,
          cpuArchitecture,
          desiredCount,
          minTasks,
          maxTasks,
          cpuTargetPercent,
          requestsPerTarget,
          exec,
          healthCheckGraceSeconds);
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
