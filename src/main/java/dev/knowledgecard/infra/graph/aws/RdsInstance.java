package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.RDS_INSTANCE;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:rds/instance:Instance} that the report reads. */
public final class RdsInstance {
  public static final Prop ALLOCATED_STORAGE = Prop.of(RDS_INSTANCE, "allocatedStorage");
  public static final Prop AUTO_MINOR_VERSION_UPGRADE =
      Prop.of(RDS_INSTANCE, "autoMinorVersionUpgrade");
  public static final Prop BACKUP_RETENTION_PERIOD = Prop.of(RDS_INSTANCE, "backupRetentionPeriod");
  public static final Prop COPY_TAGS_TO_SNAPSHOT = Prop.of(RDS_INSTANCE, "copyTagsToSnapshot");
  public static final Prop DB_SUBNET_GROUP_NAME = Prop.of(RDS_INSTANCE, "dbSubnetGroupName");
  public static final Prop DELETION_PROTECTION = Prop.of(RDS_INSTANCE, "deletionProtection");
  public static final Prop ENABLED_CLOUDWATCH_LOGS_EXPORTS =
      Prop.of(RDS_INSTANCE, "enabledCloudwatchLogsExports");
  public static final Prop ENGINE = Prop.of(RDS_INSTANCE, "engine");
  public static final Prop ENGINE_VERSION = Prop.of(RDS_INSTANCE, "engineVersion");
  public static final Prop IAM_DATABASE_AUTHENTICATION_ENABLED =
      Prop.of(RDS_INSTANCE, "iamDatabaseAuthenticationEnabled");
  public static final Prop INSTANCE_CLASS = Prop.of(RDS_INSTANCE, "instanceClass");
  public static final Prop MANAGE_MASTER_USER_PASSWORD =
      Prop.of(RDS_INSTANCE, "manageMasterUserPassword");
  public static final Prop MONITORING_INTERVAL = Prop.of(RDS_INSTANCE, "monitoringInterval");
  public static final Prop MONITORING_ROLE_ARN = Prop.of(RDS_INSTANCE, "monitoringRoleArn");
  public static final Prop MULTI_AZ = Prop.of(RDS_INSTANCE, "multiAz");
  public static final Prop PARAMETER_GROUP_NAME = Prop.of(RDS_INSTANCE, "parameterGroupName");
  public static final Prop PORT = Prop.of(RDS_INSTANCE, "port");
  public static final Prop PUBLICLY_ACCESSIBLE = Prop.of(RDS_INSTANCE, "publiclyAccessible");
  public static final Prop STORAGE_ENCRYPTED = Prop.of(RDS_INSTANCE, "storageEncrypted");
  public static final Prop STORAGE_TYPE = Prop.of(RDS_INSTANCE, "storageType");
  public static final Prop USERNAME = Prop.of(RDS_INSTANCE, "username");

  private RdsInstance() {}
}
