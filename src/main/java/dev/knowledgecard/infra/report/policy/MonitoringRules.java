package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.ACM_CERTIFICATE;
import static dev.knowledgecard.infra.graph.AwsTypes.KMS_KEY;
import static dev.knowledgecard.infra.graph.AwsTypes.LOG_GROUP;
import static dev.knowledgecard.infra.graph.AwsTypes.METRIC_ALARM;
import static dev.knowledgecard.infra.graph.AwsTypes.SNS_TOPIC;
import static dev.knowledgecard.infra.graph.AwsTypes.SNS_TOPIC_POLICY;
import static dev.knowledgecard.infra.report.policy.Checks.each;
import static dev.knowledgecard.infra.report.policy.Checks.equalsText;
import static dev.knowledgecard.infra.report.policy.Checks.isTrue;
import static dev.knowledgecard.infra.report.policy.Checks.parse;
import static dev.knowledgecard.infra.report.policy.Checks.statements;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.AcmCertificate;
import dev.knowledgecard.infra.graph.aws.KmsKey;
import dev.knowledgecard.infra.graph.aws.LogGroup;
import dev.knowledgecard.infra.graph.aws.MetricAlarm;
import dev.knowledgecard.infra.graph.aws.SnsTopic;
import dev.knowledgecard.infra.graph.aws.SnsTopicPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Alarms, log retention, the alarm topic, keys and certificates (CloudWatch, SNS, KMS, ACM). */
final class MonitoringRules {

  static final List<Rule> ALL =
      List.of(
          new Rule(
              "CloudWatch.15",
              g ->
                  each(
                      g,
                      METRIC_ALARM,
                      "CloudWatch alarm",
                      "has alarm actions",
                      r ->
                          MetricAlarm.ALARM_ACTIONS.of(r).isArray()
                                  && MetricAlarm.ALARM_ACTIONS.of(r).size() > 0
                              ? Optional.empty()
                              : Optional.of("no alarmActions"))),
          new Rule(
              "CloudWatch.16",
              g ->
                  each(
                      g,
                      LOG_GROUP,
                      "log group",
                      "has a retention period",
                      r ->
                          LogGroup.RETENTION_IN_DAYS.of(r).asInt(0) > 0
                              ? Optional.empty()
                              : Optional.of("retentionInDays unset: kept forever"))),
          new Rule(
              "SNS.1",
              g ->
                  each(
                      g,
                      SNS_TOPIC,
                      "SNS topic",
                      "encrypted with a customer key",
                      MonitoringRules::sns1)),
          new Rule("SNS.4", MonitoringRules::sns4NoPublicTopicPolicy),
          new Rule(
              "KMS.4",
              g -> each(g, KMS_KEY, "KMS key", "rotates automatically", MonitoringRules::kms4)),
          new Rule(
              "ACM.1",
              g ->
                  each(
                      g,
                      ACM_CERTIFICATE,
                      "certificate",
                      "DNS validated",
                      r ->
                          equalsText(
                              r, AcmCertificate.VALIDATION_METHOD, "DNS", "unset (imported)"))),
          new Rule(
              "ACM.2",
              g ->
                  each(
                      g,
                      ACM_CERTIFICATE,
                      "certificate",
                      "RSA 2048+ or ECDSA",
                      MonitoringRules::acm2)));

  private MonitoringRules() {}

  private static Optional<String> sns1(GraphResource topic) {
    var key = SnsTopic.KMS_MASTER_KEY_ID.of(topic).asText("");
    if (key.isEmpty()) {
      return Optional.of("kmsMasterKeyId is unset");
    }
    return "alias/aws/sns".equals(key)
        ? Optional.of("uses the AWS-managed SNS key, which CloudWatch cannot publish with")
        : Optional.empty();
  }

  private static Finding sns4NoPublicTopicPolicy(StackGraph g) {
    if (g.all(SNS_TOPIC).isEmpty()) {
      return Finding.notApplicable("no SNS topic in the graph");
    }
    var documents = new ArrayList<GraphResource>();
    g.all(SNS_TOPIC).stream()
        .filter(t -> SnsTopic.POLICY.of(t).isTextual())
        .forEach(documents::add);
    documents.addAll(g.all(SNS_TOPIC_POLICY));
    var resources = g.all(SNS_TOPIC).stream().map(GraphResource::name).toList();
    var failed = new ArrayList<String>();
    for (var r : documents) {
      var doc = parse((r.is(SNS_TOPIC) ? SnsTopic.POLICY : SnsTopicPolicy.POLICY).of(r));
      if (doc.isEmpty()) {
        failed.add(r.name() + " (policy not readable offline)");
        continue;
      }
      for (var statement : statements(doc.get())) {
        var principal = statement.path("Principal");
        var open =
            "*".equals(principal.asText(""))
                || StackGraph.texts(principal.path("AWS")).contains("*");
        if ("Allow".equals(statement.path("Effect").asText("")) && open) {
          failed.add(r.name());
        }
      }
    }
    return failed.isEmpty()
        ? Finding.pass(resources, "no topic policy allows a * principal")
        : Finding.fail(failed, "topic policy allows a * principal: " + failed);
  }

  private static Optional<String> kms4(GraphResource key) {
    var spec = KmsKey.CUSTOMER_MASTER_KEY_SPEC.of(key).asText("SYMMETRIC_DEFAULT");
    if (!"SYMMETRIC_DEFAULT".equals(spec)) {
      return Optional.empty();
    }
    return isTrue(key, KmsKey.ENABLE_KEY_ROTATION, false);
  }

  private static Optional<String> acm2(GraphResource cert) {
    var algorithm = AcmCertificate.KEY_ALGORITHM.of(cert).asText("RSA_2048");
    return "RSA_1024".equals(algorithm)
        ? Optional.of("keyAlgorithm " + algorithm + " is weaker than RSA 2048")
        : Optional.empty();
  }
}
