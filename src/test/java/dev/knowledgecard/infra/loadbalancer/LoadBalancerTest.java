package dev.knowledgecard.infra.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.LoadBalancerSettings;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.testing.ComponentInputs;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DO-9: the load balancer, its log bucket, target group, listeners, certificate and DNS. */
class LoadBalancerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LISTENER = "aws:lb/listener:Listener";
  private static final String RECORD = "aws:route53/record:Record";
  private static final String TG = "aws:lb/targetGroup:TargetGroup";

  private static LoadBalancerSettings withDomain(boolean deletionProtection) {
    return new LoadBalancerSettings(
        Optional.of("app.example.com"),
        Optional.of("example.com"),
        Optional.empty(),
        45,
        deletionProtection);
  }

  private static LoadBalancerSettings noDomain() {
    return new LoadBalancerSettings(
        Optional.empty(), Optional.empty(), Optional.empty(), 30, false);
  }

  static OfflineEngine.Result run(LoadBalancerSettings settings, String region) {
    return StackFixture.runComponent(
        StackFixture.withConfig("staging", Map.of("aws:region", region)),
        ctx -> {
          var groups = ComponentInputs.groups();
          ctx.export("albGroupId", groups.loadBalancer().id());
          var args =
              LoadBalancerArgs.builder()
                  .settings(settings)
                  .network(
                      Output.of("vpc-1"),
                      Output.of(List.of("subnet-public-a", "subnet-public-b")),
                      groups.loadBalancer())
                  .appPort(3000);
          if (settings.domainName().isPresent()) {
            args.hostedZoneId(Output.of("Z0123456789ABCDEFGHIJ"));
          }
          new LoadBalancer("edge", args.build(), ComponentInputs.context(region), null);
        });
  }

  private static ResourceGraph withDomainGraph;

  private static synchronized ResourceGraph graph() {
    if (withDomainGraph == null) {
      withDomainGraph = run(withDomain(true), "us-east-1").graph();
    }
    return withDomainGraph;
  }

  private static JsonNode json(GraphResource r, String prop) {
    try {
      return JSON.readTree(r.prop(prop).asText());
    } catch (java.io.IOException e) {
      throw new AssertionError(r.name() + "." + prop, e);
    }
  }

  private static List<String> texts(JsonNode node) {
    return StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
  }

  @Test
  @DisplayName(
      "ALB is internet-facing in the public subnets, drops invalid headers, desync defensive")
  void albHardening() {
    var result = run(withDomain(true), "us-east-1");
    var alb = result.graph().named("aws:lb/loadBalancer:LoadBalancer", "edge-alb");
    assertEquals("application", alb.prop("loadBalancerType").asText());
    assertFalse(alb.prop("internal").asBoolean(true));
    assertEquals(List.of("subnet-public-a", "subnet-public-b"), texts(alb.prop("subnets")));
    assertEquals(List.of(result.outputs().get("albGroupId")), texts(alb.prop("securityGroups")));
    assertTrue(alb.prop("dropInvalidHeaderFields").asBoolean(), "ELB.4");
    assertEquals("defensive", alb.prop("desyncMitigationMode").asText(), "ELB.12");
    assertTrue(alb.prop("enableDeletionProtection").asBoolean(), "ELB.6 as configured");
    assertTrue(alb.prop("accessLogs.enabled").asBoolean(), "ELB.5");
    var bucket = graph().named("aws:s3/bucketV2:BucketV2", "edge-logs");
    assertEquals(bucket.id(), alb.prop("accessLogs.bucket").asText());
    var unprotected = run(withDomain(false), "us-east-1").graph();
    assertFalse(
        unprotected
            .named("aws:lb/loadBalancer:LoadBalancer", "edge-alb")
            .prop("enableDeletionProtection")
            .asBoolean(true));
  }

  @Test
  @DisplayName("target group: IP targets on the app port, fast health checks, 30 s deregistration")
  void targetGroupForFastDeploys() {
    var tg = graph().named(TG, "edge-tg");
    assertEquals("ip", tg.prop("targetType").asText());
    assertEquals(3000, tg.prop("port").asInt());
    assertEquals("HTTP", tg.prop("protocol").asText());
    assertEquals("vpc-1", tg.prop("vpcId").asText());
    assertTrue(tg.prop("deregistrationDelay").asInt() <= 30, "not the 300 s default");
    var hc = tg.prop("healthCheck");
    assertEquals("/api/health", hc.path("path").asText());
    assertEquals(10, hc.path("interval").asInt());
    assertEquals(5, hc.path("timeout").asInt());
    assertEquals(2, hc.path("healthyThreshold").asInt());
    assertEquals(3, hc.path("unhealthyThreshold").asInt());
    assertEquals("200", hc.path("matcher").asText());
  }

  @Test
  @DisplayName("HTTPS on 443 with the allowed TLS policy and the validated certificate (ELB.17)")
  void httpsListener() {
    var g = graph();
    var https = g.named(LISTENER, "edge-https");
    assertEquals(443, https.prop("port").asInt());
    assertEquals("HTTPS", https.prop("protocol").asText());
    assertEquals("ELBSecurityPolicy-TLS13-1-2-Res-2021-06", https.prop("sslPolicy").asText());
    var action = https.prop("defaultActions").get(0);
    assertEquals("forward", action.path("type").asText());
    assertEquals(g.named(TG, "edge-tg").id(), action.path("targetGroupArn").asText());
    var cert = g.named("aws:acm/certificate:Certificate", "edge-cert");
    assertEquals(cert.id(), https.prop("certificateArn").asText());
    assertTrue(
        https
            .dependencies()
            .contains(
                g.named("aws:acm/certificateValidation:CertificateValidation", "edge-cert-issued")
                    .urn()),
        "the listener waits for the certificate to be issued");
  }

  @Test
  @DisplayName("HTTP on 80 redirects to HTTPS with 301 (ELB.1)")
  void httpRedirects() {
    var http = graph().named(LISTENER, "edge-http");
    assertEquals(80, http.prop("port").asInt());
    var action = http.prop("defaultActions").get(0);
    assertEquals("redirect", action.path("type").asText());
    assertEquals("HTTPS", action.path("redirect").path("protocol").asText());
    assertEquals("443", action.path("redirect").path("port").asText());
    assertEquals("HTTP_301", action.path("redirect").path("statusCode").asText());
    assertTrue(action.path("targetGroupArn").isMissingNode(), "port 80 serves nothing");
  }

  @Test
  @DisplayName("certificate is DNS-validated RSA 2048 via a record in the hosted zone (ACM.1/2)")
  void certificateValidatedByDns() {
    var g = graph();
    var cert = g.named("aws:acm/certificate:Certificate", "edge-cert");
    assertEquals("app.example.com", cert.prop("domainName").asText());
    assertEquals("DNS", cert.prop("validationMethod").asText());
    assertEquals("RSA_2048", cert.prop("keyAlgorithm").asText());
    var record = g.named(RECORD, "edge-cert-validation");
    assertEquals("CNAME", record.prop("type").asText());
    assertTrue(record.prop("name").asText().endsWith(".app.example.com."));
    assertTrue(record.prop("records").get(0).asText().endsWith(".acm-validations.aws."));
    var zoneId = record.prop("zoneId").asText();
    assertTrue(zoneId.startsWith("Z"), zoneId);
    var validation =
        g.named("aws:acm/certificateValidation:CertificateValidation", "edge-cert-issued");
    assertEquals(cert.id(), validation.prop("certificateArn").asText());
    assertEquals(
        List.of(record.prop("name").asText().replaceAll("\\.$", "")),
        texts(validation.prop("validationRecordFqdns")));
  }

  @Test
  @DisplayName("A and AAAA alias records point the domain at the ALB")
  void aliasRecords() {
    var g = graph();
    var alb = g.named("aws:lb/loadBalancer:LoadBalancer", "edge-alb");
    var zone = g.named(RECORD, "edge-cert-validation").prop("zoneId").asText();
    for (var type : List.of("A", "AAAA")) {
      var record = g.named(RECORD, "edge-alias-" + type.toLowerCase(java.util.Locale.ROOT));
      assertEquals(type, record.prop("type").asText());
      assertEquals("app.example.com", record.prop("name").asText());
      assertEquals(zone, record.prop("zoneId").asText());
      var alias = record.prop("aliases").get(0);
      assertTrue(alias.path("name").asText().endsWith(".us-east-1.elb.amazonaws.com"));
      assertEquals("Z35SXDOTRQ7X7K", alias.path("zoneId").asText());
      assertTrue(alias.path("evaluateTargetHealth").asBoolean());
    }
    assertTrue(alb.prop("name").isMissingNode(), "auto-named: two stacks never collide");
  }

  @Test
  @DisplayName("log bucket: private, ACL-less, SSE-S3, versioned, expiring")
  void logBucketIsPrivateAndExpiring() {
    var g = graph();
    var bucket = g.named("aws:s3/bucketV2:BucketV2", "edge-logs");
    var pab =
        g.named(
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "edge-logs-public-access-block");
    for (var flag :
        List.of(
            "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
      assertTrue(pab.prop(flag).asBoolean(), flag);
    }
    assertEquals(bucket.id(), pab.prop("bucket").asText());
    assertEquals(
        "BucketOwnerEnforced",
        g.named("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "edge-logs-ownership")
            .prop("rule.objectOwnership")
            .asText());
    assertEquals(
        "AES256",
        g.named(
                "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                "edge-logs-encryption")
            .prop("rules")
            .get(0)
            .path("applyServerSideEncryptionByDefault")
            .path("sseAlgorithm")
            .asText(),
        "ALB log delivery supports SSE-S3 only");
    assertEquals(
        "Enabled",
        g.named("aws:s3/bucketVersioningV2:BucketVersioningV2", "edge-logs-versioning")
            .prop("versioningConfiguration.status")
            .asText());
    var rules =
        g.named(
                "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                "edge-logs-lifecycle")
            .prop("rules");
    assertEquals(45, rules.get(0).path("expiration").path("days").asInt(), "configured retention");
    assertEquals(
        1, rules.get(0).path("abortIncompleteMultipartUpload").path("daysAfterInitiation").asInt());
  }

  @Test
  @DisplayName(
      "log bucket policy: TLS only, and the regional ELB account writes under AWSLogs/<account>/")
  void logBucketPolicyInOlderRegion() {
    var g = graph();
    var policy = json(g.named("aws:s3/bucketPolicy:BucketPolicy", "edge-logs-policy"), "policy");
    var bucketArn = "arn:aws:s3:::" + g.named("aws:s3/bucketV2:BucketV2", "edge-logs").id();
    var deny = policy.path("Statement").get(0);
    assertEquals("Deny", deny.path("Effect").asText());
    assertEquals(
        "false", deny.path("Condition").path("Bool").path("aws:SecureTransport").get(0).asText());
    var allow = policy.path("Statement").get(1);
    assertEquals("Allow", allow.path("Effect").asText());
    assertEquals(
        List.of("arn:aws:iam::127311923021:root"), texts(allow.path("Principal").path("AWS")));
    assertEquals(List.of("s3:PutObject"), texts(allow.path("Action")));
    assertEquals(List.of(bucketArn + "/AWSLogs/123456789012/*"), texts(allow.path("Resource")));
  }

  @Test
  @DisplayName("in a region opened after August 2022 the log-delivery service principal writes")
  void logBucketPolicyInNewerRegion() {
    var g = run(withDomain(true), "eu-central-2").graph();
    var policy = json(g.named("aws:s3/bucketPolicy:BucketPolicy", "edge-logs-policy"), "policy");
    var allow = policy.path("Statement").get(1);
    assertEquals(
        List.of("logdelivery.elasticloadbalancing.amazonaws.com"),
        texts(allow.path("Principal").path("Service")));
    assertTrue(allow.path("Principal").path("AWS").isMissingNode());
  }

  @Test
  @DisplayName("the ALB waits for the log bucket policy (ELB tests its write access)")
  void albDependsOnBucketPolicy() {
    var g = graph();
    assertTrue(
        g.named("aws:lb/loadBalancer:LoadBalancer", "edge-alb")
            .dependencies()
            .contains(g.named("aws:s3/bucketPolicy:BucketPolicy", "edge-logs-policy").urn()));
  }

  @Test
  @DisplayName("without a domain: plain HTTP forward on 80, no certificate, no records")
  void withoutDomainServesHttp() {
    var result = run(noDomain(), "us-east-1");
    var g = result.graph();
    var listeners = g.ofType(LISTENER);
    assertEquals(1, listeners.size());
    var http = listeners.get(0);
    assertEquals(80, http.prop("port").asInt());
    assertEquals("forward", http.prop("defaultActions").get(0).path("type").asText());
    assertEquals(List.of(), g.ofType("aws:acm/certificate:Certificate"));
    assertEquals(List.of(), g.ofType(RECORD));
  }

  @Test
  @DisplayName(
      "a domain without its hosted zone, or a zone without a domain, is rejected when built")
  void domainAndZoneGoTogether() {
    var withoutZone = LoadBalancerArgs.builder().settings(withDomain(false)).appPort(3000);
    var error = assertThrows(IllegalArgumentException.class, withoutZone::build);
    assertTrue(error.getMessage().contains("app.example.com"), error.getMessage());
    var zoneWithoutDomain =
        LoadBalancerArgs.builder().settings(noDomain()).appPort(3000).hostedZoneId(Output.of("Z1"));
    assertThrows(IllegalArgumentException.class, zoneWithoutDomain::build);
  }

  @Test
  @DisplayName("every child is named after the component")
  void childrenNamedAfterComponent() {
    var g = graph();
    var children = g.childrenOf(g.named(LoadBalancer.TYPE, "edge"));
    // Everything but the security groups (and the rules they hold) belongs to the component.
    var outside =
        g.declared().stream().filter(r -> r.name().equals("sg") || r.name().startsWith("sg-"));
    assertEquals(g.declared().size() - 1 - outside.count(), children.size());
    children.forEach(c -> assertTrue(c.name().startsWith("edge-"), c.name()));
  }

  @Test
  @DisplayName(
      "prod: the ALB log bucket's own server access logs go to the stack's access-log bucket (S3.9)")
  void albLogBucketIsItselfLoggedInProd() {
    var g = StackFixture.committedStack("prod").graph();
    var logging = g.named("aws:s3/bucketLoggingV2:BucketLoggingV2", "prod-lb-logs-access-logging");
    var albLogs = g.named("aws:s3/bucketV2:BucketV2", "prod-lb-logs");
    assertEquals(albLogs.id(), logging.prop("bucket").asText());
    var target = g.byId(logging.prop("targetBucket").asText()).orElseThrow();
    assertTrue(target.name().endsWith("-access-logs"), target.name());
    assertTrue(
        StackFixture.committedStack("staging")
            .graph()
            .ofType("aws:s3/bucketLoggingV2:BucketLoggingV2")
            .isEmpty(),
        "staging waives S3.9 and keeps no access-log bucket");
  }
}
