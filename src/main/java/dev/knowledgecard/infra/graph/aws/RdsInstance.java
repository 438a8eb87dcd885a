package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.RDS_INSTANCE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:rds/instance:Instance} that the report reads. */
public final class RdsInstance {
  public static final Prop ALLOCATED_STORAGE = input("allocatedStorage");
  public static final Prop AUTO_MINOR_VERSION_UPGRADE = input("autoMinorVersionUpgrade");
  public static final Prop BACKUP_RETENTION_PERIOD = input("backupRetentionPeriod");
  public static final Prop COPY_TAGS_TO_SNAPSHOT = input("copyTagsToSnapshot");
  public static final Prop DB_SUBNET_GROUP_NAME = input("dbSubnetGroupName");
  public static final Prop DELETION_PROTECTION = input("deletionProtection");
  public static final Prop LOG_EXPORTS = input("enabledCloudwatchLogsExports");
  public static final Prop ENGINE = input("engine");
  public static final Prop ENGINE_VERSION = input("engineVersion");
  public static final Prop IAM_AUTHENTICATION = input("iamDatabaseAuthenticationEnabled");
  public static final Prop INSTANCE_CLASS = input("instanceClass");
  public static final Prop MANAGE_MASTER_USER_PASSWORD = input("manageMasterUserPassword");
  public static final Prop MONITORING_INTERVAL = input("monitoringInterval");
  public static final Prop MONITORING_ROLE_ARN = input("monitoringRoleArn");
  public static final Prop MULTI_AZ = input("multiAz");
  public static final Prop PARAMETER_GROUP_NAME = input("parameterGroupName");
  public static final Prop PORT = input("port");
  public static final Prop PUBLICLY_ACCESSIBLE = input("publiclyAccessible");
  public static final Prop STORAGE_ENCRYPTED = input("storageEncrypted");
  public static final Prop STORAGE_TYPE = input("storageType");
  public static final Prop USERNAME = input("username");

  private static Prop input(String path) {
    return Prop.of(RDS_INSTANCE, path);
  }

  private RdsInstance() {}
}
