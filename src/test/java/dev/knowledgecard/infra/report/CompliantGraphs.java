package dev.knowledgecard.infra.report;

import static dev.knowledgecard.infra.graph.AwsTypes.*;

/**
 * A hand-built prod-like graph that meets every control: the whole architecture (network, load
 * balancer, service, database, cache, bucket, secrets, alarms, identity) in pulumi-aws 6.x type
 * tokens and input names. Tests break one setting at a time and expect exactly that control to
 * fail.
 */
public final class CompliantGraphs {
  static final String NET = "prod-network";
  static final String SG = "prod-sg";
  static final String PLATFORM = "prod-platform";
  static final String DATA = "prod-data";
  static final String OBS = "prod-observability";
  static final String DEPLOY = "prod-deploy";

  private CompliantGraphs() {}

  public static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    return TestGraph.parse(json);
  }

  public static TestGraph build() {
    var g = new TestGraph("prod");
    g.add("pulumi:providers:aws", "prod-aws", null, "{region: 'us-east-1'}", "prod-aws-provider");
    g.component("knowledge-card:network:Network", NET)
        .component("knowledge-card:securitygroups:SecurityGroups", SG)
        .component("knowledge-card:platform:Platform", PLATFORM)
        .component("knowledge-card:data:Data", DATA)
        .component("knowledge-card:observability:Observability", OBS)
        .component("knowledge-card:deploy:Deploy", DEPLOY);
    // network
    g.add(VPC, "prod-network-vpc", NET, "{cidrBlock: '10.30.0.0/16'}", "vpc-1")
        .add(DEFAULT_SG, "prod-network-default-sg", NET, "{vpcId: 'vpc-1'}", "sg-default")
        .add(LOG_GROUP, "prod-network-flow-logs", NET, "{retentionInDays: 90}", "flow-logs")
        .add(
            FLOW_LOG, "prod-network-flow-log", NET, "{vpcId: 'vpc-1', trafficType: 'ALL'}", "fl-1");
    for (var tier : new String[] {"public", "app", "data"}) {
      for (var zone : new String[] {"a", "b"}) {
        g.add(
            SUBNET,
            "prod-network-" + tier + "-" + zone,
            NET,
            "{vpcId: 'vpc-1', availabilityZone: 'us-east-1"
                + zone
                + "', cidrBlock: '10.30."
                + (tier.length() + zone.charAt(0))
                + ".0/24', mapPublicIpOnLaunch: false}",
            "subnet-" + tier + "-" + zone);
        g.add(
            ROUTE_TABLE_ASSOCIATION,
            "prod-network-" + tier + "-rta-" + zone,
            NET,
            "{subnetId: 'subnet-" + tier + "-" + zone + "', routeTableId: 'rtb-" + tier + "'}",
            "rtbassoc-" + tier + zone);
      }
      g.add(ROUTE_TABLE, "prod-network-" + tier + "-rt", NET, "{vpcId: 'vpc-1'}", "rtb-" + tier);
    }
    g.add(INTERNET_GATEWAY, "prod-network-igw", NET, "{vpcId: 'vpc-1'}", "igw-1")
        .add(EIP, "prod-network-nat-eip-a", NET, "{domain: 'vpc'}", "eipalloc-a")
        .add(
            NAT_GATEWAY,
            "prod-network-nat-a",
            NET,
            "{allocationId: 'eipalloc-a', subnetId: 'subnet-public-a'}",
            "nat-a")
        .add(
            ROUTE,
            "prod-network-public-default",
            NET,
            "{routeTableId: 'rtb-public', destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-1'}",
            "r-1")
        .add(
            ROUTE,
            "prod-network-app-default",
            NET,
            "{routeTableId: 'rtb-app', destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-a'}",
            "r-2")
        .add(
            VPC_ENDPOINT,
            "prod-network-s3-endpoint",
            NET,
            "{vpcId: 'vpc-1', serviceName: 'com.amazonaws.us-east-1.s3', vpcEndpointType: 'Gateway', routeTableIds: ['rtb-app', 'rtb-data']}",
            "vpce-s3")
        .add(
            VPC_ENDPOINT,
            "prod-network-ec2-endpoint",
            NET,
            "{vpcId: 'vpc-1', serviceName: 'com.amazonaws.us-east-1.ec2', vpcEndpointType: 'Interface', subnetIds: ['subnet-app-a', 'subnet-app-b']}",
            "vpce-ec2");
    // security groups
    g.add(SECURITY_GROUP, "prod-sg-alb", SG, "{vpcId: 'vpc-1'}", "sg-alb")
        .add(SECURITY_GROUP, "prod-sg-app", SG, "{vpcId: 'vpc-1'}", "sg-app")
        .add(
            SG_INGRESS,
            "prod-sg-alb-443-ipv4",
            SG,
            "{securityGroupId: 'sg-alb', ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0'}",
            "sgr-1")
        .add(
            SG_INGRESS,
            "prod-sg-alb-80-ipv6",
            SG,
            "{securityGroupId: 'sg-alb', ipProtocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv6: '::/0'}",
            "sgr-2")
        .add(
            SG_INGRESS,
            "prod-sg-app-from-alb",
            SG,
            "{securityGroupId: 'sg-app', ipProtocol: 'tcp', fromPort: 3000, toPort: 3000, referencedSecurityGroupId: 'sg-alb'}",
            "sgr-3");
    // load balancer, service, registry
    g.add(BUCKET, "prod-platform-alb-logs", PLATFORM, "{}", "kc-alb-logs")
        .add(
            LOAD_BALANCER,
            "prod-platform-alb",
            PLATFORM,
            "{loadBalancerType: 'application', securityGroups: ['sg-alb'], subnets: ['subnet-public-a', 'subnet-public-b'], dropInvalidHeaderFields: true, desyncMitigationMode: 'defensive', enableDeletionProtection: true, accessLogs: {enabled: true, bucket: 'kc-alb-logs'}}",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/alb/1")
        .add(
            LISTENER,
            "prod-platform-http",
            PLATFORM,
            "{loadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/alb/1', protocol: 'HTTP', port: 80, defaultActions: [{type: 'redirect', redirect: {protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301'}}]}",
            "arn:listener-http")
        .add(
            LISTENER,
            "prod-platform-https",
            PLATFORM,
            "{loadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/alb/1', protocol: 'HTTPS', port: 443, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', certificateArn: 'arn:cert', defaultActions: [{type: 'forward', targetGroupArn: 'arn:tg'}]}",
            "arn:listener-https")
        .add(
            ACM_CERTIFICATE,
            "prod-platform-cert",
            PLATFORM,
            "{domainName: 'app.example.com', validationMethod: 'DNS'}",
            "arn:cert")
        .add(
            ECS_CLUSTER,
            "prod-platform-cluster",
            PLATFORM,
            "{settings: [{name: 'containerInsights', value: 'enabled'}]}",
            "arn:cluster")
        .add(
            TASK_DEFINITION,
            "prod-platform-task",
            PLATFORM,
            "{networkMode: 'awsvpc', cpu: '512', memory: '1024', runtimePlatform: {cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX'}, containerDefinitions: [{name: 'web', image: 'repo:1', user: '1001', readonlyRootFilesystem: true, privileged: false, environment: [{name: 'NODE_ENV', value: 'production'}, {name: 'DATABASE_SECRET_ARN', value: 'arn:secret-1'}], secrets: [{name: 'DATABASE_PASSWORD', valueFrom: 'arn:secret-1'}], logConfiguration: {logDriver: 'awslogs'}}]}",
            "arn:td-1")
        .add(
            ECS_SERVICE,
            "prod-platform-service",
            PLATFORM,
            "{launchType: 'FARGATE', desiredCount: 2, taskDefinition: 'arn:td-1', networkConfiguration: {assignPublicIp: false, subnets: ['subnet-app-a', 'subnet-app-b'], securityGroups: ['sg-app']}}",
            "arn:service")
        .add(
            ECR_REPOSITORY,
            "prod-platform-repo",
            PLATFORM,
            "{imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: {scanOnPush: true}}",
            "kc-repo")
        .add(
            ECR_LIFECYCLE,
            "prod-platform-repo-lifecycle",
            PLATFORM,
            "{repository: 'kc-repo', policy: {rules: []}}",
            "kc-repo-lc");
    // data
    g.add(
            RDS_PARAMETER_GROUP,
            "prod-data-pg",
            DATA,
            "{family: 'postgres16', parameters: [{name: 'rds.force_ssl', value: '1'}]}",
            "kc-pg")
        .add(
            RDS_SUBNET_GROUP,
            "prod-data-db-subnets",
            DATA,
            "{subnetIds: ['subnet-data-a', 'subnet-data-b']}",
            "kc-db-subnets")
        .add(
            RDS_INSTANCE,
            "prod-data-db",
            DATA,
            "{engine: 'postgres', engineVersion: '16.4', instanceClass: 'db.t4g.micro', multiAz: true, storageType: 'gp3', allocatedStorage: 20, publiclyAccessible: false, storageEncrypted: true, monitoringInterval: 60, monitoringRoleArn: 'arn:role-monitoring', deletionProtection: true, enabledCloudwatchLogsExports: ['postgresql', 'upgrade'], iamDatabaseAuthenticationEnabled: true, backupRetentionPeriod: 14, autoMinorVersionUpgrade: true, copyTagsToSnapshot: true, port: 5433, username: 'kcadmin', manageMasterUserPassword: true, parameterGroupName: 'kc-pg', dbSubnetGroupName: 'kc-db-subnets'}",
            "db-1")
        .add(
            CACHE_SUBNET_GROUP,
            "prod-data-cache-subnets",
            DATA,
            "{subnetIds: ['subnet-data-a', 'subnet-data-b']}",
            "kc-cache-subnets")
        .add(
            REPLICATION_GROUP,
            "prod-data-cache",
            DATA,
            "{nodeType: 'cache.t4g.micro', numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true, snapshotRetentionLimit: 7, autoMinorVersionUpgrade: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, authToken: '[secret]', subnetGroupName: 'kc-cache-subnets'}",
            "kc-cache")
        .add(BUCKET, "prod-data-media", DATA, "{}", "kc-media");
    for (var bucket : new String[] {"kc-media", "kc-alb-logs"}) {
      var owner = bucket.equals("kc-media") ? DATA : PLATFORM;
      g.add(
              BUCKET_PUBLIC_ACCESS_BLOCK,
              bucket + "-pab",
              owner,
              "{bucket: '"
                  + bucket
                  + "', blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true}",
              bucket + "-pab")
          .add(
              BUCKET_POLICY,
              bucket + "-policy",
              owner,
              "{bucket: '"
                  + bucket
                  + "', policy: {Version: '2012-10-17', Statement: [{Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::"
                  + bucket
                  + "'], Condition: {Bool: {'aws:SecureTransport': 'false'}}}]}}",
              bucket + "-policy")
          .add(
              BUCKET_OWNERSHIP,
              bucket + "-ownership",
              owner,
              "{bucket: '" + bucket + "', rule: {objectOwnership: 'BucketOwnerEnforced'}}",
              bucket + "-own")
          .add(
              BUCKET_LIFECYCLE,
              bucket + "-lifecycle",
              owner,
              "{bucket: '" + bucket + "', rules: [{id: 'expire', status: 'Enabled'}]}",
              bucket + "-lc")
          .add(
              BUCKET_LOGGING,
              bucket + "-logging",
              owner,
              "{bucket: '"
                  + bucket
                  + "', targetBucket: 'kc-access-logs', targetPrefix: '"
                  + bucket
                  + "/'}",
              bucket + "-log")
          .add(
              BUCKET_VERSIONING,
              bucket + "-versioning",
              owner,
              "{bucket: '" + bucket + "', versioningConfiguration: {status: 'Enabled'}}",
              bucket + "-ver");
    }
    g.add(
            LAMBDA_FUNCTION,
            "prod-data-rotation-function",
            DATA,
            "{runtime: 'nodejs22.x', architectures: ['arm64'], handler: 'index.handler', vpcConfig: {subnetIds: ['subnet-app-a', 'subnet-app-b'], securityGroupIds: ['sg-rotation']}}",
            "kc-rotation")
        .add(
            LAMBDA_PERMISSION,
            "prod-data-rotation-invoke",
            DATA,
            "{function: 'kc-rotation', action: 'lambda:InvokeFunction', principal: 'secretsmanager.amazonaws.com', sourceAccount: '123456789012', sourceArn: 'arn:secret-1'}",
            "kc-rotation|invoke");
    g.add(SECRET, "prod-data-app-secret", DATA, "{description: 'app secret'}", "arn:secret-1")
        .add(
            SECRET_ROTATION,
            "prod-data-app-secret-rotation",
            DATA,
            "{secretId: 'arn:secret-1', rotationLambdaArn: 'arn:lambda', rotationRules: {automaticallyAfterDays: 30}}",
            "arn:secret-1|rotation");
    // observability
    g.add(KMS_KEY, "prod-observability-key", OBS, "{enableKeyRotation: true}", "key-1")
        .add(SNS_TOPIC, "prod-observability-topic", OBS, "{kmsMasterKeyId: 'key-1'}", "arn:topic")
        .add(
            SNS_TOPIC_POLICY,
            "prod-observability-topic-policy",
            OBS,
            "{arn: 'arn:topic', policy: {Statement: [{Effect: 'Allow', Principal: {Service: 'cloudwatch.amazonaws.com'}, Action: 'sns:Publish', Resource: 'arn:topic'}]}}",
            "arn:topic-policy")
        .add(
            METRIC_ALARM,
            "prod-observability-cpu",
            OBS,
            "{alarmActions: ['arn:topic'], metricName: 'CPUUtilization'}",
            "alarm-cpu")
        .add(
            LOG_GROUP,
            "prod-observability-app-logs",
            OBS,
            "{retentionInDays: 90}",
            "/knowledge-card/prod/app");
    // deploy access
    g.add(
            IAM_ROLE,
            "prod-deploy-ci",
            DEPLOY,
            "{assumeRolePolicy: '{}', inlinePolicies: [{name: 'push', policy: '{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ecr:PutImage\",\"ecr:GetAuthorizationToken\"],\"Resource\":\"*\"}]}'}]}",
            "prod-deploy-ci")
        .add(
            IAM_ROLE_POLICY,
            "prod-deploy-task-s3",
            DEPLOY,
            "{role: 'prod-deploy-ci', policy: {Statement: [{Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::kc-media/*'}]}}",
            "prod-deploy-task-s3");
    // An Auto Scaling group of instances that meets every instance control: two zones, two
    // instance types, a hardened launch template, a Session Manager profile.
    g.add(
            IAM_ROLE,
            "prod-network-nat-role",
            NET,
            "{name: 'prod-network-nat-role', assumeRolePolicy: '{}'}",
            "prod-network-nat-role")
        .add(
            IAM_ROLE_POLICY_ATTACHMENT,
            "prod-network-nat-ssm",
            NET,
            "{role: 'prod-network-nat-role',"
                + " policyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'}",
            "prod-network-nat-ssm-x")
        .add(
            INSTANCE_PROFILE,
            "prod-network-nat-profile",
            NET,
            "{role: 'prod-network-nat-role'}",
            "prod-network-nat-profile")
        .add(
            LAUNCH_TEMPLATE,
            "prod-network-nat-lt",
            NET,
            "{imageId: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',"
                + " iamInstanceProfile: {arn: 'arn:aws:iam::123456789012:instance-profile/p'},"
                + " metadataOptions: {httpTokens: 'required', httpPutResponseHopLimit: 1},"
                + " blockDeviceMappings: [{deviceName: '/dev/xvda',"
                + " ebs: {encrypted: 'true', volumeType: 'gp3', volumeSize: 8}}],"
                + " networkInterfaces: [{deviceIndex: 0, associatePublicIpAddress: 'false'}]}",
            "lt-1")
        .dependsOn("prod-network-nat-lt", "prod-network-nat-profile")
        .add(
            AUTOSCALING_GROUP,
            "prod-network-nat-asg",
            NET,
            "{minSize: 1, maxSize: 1, vpcZoneIdentifiers: ['subnet-public-a', 'subnet-public-b'],"
                + " mixedInstancesPolicy: {launchTemplate: {launchTemplateSpecification:"
                + " {launchTemplateId: 'lt-1', version: '1'},"
                + " overrides: [{instanceType: 't4g.nano'}, {instanceType: 't4g.micro'}]}}}",
            "prod-network-nat-asg");
    return g;
  }
}
