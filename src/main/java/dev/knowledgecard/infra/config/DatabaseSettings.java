package dev.knowledgecard.infra.config;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The PostgreSQL instance.
 *
 * @param engineMajorVersion PostgreSQL major version, {@code 16} or {@code 17} (both ship pgvector
 *     on RDS); default {@code 17}. Minor versions are upgraded automatically (RDS.13).
 * @param instanceClass RDS instance class; default {@code db.t4g.micro} (Graviton, cheapest class
 *     with Performance Insights on PostgreSQL).
 * @param allocatedStorageGb initial gp3 storage; default 20 (the gp3 minimum).
 * @param maxAllocatedStorageGb storage autoscaling ceiling, at least 10% above {@code
 *     allocatedStorageGb} (an RDS rule); default 100.
 * @param multiAz a standby in a second AZ; default false (staging, waives RDS.5), true (prod).
 * @param backupRetentionDays automated backups, 7 to 35 days (RDS.11); default 7 (staging), 14
 *     (prod).
 * @param deletionProtection AWS deletion protection plus Pulumi's {@code protect}; default false
 *     (staging, waives RDS.8), true (prod).
 * @param finalSnapshot take a final snapshot when the instance is deleted; default false (staging),
 *     true (prod).
 * @param monitoringIntervalSeconds enhanced monitoring interval; default 60; 0 turns it off (waives
 *     RDS.6).
 * @param logRetentionDays retention of the exported {@code postgresql} and {@code upgrade} logs;
 *     default 30 (staging), 90 (prod).
 * @param adminUsername master user name, never {@code postgres} (RDS.25); default {@code kcadmin}.
 *     Its password is generated and rotated by RDS in Secrets Manager.
 * @param databaseName the application database; default {@code knowledge_cards}.
 */
public record DatabaseSettings(
    String engineMajorVersion,
    String instanceClass,
    int allocatedStorageGb,
    int maxAllocatedStorageGb,
    boolean multiAz,
    int backupRetentionDays,
    boolean deletionProtection,
    boolean finalSnapshot,
    int monitoringIntervalSeconds,
    int logRetentionDays,
    String adminUsername,
    String databaseName) {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Set<String> RESERVED_USERS =
      Set.of("postgres", "admin", "rdsadmin", "root", "master", "user", "public");
  private static final int GP3_MIN_GB = 20;
  private static final int RDS_MAX_GB = 65536;

  /** The parameter group family of the engine version, e.g. {@code postgres17}. */
  public String parameterGroupFamily() {
    return "postgres" + engineMajorVersion;
  }

  static DatabaseSettings read(ConfigReader reader, Environment env, Waivers waivers) {
    var version = reader.choice("dbEngineVersion", "17", Map.of("16", "16", "17", "17"));
    var instanceClass =
        reader.instanceType("dbInstanceClass", "db.t4g.micro", "an RDS instance class");
    var allocated = reader.integer("dbAllocatedStorageGb", GP3_MIN_GB, GP3_MIN_GB, RDS_MAX_GB);
    var maximum = reader.integer("dbMaxAllocatedStorageGb", 100, GP3_MIN_GB + 1, RDS_MAX_GB);
    // RDS rejects a storage autoscaling threshold less than 10% above the allocated storage.
    var minimumMaximum = (allocated * 11 + 9) / 10;
    if (maximum < minimumMaximum) {
      reader.problem(
          "dbMaxAllocatedStorageGb",
          Integer.toString(maximum),
          "at least 10% more than dbAllocatedStorageGb ("
              + allocated
              + "), i.e. >= "
              + minimumMaximum
              + ": storage autoscaling needs room to grow");
    }
    var multiAz = reader.bool("dbMultiAz", env.isProd());
    waivers.requireFor(reader, !multiAz, "RDS.5", "dbMultiAz", Boolean.toString(multiAz));
    var retention = reader.integer("dbBackupRetentionDays", env.pick(7, 14), 7, 35);
    var deletionProtection = reader.bool("dbDeletionProtection", env.isProd());
    waivers.requireFor(
        reader,
        !deletionProtection,
        "RDS.8",
        "dbDeletionProtection",
        Boolean.toString(deletionProtection));
    var finalSnapshot = reader.bool("dbFinalSnapshot", env.isProd());
    if (env.isProd() && !finalSnapshot) {
      reader.problem(
          "dbFinalSnapshot",
          "false",
          "true in prod: deleting the instance keeps a final snapshot (data protection with"
              + " RDS.8 and RDS.11)");
    }
    var monitoring =
        reader.integerOneOf("dbMonitoringIntervalSeconds", 60, Set.of(0, 1, 5, 10, 15, 30, 60));
    waivers.requireFor(
        reader,
        monitoring == 0,
        "RDS.6",
        "dbMonitoringIntervalSeconds",
        Integer.toString(monitoring));
    var logRetention =
        reader.integerOneOf("dbLogRetentionDays", env.pick(30, 90), LogRetention.ALLOWED_DAYS);
    var username =
        reader.matching(
            "dbAdminUsername",
            "kcadmin",
            u -> IDENTIFIER.matcher(u).matches() && !RESERVED_USERS.contains(u),
            "1-63 lowercase letters, digits or _, starting with a letter, not one of "
                + new java.util.TreeSet<>(RESERVED_USERS)
                + " (RDS.25)");
    var databaseName =
        reader.matching(
            "dbName",
            "knowledge_cards",
            n -> IDENTIFIER.matcher(n).matches() && !n.equals("postgres") && !n.startsWith("rds"),
            "1-63 lowercase letters, digits or _, starting with a letter, not postgres or rds*");
    return new DatabaseSettings(
        version,
        instanceClass,
        allocated,
        maximum,
        multiAz,
        retention,
        deletionProtection,
        finalSnapshot,
        monitoring,
        logRetention,
        username,
        databaseName);
  }
}
