package dev.knowledgecard.infra.storage;

import static dev.knowledgecard.infra.testing.DataGraphs.endingWith;
import static dev.knowledgecard.infra.testing.DataGraphs.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.resources.ComponentResourceOptions;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.config.StorageSettings;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.iam.RoleGrants;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.synth.OfflineMocks;
import dev.knowledgecard.infra.testing.ComponentInputs;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaStorageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "aws:s3/bucketV2:BucketV2";
  private static final String S3 = "aws:s3/";
  private static final String ORIGIN = "https://app.example.com";

  /** A bucket for {@link #ORIGIN}; with access logging it is kept, without it torn down freely. */
  private static StorageSettings settings(boolean accessLogging, Optional<String> bucketName) {
    var noncurrentVersionDays = 30;
    var accessLogRetentionDays = 90;
    var forceDestroy = !accessLogging;
    return new StorageSettings(
        bucketName,
        List.of(ORIGIN),
        noncurrentVersionDays,
        accessLogging,
        accessLogRetentionDays,
        forceDestroy);
  }

  private static OfflineEngine.Result component(boolean logging, Optional<String> name) {
    return StackFixture.runComponent(
        StackFixture.stackFile("staging"),
        ctx -> {
          var media =
              new MediaStorage(
                  "test-media",
                  new MediaStorageArgs(settings(logging, name)),
                  ComponentInputs.context(),
                  ComponentResourceOptions.Empty);
          var taskRole = new RoleGrants();
          media.grantReadWrite(taskRole);
          ctx.export("bucketName", media.bucketName());
          ctx.export("bucketArn", media.bucketArn());
          ctx.export("policy", taskRole.policies().get("storage"));
        });
  }

  /** The configuration resource of a type attached to the bucket with the given id. */
  private static GraphResource attached(ResourceGraph graph, String type, String bucketId) {
    var found =
        graph.ofType(S3 + type).stream()
            .filter(r -> r.prop("bucket").asText().equals(bucketId))
            .toList();
    assertEquals(1, found.size(), "bucket " + bucketId + " needs exactly one " + type);
    return found.get(0);
  }

  /** S3.1/5/8/12/13/14 and SSE for one bucket. */
  private static void assertPrivateBucket(ResourceGraph graph, GraphResource bucket) {
    var id = bucket.id();
    var block = attached(graph, "bucketPublicAccessBlock:BucketPublicAccessBlock", id);
    for (var flag :
        List.of(
            "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
      assertTrue(block.prop(flag).asBoolean(), id + " public access block: " + flag);
    }
    var ownership = attached(graph, "bucketOwnershipControls:BucketOwnershipControls", id);
    assertEquals("BucketOwnerEnforced", ownership.prop("rule.objectOwnership").asText(), id);
    var sse =
        attached(
            graph,
            "bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
            id);
    assertEquals(
        "AES256",
        sse.prop("rules")
            .get(0)
            .path("applyServerSideEncryptionByDefault")
            .path("sseAlgorithm")
            .asText(),
        id + " default encryption");
    var versioning = attached(graph, "bucketVersioningV2:BucketVersioningV2", id);
    assertEquals("Enabled", versioning.prop("versioningConfiguration.status").asText(), id);
    var lifecycle =
        attached(graph, "bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", id);
    assertTrue(
        rule(lifecycle, "abort-incomplete-multipart-uploads")
                .path("abortIncompleteMultipartUpload")
                .path("daysAfterInitiation")
                .asInt()
            == 1,
        id + " must abort incomplete multipart uploads after a day");
    var policy = attached(graph, "bucketPolicy:BucketPolicy", id);
    var deny = statement(policy, "DenyInsecureTransport");
    assertEquals("Deny", deny.path("Effect").asText());
    assertEquals(
        "false", deny.path("Condition").path("Bool").path("aws:SecureTransport").get(0).asText());
    assertEquals(
        List.of(bucket.prop("bucket").asText()).stream()
            .map(b -> "arn:aws:s3:::" + b)
            .toList()
            .get(0),
        deny.path("Resource").get(0).asText(),
        id + " TLS policy must cover the bucket");
    assertEquals(
        "arn:aws:s3:::" + bucket.prop("bucket").asText() + "/*",
        deny.path("Resource").get(1).asText(),
        id + " TLS policy must cover the objects");
    assertTrue(policy.dependencies().contains(block.urn()), id + " policy races its block");
  }

  private static JsonNode rule(GraphResource lifecycle, String ruleId) {
    for (var rule : lifecycle.prop("rules")) {
      if (rule.path("id").asText().equals(ruleId)) {
        return rule;
      }
    }
    throw new AssertionError(lifecycle.name() + " has no rule " + ruleId);
  }

  private static JsonNode statement(GraphResource policy, String sid) {
    try {
      for (var s : JSON.readTree(policy.prop("policy").asText()).path("Statement")) {
        if (s.path("Sid").asText().equals(sid)) {
          return s;
        }
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(policy.name() + " policy is not JSON", e);
    }
    throw new AssertionError(policy.name() + " has no statement " + sid);
  }

  private static void assertMediaBucket(ResourceGraph graph, List<String> origins, int days) {
    var media = endingWith(graph, BUCKET, "-media");
    assertPrivateBucket(graph, media);
    var lifecycle =
        attached(
            graph, "bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", media.id());
    var noncurrent = rule(lifecycle, "expire-noncurrent-versions");
    assertEquals(
        days, noncurrent.path("noncurrentVersionExpiration").path("noncurrentDays").asInt());
    var cors = attached(graph, "bucketCorsConfigurationV2:BucketCorsConfigurationV2", media.id());
    var corsRule = cors.prop("corsRules").get(0);
    assertEquals(1, cors.prop("corsRules").size(), "one CORS rule");
    assertEquals(origins, strings(corsRule.path("allowedOrigins")), "CORS origins");
    assertEquals(List.of("PUT", "POST", "GET"), strings(corsRule.path("allowedMethods")));
  }

  @Test
  @DisplayName("component: private, TLS-only, versioned media bucket with CORS for the app only")
  void componentBaseline() {
    var result = component(false, Optional.empty());
    var graph = result.graph();
    assertMediaBucket(graph, List.of(ORIGIN), 30);
    assertEquals(1, graph.ofType(BUCKET).size(), "no log bucket without access logging");
    assertEquals("knowledge-card-test-media-123456789012", result.outputs().get("bucketName"));
    assertEquals(
        "arn:aws:s3:::knowledge-card-test-media-123456789012", result.outputs().get("bucketArn"));
    assertFalse(endingWith(graph, BUCKET, "-media").protect(), "forceDestroy bucket protected");
  }

  @Test
  @DisplayName("the app's policy allows exactly Put/Get/DeleteObject on the bucket's objects")
  void objectPolicyIsLeastPrivilege() throws Exception {
    var result = component(false, Optional.empty());
    var doc = JSON.readTree(result.outputs().get("policy").toString());
    assertEquals(1, doc.path("Statement").size(), "one statement");
    var s = doc.path("Statement").get(0);
    assertEquals("Allow", s.path("Effect").asText());
    assertEquals(
        List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"), strings(s.path("Action")));
    assertEquals(
        List.of("arn:aws:s3:::knowledge-card-test-media-123456789012/*"),
        strings(s.path("Resource")));
  }

  @Test
  @DisplayName("component: access logging writes to a private log bucket only S3 may write to")
  void componentAccessLogging() {
    var graph = component(true, Optional.of("my-media-bucket")).graph();
    var media = endingWith(graph, BUCKET, "-media");
    assertEquals("my-media-bucket", media.prop("bucket").asText(), "configured name");
    assertTrue(media.protect(), "media bucket without forceDestroy is protected");
    var logs = endingWith(graph, BUCKET, "-access-logs");
    assertEquals("my-media-bucket-logs", logs.prop("bucket").asText());
    assertPrivateBucket(graph, logs);
    var logging = attached(graph, "bucketLoggingV2:BucketLoggingV2", media.id());
    assertEquals(logs.id(), logging.prop("targetBucket").asText(), "S3.9 target");
    var delivery =
        statement(
            attached(graph, "bucketPolicy:BucketPolicy", logs.id()), "S3ServerAccessLogDelivery");
    assertEquals(
        "logging.s3.amazonaws.com", delivery.path("Principal").path("Service").get(0).asText());
    assertEquals(List.of("s3:PutObject"), strings(delivery.path("Action")));
    // Any bucket of this account may deliver here (the ALB log bucket does too); no other account.
    assertEquals(
        OfflineMocks.ACCOUNT_ID,
        delivery.path("Condition").path("StringEquals").path("aws:SourceAccount").get(0).asText());
  }

  @Test
  @DisplayName("derived bucket names are valid S3 names within 63 characters, log bucket included")
  void derivedNamesAreValid() {
    for (var project : List.of("knowledge-card", "Knowledge-Card-" + "x".repeat(70))) {
      var name =
          MediaStorage.derivedName(
              new StackContext(project, "prod", "us-east-1", OfflineMocks.ACCOUNT_ID, Map.of()));
      assertTrue(StorageSettings.isValidBucketName(name), name);
      assertTrue(name.endsWith("-media-" + OfflineMocks.ACCOUNT_ID), name);
      assertTrue(StorageSettings.isValidBucketName(MediaStorage.logBucketName(name)), name);
    }
    var longest = "a".repeat(63);
    assertTrue(StorageSettings.isValidBucketName(MediaStorage.logBucketName(longest)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  @DisplayName("committed stacks: media bucket is private, TLS-only, versioned, CORS from the app")
  void committedStackBaseline(String stack) throws Exception {
    var result = StackFixture.committedStack(stack);
    var origins =
        strings(
            JSON.readTree(StackFixture.stackFile(stack).config().get("knowledge-card:appOrigins")));
    assertFalse(origins.isEmpty(), stack + " names no app origin");
    origins.forEach(o -> assertTrue(o.startsWith("https://"), o));
    assertMediaBucket(result.graph(), origins, 30);
    var name = result.outputs().get("mediaBucketName").toString();
    assertTrue(name.contains(stack) && name.endsWith(StackFixture.accountId(stack)), name);
    assertEquals("arn:aws:s3:::" + name, result.outputs().get("mediaBucketArn"));
  }

  @Test
  @DisplayName("prod logs media access to its own log bucket (S3.9) and protects the bucket")
  void prodLogsAccess() {
    var graph = StackFixture.committedStack("prod").graph();
    var media = endingWith(graph, BUCKET, "-media");
    var logs = endingWith(graph, BUCKET, "-access-logs");
    assertPrivateBucket(graph, logs);
    assertEquals(
        logs.id(),
        attached(graph, "bucketLoggingV2:BucketLoggingV2", media.id())
            .prop("targetBucket")
            .asText());
    assertTrue(media.protect(), "prod media bucket is not protected");
    assertFalse(media.prop("forceDestroy").asBoolean(), "prod media bucket can be force-destroyed");
  }

  @Test
  @DisplayName("staging has no access-log bucket (S3.9 waived) and tears down easily")
  void stagingSkipsAccessLogs() {
    var graph = StackFixture.committedStack("staging").graph();
    assertEquals(
        1,
        graph.ofType(BUCKET).stream().filter(b -> b.name().startsWith("staging-media-")).count(),
        "staging media buckets");
    assertTrue(graph.ofType(S3 + "bucketLoggingV2:BucketLoggingV2").isEmpty());
    assertTrue(endingWith(graph, BUCKET, "-media").prop("forceDestroy").asBoolean());
  }
}
