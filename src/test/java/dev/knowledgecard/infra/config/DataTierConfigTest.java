package dev.knowledgecard.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad data-tier settings fail before any resource exists, naming key, value and what is allowed.
 */
class DataTierConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NS = "knowledge-card:";

  /** Runs a stack file with overrides; asserts it was rejected with nothing registered. */
  private static List<ConfigProblem> rejected(String stack, Map<String, String> overrides) {
    var result = StackFixture.run(StackFixture.withConfig(stack, overrides));
    var error =
        result
            .failure(InvalidConfigException.class)
            .orElseThrow(() -> new AssertionError("accepted: " + overrides));
    assertTrue(
        result.graph().declared().isEmpty(),
        "resources registered despite invalid config: " + result.graph().declared());
    return error.problems();
  }

  private static ConfigProblem problemFor(List<ConfigProblem> problems, String key) {
    return problems.stream()
        .filter(p -> p.key().equals(NS + key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no problem for " + key + " in " + problems));
  }

  private static void assertRejected(
      String stack, String key, String value, String reportedValue, String allowedFragment) {
    var problem = problemFor(rejected(stack, Map.of(NS + key, value)), key);
    assertEquals(reportedValue, problem.value(), "reported value");
    assertTrue(
        problem.allowed().contains(allowedFragment),
        "message for " + key + " should say what is allowed: " + problem);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "dbInstanceClass|t4g.micro|an RDS instance class such as db.t4g.micro",
        "dbInstanceClass|db.t4g|an RDS instance class such as db.t4g.micro",
        "cacheNodeType|cache_t4g_micro|an ElastiCache node type such as cache.t4g.micro",
        "cacheNodeType|db.t4g.micro|an ElastiCache node type such as cache.t4g.micro",
        "dbBackupRetentionDays|3|an integer from 7 to 35",
        "dbBackupRetentionDays|36|an integer from 7 to 35",
        "cacheSnapshotRetentionDays|0|an integer from 1 to 35",
        "dbEngineVersion|15|one of",
        "dbAdminUsername|postgres|RDS.25",
        "dbName|Knowledge-Cards|lowercase letters, digits or _",
        "mediaBucketName|My_Media|a bucket name of 3-63 lowercase letters",
        "mediaBucketName|ab|a bucket name of 3-63 lowercase letters",
        "mediaBucketName|media.knowledgecard.app|no dots",
        "mediaBucketName|xn--media|not starting with",
        "mediaBucketName|media-s3alias|nor ending with",
        "dbMonitoringIntervalSeconds|45|one of [0, 1, 5, 10, 15, 30, 60]",
      })
  @DisplayName("a malformed data-tier value is rejected with key, value and what is allowed")
  void malformedValueIsRejected(String key, String value, String allowed) {
    assertRejected("prod", key, value, value, allowed);
  }

  @ParameterizedTest(name = "appOrigins = {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://knowledgecard.app",
        "https://knowledgecard.app/",
        "https://knowledgecard.app/upload",
        "knowledgecard.app",
        "*",
      })
  @DisplayName("a CORS origin that is not a bare https origin is rejected")
  void nonHttpsOriginIsRejected(String origin) throws Exception {
    var list = JSON.writeValueAsString(List.of("https://knowledgecard.app", origin));
    assertRejected("prod", "appOrigins", list, origin, "an https origin");
  }

  @ParameterizedTest(name = "allocated {0} GB, maximum {1} GB")
  @CsvSource({"200,100,220", "20,21,22", "100,109,110"})
  @DisplayName("an autoscaling maximum not 10% above the allocated storage is rejected")
  void allocatedAboveMaximumIsRejected(String allocated, String maximum, String least) {
    var problems =
        rejected(
            "prod",
            Map.of(
                NS + "dbAllocatedStorageGb", allocated, NS + "dbMaxAllocatedStorageGb", maximum));
    var problem = problemFor(problems, "dbMaxAllocatedStorageGb");
    assertEquals(maximum, problem.value());
    assertTrue(
        problem.allowed().contains("dbAllocatedStorageGb (" + allocated + "), i.e. >= " + least),
        problem.toString());
  }

  @Test
  @DisplayName("an autoscaling maximum exactly 10% above the allocated storage is accepted")
  void maximumTenPercentAboveIsAccepted() {
    var result =
        StackFixture.run(
            StackFixture.withConfig(
                "prod",
                Map.of(NS + "dbAllocatedStorageGb", "100", NS + "dbMaxAllocatedStorageGb", "110")));
    assertTrue(result.succeeded(), result.failures().toString());
  }

  @ParameterizedTest(name = "apiKeySecrets = {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[\"openai_api_key\"]|openai_api_key|UPPER_SNAKE",
        "[\"AWS_SECRET_ACCESS_KEY\"]|AWS_SECRET_ACCESS_KEY|not AWS_*",
        "[\"DB_PASSWORD\"]|DB_PASSWORD|reserved",
        "[\"OPENAI_API_KEY\",\"OPENAI_API_KEY\"]|OPENAI_API_KEY|each name once",
      })
  @DisplayName("an API key secret name that is not a fresh UPPER_SNAKE env name is rejected")
  void badApiKeyNameIsRejected(String list, String reported, String allowed) {
    assertRejected("prod", "apiKeySecrets", list, reported, allowed);
  }

  @ParameterizedTest(name = "{1} without waiver {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "RDS.5|dbMultiAz|false|staging",
        "RDS.8|dbDeletionProtection|false|staging",
        "ElastiCache.3|cacheNodes|1|staging",
        "S3.9|mediaAccessLogging|false|staging",
        "RDS.6|dbMonitoringIntervalSeconds|0|prod",
      })
  @DisplayName("a data-tier relaxation without a written waiver is rejected")
  void relaxationNeedsWaiver(String control, String key, String value, String stack)
      throws Exception {
    var waivers = waiversOf(stack);
    waivers.remove(control);
    var problems =
        rejected(stack, Map.of(NS + key, value, NS + "waivers", JSON.writeValueAsString(waivers)));
    var problem = problemFor(problems, key);
    assertEquals(value, problem.value());
    assertTrue(problem.allowed().contains("relaxes control " + control), problem.toString());
    assertTrue(problem.allowed().contains(NS + "waivers." + control), problem.toString());
  }

  @Test
  @DisplayName("vendor API keys, the only unrotated secrets, need SecretsManager.1 and .4 waivers")
  void vendorKeysNeedWaivers() throws Exception {
    var waivers = waiversOf("prod");
    waivers.remove("SecretsManager.1");
    waivers.remove("SecretsManager.4");
    var problems = rejected("prod", Map.of(NS + "waivers", JSON.writeValueAsString(waivers)));
    var forKeys = problems.stream().filter(p -> p.key().equals(NS + "apiKeySecrets")).toList();
    assertEquals(2, forKeys.size(), problems.toString());
    assertTrue(forKeys.get(0).value().contains("OPENAI_API_KEY"), forKeys.toString());
    assertTrue(forKeys.get(0).allowed().contains("SecretsManager.1"), forKeys.toString());
    // Without vendor keys every secret rotates: no waiver needed.
    var withoutKeys =
        StackFixture.run(
            StackFixture.withConfig(
                "prod",
                Map.of(
                    NS + "waivers", JSON.writeValueAsString(waivers), NS + "apiKeySecrets", "[]")));
    assertTrue(
        withoutKeys.failure(InvalidConfigException.class).isEmpty(),
        "rejected although every secret rotates: " + withoutKeys.failures());
  }

  @ParameterizedTest
  @CsvSource({"prod,31", "prod,0", "staging,91"})
  @DisplayName("secretRotationDays: prod rotates at least every 30 days, staging every 90")
  void rotationScheduleIsBounded(String stack, String days) {
    var problem =
        problemFor(rejected(stack, Map.of(NS + "secretRotationDays", days)), "secretRotationDays");
    assertEquals(days, problem.value());
  }

  @Test
  @DisplayName("every data-tier problem is reported at once")
  void allProblemsAtOnce() {
    var problems =
        rejected(
            "prod",
            Map.of(
                NS + "dbInstanceClass", "big",
                NS + "cacheNodeType", "small",
                NS + "dbBackupRetentionDays", "1",
                NS + "mediaBucketName", "UPPER",
                NS + "appOrigins", "[\"http://x.example\"]"));
    for (var key :
        List.of(
            "dbInstanceClass",
            "cacheNodeType",
            "dbBackupRetentionDays",
            "mediaBucketName",
            "appOrigins")) {
      problemFor(problems, key);
    }
  }

  @Test
  @DisplayName("the committed stack files pass validation with their defaults")
  void committedStacksAreValid() {
    for (var stack : List.of("staging", "prod")) {
      assertFalse(StackFixture.committedStack(stack).graph().declared().isEmpty(), stack);
    }
  }

  private static Map<String, Object> waiversOf(String stack) throws Exception {
    var raw = StackFixture.stackFile(stack).config().get(NS + "waivers");
    return raw == null
        ? new LinkedHashMap<>()
        : JSON.readValue(raw, new TypeReference<LinkedHashMap<String, Object>>() {});
  }
}
