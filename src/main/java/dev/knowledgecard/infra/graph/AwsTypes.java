package dev.knowledgecard.infra.graph;

/** The pulumi-aws 6.x type tokens the report reads (security-controls.md, right column). */
public final class AwsTypes {
  public static final String PROVIDER = "pulumi:providers:aws";
  public static final String VPC = "aws:ec2/vpc:Vpc";
  public static final String SUBNET = "aws:ec2/subnet:Subnet";
  public static final String DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
  public static final String SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
  public static final String SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
  public static final String SG_INGRESS =
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
  public static final String FLOW_LOG = "aws:ec2/flowLog:FlowLog";
  public static final String INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";
  public static final String NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
  public static final String EIP = "aws:ec2/eip:Eip";
  public static final String ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
  public static final String ROUTE = "aws:ec2/route:Route";
  public static final String ROUTE_TABLE_ASSOCIATION =
      "aws:ec2/routeTableAssociation:RouteTableAssociation";
  public static final String VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
  public static final String INSTANCE = "aws:ec2/instance:Instance";
  public static final String NETWORK_INTERFACE = "aws:ec2/networkInterface:NetworkInterface";
  public static final String LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
  public static final String LAUNCH_CONFIGURATION =
      "aws:ec2/launchConfiguration:LaunchConfiguration";
  public static final String AUTOSCALING_GROUP = "aws:autoscaling/group:Group";
  public static final String INSTANCE_PROFILE = "aws:iam/instanceProfile:InstanceProfile";
  public static final String LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
  public static final String LISTENER = "aws:lb/listener:Listener";
  public static final String ECS_CLUSTER = "aws:ecs/cluster:Cluster";
  public static final String ECS_SERVICE = "aws:ecs/service:Service";
  public static final String TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
  public static final String SCALING_TARGET = "aws:appautoscaling/target:Target";
  public static final String ECR_REPOSITORY = "aws:ecr/repository:Repository";
  public static final String ECR_LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
  public static final String RDS_INSTANCE = "aws:rds/instance:Instance";
  public static final String RDS_CLUSTER = "aws:rds/cluster:Cluster";
  public static final String RDS_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
  public static final String RDS_PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
  public static final String REPLICATION_GROUP =
      "aws:elasticache/replicationGroup:ReplicationGroup";
  public static final String CACHE_CLUSTER = "aws:elasticache/cluster:Cluster";
  public static final String CACHE_SUBNET_GROUP = "aws:elasticache/subnetGroup:SubnetGroup";
  public static final String BUCKET = "aws:s3/bucketV2:BucketV2";
  public static final String BUCKET_PUBLIC_ACCESS_BLOCK =
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
  public static final String ACCOUNT_PUBLIC_ACCESS_BLOCK =
      "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
  public static final String BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
  public static final String BUCKET_OWNERSHIP =
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
  public static final String BUCKET_LIFECYCLE =
      "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
  public static final String BUCKET_LOGGING = "aws:s3/bucketLoggingV2:BucketLoggingV2";
  public static final String BUCKET_VERSIONING = "aws:s3/bucketVersioningV2:BucketVersioningV2";
  public static final String SECRET = "aws:secretsmanager/secret:Secret";
  public static final String SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
  public static final String LAMBDA_FUNCTION = "aws:lambda/function:Function";
  public static final String LAMBDA_PERMISSION = "aws:lambda/permission:Permission";
  public static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
  public static final String METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
  public static final String SNS_TOPIC = "aws:sns/topic:Topic";
  public static final String SNS_TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
  public static final String SNS_SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
  public static final String DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
  public static final String EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
  public static final String KMS_KEY = "aws:kms/key:Key";
  public static final String IAM_ROLE = "aws:iam/role:Role";
  public static final String IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
  public static final String IAM_POLICY = "aws:iam/policy:Policy";
  public static final String IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy";
  public static final String IAM_GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
  public static final String IAM_ROLE_POLICY_ATTACHMENT =
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
  public static final String ACM_CERTIFICATE = "aws:acm/certificate:Certificate";
  public static final String ROUTE53_ZONE = "aws:route53/zone:Zone";
  public static final String BUDGET = "aws:budgets/budget:Budget";

  private AwsTypes() {}
}
