package dev.knowledgecard.infra.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.synth.OfflineEngine;
import dev.knowledgecard.infra.testing.ComponentInputs;
import dev.knowledgecard.infra.testing.Policies;
import dev.knowledgecard.infra.testing.StackFixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlarmTopicTest {
  private static final String KEY = "aws:kms/key:Key";
  private static final String TOPIC = "aws:sns/topic:Topic";

  private static OfflineEngine.Result topic(Optional<Output<String>> webhook) {
    return StackFixture.runComponent(
        StackFixture.stackFile("prod"),
        ctx ->
            new AlarmTopic(
                "prod-alarms",
                new AlarmTopicArgs(List.of("ops@example.com", "oncall@example.com"), webhook),
                ComponentInputs.context(),
                ComponentResourceOptions.builder().build()));
  }

  @Test
  void topicIsEncryptedWithARotatedCustomerKey() {
    var graph = topic(Optional.empty()).graph();
    var key = graph.named(KEY, "prod-alarms-key");
    var topic = graph.named(TOPIC, "prod-alarms-topic");
    assertTrue(key.prop("enableKeyRotation").asBoolean(), "alarm key rotates (KMS.4)");
    assertTrue(
        topic.prop("kmsMasterKeyId").asText().startsWith("arn:aws:kms:"),
        "topic uses the customer key, got " + topic.prop("kmsMasterKeyId"));
  }

  @Test
  void keyPolicyLetsCloudWatchEventBridgeAndBudgetsEncrypt() {
    var key = topic(Optional.empty()).graph().named(KEY, "prod-alarms-key");
    for (var service :
        List.of("cloudwatch.amazonaws.com", "events.amazonaws.com", "budgets.amazonaws.com")) {
      assertTrue(
          Policies.statements(key, "policy").stream()
              .anyMatch(
                  s ->
                      "Allow".equals(s.path("Effect").asText())
                          && Policies.values(s.path("Principal"), "Service").contains(service)
                          && Policies.values(s, "Action").contains("kms:GenerateDataKey*")
                          && Policies.values(s, "Action").contains("kms:Decrypt")),
          "key policy of " + key.name() + " lets " + service + " encrypt messages");
    }
  }

  @Test
  void topicPolicyIsNotPublicAndLetsPublishersIn() {
    var graph = topic(Optional.empty()).graph();
    var policy = graph.ofType("aws:sns/topicPolicy:TopicPolicy").get(0);
    var statements = Policies.statements(policy, "policy");
    for (JsonNode s : statements) {
      assertFalse(
          s.path("Principal").toString().contains("\"*\""),
          "topic policy statement " + s.path("Sid") + " has a * principal (SNS.4)");
    }
    for (var service : List.of("cloudwatch.amazonaws.com", "events.amazonaws.com")) {
      assertTrue(
          statements.stream()
              .anyMatch(
                  s ->
                      Policies.values(s.path("Principal"), "Service").contains(service)
                          && Policies.values(s, "Action").equals(List.of("sns:Publish"))
                          && s.path("Condition").path("StringEquals").has("aws:SourceAccount")),
          service + " may publish, limited to this account");
    }
  }

  @Test
  void everyEmailIsSubscribed() {
    var subs =
        topic(Optional.empty()).graph().ofType("aws:sns/topicSubscription:TopicSubscription");
    assertEquals(
        List.of("oncall@example.com", "ops@example.com"),
        subs.stream().map(s -> s.prop("endpoint").asText()).sorted().toList());
    subs.forEach(s -> assertEquals("email", s.prop("protocol").asText(), s.name()));
  }

  @Test
  void webhookIsAnHttpsSubscriptionKeptSecret() {
    var graph = topic(Optional.of(Output.ofSecret("https://hooks.example.com/T0/abc"))).graph();
    GraphResource hook =
        graph.named("aws:sns/topicSubscription:TopicSubscription", "prod-alarms-webhook");
    assertEquals("https", hook.prop("protocol").asText());
    assertTrue(hook.secretProps().contains("endpoint"), "webhook URL stays secret");
    assertEquals(GraphResource.SECRET_MARKER, hook.prop("endpoint").asText());
  }
}
