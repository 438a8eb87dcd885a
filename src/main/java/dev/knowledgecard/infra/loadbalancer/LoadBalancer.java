package dev.knowledgecard.infra.loadbalancer;

import com.pulumi.aws.acm.Certificate;
import com.pulumi.aws.acm.CertificateArgs;
import com.pulumi.aws.acm.CertificateValidation;
import com.pulumi.aws.acm.CertificateValidationArgs;
import com.pulumi.aws.elb.ElbFunctions;
import com.pulumi.aws.elb.inputs.GetServiceAccountArgs;
import com.pulumi.aws.elb.outputs.GetServiceAccountResult;
import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.lb.TargetGroupArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionRedirectArgs;
import com.pulumi.aws.lb.inputs.LoadBalancerAccessLogsArgs;
import com.pulumi.aws.lb.inputs.TargetGroupHealthCheckArgs;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.enums.RecordType;
import com.pulumi.aws.route53.inputs.RecordAliasArgs;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketLoggingV2;
import com.pulumi.aws.s3.BucketLoggingV2Args;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.knowledgecard.infra.access.DeployNeeds;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.PolicyStatement;
import dev.knowledgecard.infra.s3.PrivateBucket;
import dev.knowledgecard.infra.securitygroups.Connections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The internet-facing Application Load Balancer in the public subnets, with everything around it: a
 * private access-log bucket (ELB.5) that the region's ELB log delivery may write to, a target group
 * tuned for fast rolling deploys (30 s deregistration delay, 10 s health checks), and, with a
 * domain, a DNS-validated ACM certificate, HTTPS on 443 with an allowed TLS policy (ELB.17), HTTP
 * redirected to HTTPS (ELB.1) and alias records in the hosted zone. Without a domain it serves
 * plain HTTP on 80 (sandbox stacks only; the stack config requires a waiver of ELB.1).
 *
 * <pre>{@code
 * var lb = new LoadBalancer("prod-lb", LoadBalancerArgs.builder()
 *     .settings(config.loadBalancer())
 *     .network(network.vpcId(), network.publicSubnetIds(), groups.loadBalancer())
 *     .appPort(config.ports().app())
 *     .hostedZoneId(zone.zoneId())
 *     .build(), context, options);
 * lb.targetGroupArn(); // hand to the container service
 * app.allowFrom(lb.connections(), "Forward requests to application tasks");
 * }</pre>
 */
public final class LoadBalancer extends ComponentResource {
  public static final String TYPE = "knowledge-card:loadbalancer:LoadBalancer";

  /** TLS 1.3 and 1.2 with restricted ciphers; on Security Hub's allowed list for ELB.17. */
  public static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";

  public static final String HEALTH_CHECK_PATH = "/api/health";

  /**
   * Seconds in-flight requests get to finish before a target leaves the group; ECS's default is
   * 300, the main cause of slow rolling deploys. Next.js requests here are short.
   */
  public static final int DEREGISTRATION_DELAY_SECONDS = 30;

  public static final int HEALTH_CHECK_INTERVAL_SECONDS = 10;
  public static final int HEALTH_CHECK_TIMEOUT_SECONDS = 5;
  public static final int HEALTHY_THRESHOLD = 2;
  public static final int UNHEALTHY_THRESHOLD = 3;

  /**
   * Regions opened before August 2022, where ELB log delivery writes as a regional AWS account
   * ({@code aws:elb/getServiceAccount}); newer regions use the {@value #LOG_DELIVERY_SERVICE}
   * service principal. Source: "Enable access logs for your Application Load Balancer", step 2.
   */
  static final Set<String> REGIONS_WITH_ELB_ACCOUNT =
      Set.of(
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "af-south-1",
          "ap-east-1",
          "ap-south-1",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-southeast-3",
          "ca-central-1",
          "eu-central-1",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "eu-south-1",
          "eu-north-1",
          "me-south-1",
          "sa-east-1",
          "us-gov-west-1",
          "us-gov-east-1",
          "cn-north-1",
          "cn-northwest-1");

  static final String LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

  private final String name;
  private final CustomResourceOptions child;
  private final StackContext context;
  private final Connections connections;

  private final Output<String> arnSuffix;
  private final Output<String> dnsName;
  private final Output<String> targetGroupArn;
  private final Output<String> targetGroupArnSuffix;
  private final Output<String> publicUrl;
  private final Optional<String> domainName;

  public LoadBalancer(
      String name, LoadBalancerArgs args, StackContext context, ComponentResourceOptions options) {
    super(TYPE, name, options);
    this.name = name;
    this.child = CustomResourceOptions.builder().parent(this).build();
    this.context = context;
    this.connections = args.connections();
    // Port 80 stays open with a domain too: the HTTP listener redirects to HTTPS.
    for (int port : new int[] {80, 443}) {
      connections.allowFromInternet(
          port, (port == 443 ? "HTTPS" : "HTTP, redirected to HTTPS") + " from the internet");
    }
    var settings = args.settings();
    this.domainName = settings.domainName();

    var logBucket = accessLogBucket(args);

    var alb =
        new com.pulumi.aws.lb.LoadBalancer(
            name + "-alb",
            com.pulumi.aws.lb.LoadBalancerArgs.builder()
                .loadBalancerType("application")
                .internal(false)
                .subnets(args.publicSubnetIds())
                .securityGroups(connections.id().applyValue(List::of))
                .dropInvalidHeaderFields(true)
                .desyncMitigationMode("defensive")
                .enableDeletionProtection(settings.deletionProtection())
                .idleTimeout(60)
                .accessLogs(
                    LoadBalancerAccessLogsArgs.builder()
                        .bucket(logBucket.bucketName)
                        .enabled(true)
                        .build())
                .build(),
            // ELB writes a test object when access logs are switched on: the policy must exist.
            CustomResourceOptions.builder().parent(this).dependsOn(logBucket.policy).build());

    var targetGroup =
        new TargetGroup(
            name + "-tg",
            TargetGroupArgs.builder()
                .vpcId(args.vpcId())
                .targetType("ip")
                .protocol("HTTP")
                .port(args.appPort())
                .deregistrationDelay(DEREGISTRATION_DELAY_SECONDS)
                .healthCheck(
                    TargetGroupHealthCheckArgs.builder()
                        .enabled(true)
                        .protocol("HTTP")
                        .port("traffic-port")
                        .path(HEALTH_CHECK_PATH)
                        .matcher("200")
                        .interval(HEALTH_CHECK_INTERVAL_SECONDS)
                        .timeout(HEALTH_CHECK_TIMEOUT_SECONDS)
                        .healthyThreshold(HEALTHY_THRESHOLD)
                        .unhealthyThreshold(UNHEALTHY_THRESHOLD)
                        .build())
                .build(),
            child);

    Listener forwarding;
    if (settings.domainName().isPresent()) {
      var domain = settings.domainName().get();
      var hostedZoneId =
          args.hostedZoneId().orElseThrow(); // LoadBalancerArgs pairs a domain with its zone
      var certificate = certificate(domain, hostedZoneId);
      forwarding = listener(alb.arn(), Optional.of(certificate), forwardTo(targetGroup));
      listener(alb.arn(), Optional.empty(), redirectToHttps());
      for (var type : List.of("A", "AAAA")) {
        new Record(
            name + "-alias-" + type.toLowerCase(java.util.Locale.ROOT),
            RecordArgs.builder()
                .zoneId(hostedZoneId)
                .name(domain)
                .type(type)
                .aliases(
                    RecordAliasArgs.builder()
                        .name(alb.dnsName())
                        .zoneId(alb.zoneId())
                        .evaluateTargetHealth(true)
                        .build())
                .build(),
            child);
      }
      this.publicUrl = Output.of("https://" + domain);
    } else {
      forwarding = listener(alb.arn(), Optional.empty(), forwardTo(targetGroup));
      this.publicUrl = alb.dnsName().applyValue(dns -> "http://" + dns);
    }

    this.arnSuffix = alb.arnSuffix();
    this.dnsName = alb.dnsName();
    // ECS rejects a service whose target group no listener uses yet: carrying the listener as a
    // dependency of the ARN makes the service wait for it without a cross-component dependsOn.
    this.targetGroupArn = Output.tuple(forwarding.arn(), targetGroup.arn()).applyValue(t -> t.t2);
    this.targetGroupArnSuffix = targetGroup.arnSuffix();
    registerOutputs(
        Map.of(
            "arn", alb.arn(),
            "dnsName", dnsName,
            "targetGroupArn", targetGroupArn,
            "publicUrl", publicUrl,
            "accessLogBucketName", logBucket.bucketName));
  }

  /** The load balancer's security group, for the targets to admit it. */
  public Connections connections() {
    return connections;
  }

  /** {@code app/<name>/<id>}: the CloudWatch {@code LoadBalancer} dimension. */
  public Output<String> loadBalancerArnSuffix() {
    return arnSuffix;
  }

  public Output<String> dnsName() {
    return dnsName;
  }

  /** The target group's ARN, resolved only once a listener forwards to it. */
  public Output<String> targetGroupArn() {
    return targetGroupArn;
  }

  /** {@code targetgroup/<name>/<id>}: the CloudWatch {@code TargetGroup} dimension. */
  public Output<String> targetGroupArnSuffix() {
    return targetGroupArnSuffix;
  }

  /** {@code https://<domain>}, or {@code http://<alb dns>} on a stack without a domain. */
  public Output<String> publicUrl() {
    return publicUrl;
  }

  private record LogBucket(Output<String> bucketName, BucketPolicy policy) {}

  /**
   * Private, versioned, SSE-S3 (the only encryption ALB log delivery supports), ACL-less, TLS-only,
   * with log expiry; writable by ELB log delivery under {@code AWSLogs/<account>/} only.
   */
  private LogBucket accessLogBucket(LoadBalancerArgs args) {
    var logs =
        PrivateBucket.create(
            name + "-logs", BucketV2Args.builder().forceDestroy(false).build(), child, this);
    var bucket = logs.bucket();
    var retention = args.settings().accessLogRetentionDays();
    new BucketLifecycleConfigurationV2(
        name + "-logs-lifecycle",
        BucketLifecycleConfigurationV2Args.builder()
            .bucket(bucket.id())
            .rules(
                BucketLifecycleConfigurationV2RuleArgs.builder()
                    .id("expire-access-logs")
                    .status("Enabled")
                    .filter(
                        BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                    .expiration(
                        BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                            .days(retention)
                            .build())
                    // Logs are never overwritten: a noncurrent version is an expired log.
                    .noncurrentVersionExpiration(
                        BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                            .noncurrentDays(1)
                            .build())
                    .abortIncompleteMultipartUpload(
                        BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs
                            .builder()
                            .daysAfterInitiation(1)
                            .build())
                    .build(),
                BucketLifecycleConfigurationV2RuleArgs.builder()
                    .id("remove-expired-delete-markers")
                    .status("Enabled")
                    .filter(
                        BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                    .expiration(
                        BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                            .expiredObjectDeleteMarker(true)
                            .build())
                    .build())
            .build(),
        child);
    var policy =
        logs.tlsOnlyPolicy(name + "-logs-policy", List.of(logDelivery(bucket.arn())), this);
    args.serverAccessLogBucket()
        .ifPresent(
            target ->
                new BucketLoggingV2(
                    name + "-logs-access-logging",
                    BucketLoggingV2Args.builder()
                        .bucket(bucket.bucket())
                        .targetBucket(target)
                        .targetPrefix("alb-log-bucket/")
                        .build(),
                    child));
    return new LogBucket(bucket.bucket(), policy);
  }

  /**
   * ELB log delivery may put objects under {@code AWSLogs/<account>/} only: as the region's ELB
   * account in regions opened before August 2022, as the log-delivery service principal after.
   */
  private PolicyStatement logDelivery(Output<String> bucketArn) {
    var logObjects = bucketArn.applyValue(arn -> arn + "/AWSLogs/" + context.accountId() + "/*");
    var delivery = PolicyStatement.allow("ElbLogDeliveryWritesAccessLogs");
    if (REGIONS_WITH_ELB_ACCOUNT.contains(context.region())) {
      var elbAccount =
          ElbFunctions.getServiceAccount(
                  GetServiceAccountArgs.builder().region(context.region()).build(),
                  InvokeOptions.builder().parent(this).build())
              .applyValue(GetServiceAccountResult::arn);
      delivery.principal("AWS", elbAccount);
    } else {
      delivery.servicePrincipal(LOG_DELIVERY_SERVICE);
    }
    return delivery.actions("s3:PutObject").resource(logObjects).build();
  }

  /**
   * An RSA-2048 certificate (ACM.2) validated by a DNS record in the zone (ACM.1, renewed
   * automatically while the record stays); resolves only when ACM reports it issued.
   */
  private Output<String> certificate(String domain, Output<String> hostedZoneId) {
    var certificate =
        new Certificate(
            name + "-cert",
            CertificateArgs.builder()
                .domainName(domain)
                .validationMethod("DNS")
                .keyAlgorithm("RSA_2048")
                .build(),
            child);
    // One domain, no alternative names: exactly one validation record, known before deploy.
    var option = certificate.domainValidationOptions().applyValue(options -> options.get(0));
    var record =
        new Record(
            name + "-cert-validation",
            RecordArgs.builder()
                .zoneId(hostedZoneId)
                .name(option.applyValue(o -> o.resourceRecordName().orElseThrow()))
                .type(
                    option.applyValue(
                        o ->
                            Either.<String, RecordType>ofLeft(
                                o.resourceRecordType().orElseThrow())))
                .records(option.applyValue(o -> List.of(o.resourceRecordValue().orElseThrow())))
                .ttl(60)
                // The record is deterministic per domain and account: a re-created certificate
                // reuses it.
                .allowOverwrite(true)
                .build(),
            child);
    var validation =
        new CertificateValidation(
            name + "-cert-issued",
            CertificateValidationArgs.builder()
                .certificateArn(certificate.arn())
                .validationRecordFqdns(record.fqdn().applyValue(List::of))
                .build(),
            child);
    return validation.certificateArn();
  }

  /**
   * A listener on its protocol's standard port: HTTPS on 443 with {@link #TLS_POLICY} when it has a
   * certificate, plain HTTP on 80 otherwise.
   */
  private Listener listener(
      Output<String> albArn,
      Optional<Output<String>> certificate,
      ListenerDefaultActionArgs action) {
    var listener = ListenerArgs.builder().loadBalancerArn(albArn).defaultActions(action);
    certificate.ifPresentOrElse(
        arn -> listener.port(443).protocol("HTTPS").sslPolicy(TLS_POLICY).certificateArn(arn),
        () -> listener.port(80).protocol("HTTP"));
    var suffix = certificate.isPresent() ? "-https" : "-http";
    return new Listener(name + suffix, listener.build(), child);
  }

  /** A permanent redirect to the same host, path and query over HTTPS (ELB.1). */
  private static ListenerDefaultActionArgs redirectToHttps() {
    return ListenerDefaultActionArgs.builder()
        .type("redirect")
        .redirect(
            ListenerDefaultActionRedirectArgs.builder()
                .protocol("HTTPS")
                .port("443")
                .host("#{host}")
                .path("/#{path}")
                .query("#{query}")
                .statusCode("HTTP_301")
                .build())
        .build();
  }

  private static ListenerDefaultActionArgs forwardTo(TargetGroup targetGroup) {
    return ListenerDefaultActionArgs.builder()
        .type("forward")
        .targetGroupArn(targetGroup.arn())
        .build();
  }

  /** What deploying the load balancer needs, its DNS look-ups included. */
  public DeployNeeds deployNeeds() {
    var needs =
        PrivateBucket.declare(DeployNeeds.of(pulumiResourceName()))
            .creates(com.pulumi.aws.lb.LoadBalancer.class, TargetGroup.class, Listener.class)
            .creates(Certificate.class, CertificateValidation.class, Record.class)
            .creates(BucketLifecycleConfigurationV2.class, BucketLoggingV2.class)
            .invokes("aws:elb/getServiceAccount:getServiceAccount");
    // The alias records of the domain and the certificate's validation record (_<token>.domain).
    domainName.ifPresent(
        d -> needs.changesRecords(List.of("A", "AAAA", "CNAME"), List.of(d, "_*." + d)));
    return needs.build();
  }
}
