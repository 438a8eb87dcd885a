package dev.knowledgecard.infra.report.policy;

import static dev.knowledgecard.infra.graph.AwsTypes.RDS_INSTANCE;
import static dev.knowledgecard.infra.graph.AwsTypes.SECRET;
import static dev.knowledgecard.infra.report.policy.Checks.bool;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.graph.aws.RdsInstance;
import dev.knowledgecard.infra.graph.aws.SecretRotation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Secrets Manager secrets and RDS's managed master secret (SecretsManager.*). */
final class SecretsRules {
  private static final Pattern RATE_DAYS = Pattern.compile("rate\\((\\d+) days?\\)");

  static final List<Rule> ALL =
      List.of(
          new Rule("SecretsManager.1", g -> secretsRotate(g, false)),
          new Rule("SecretsManager.2", SecretsRules::secretsRotationSucceeds),
          new Rule("SecretsManager.4", g -> secretsRotate(g, true)));

  private SecretsRules() {}

  private static List<GraphResource> managedMasterSecrets(StackGraph g) {
    return g.all(RDS_INSTANCE).stream()
        .filter(db -> bool(RdsInstance.MANAGE_MASTER_USER_PASSWORD.of(db), false))
        .toList();
  }

  private static Finding secretsRotate(StackGraph g, boolean within90Days) {
    var secrets = g.all(SECRET);
    var managed = managedMasterSecrets(g);
    if (secrets.isEmpty() && managed.isEmpty()) {
      return Finding.notApplicable("no Secrets Manager secrets in the graph");
    }
    var failed = new ArrayList<String>();
    var problems = new ArrayList<String>();
    for (var secret : secrets) {
      var rotations = g.referencing(secret, SecretRotation.SECRET_ID);
      if (rotations.isEmpty()) {
        failed.add(secret.name());
        problems.add(secret.name() + ": no aws:secretsmanager/secretRotation");
      } else if (within90Days && rotations.stream().noneMatch(SecretsRules::rotatesWithin90Days)) {
        failed.add(secret.name());
        problems.add(secret.name() + ": rotation interval over 90 days or not stated");
      }
    }
    var names = new ArrayList<String>();
    secrets.forEach(s -> names.add(s.name()));
    managed.forEach(db -> names.add(db.name() + " (RDS-managed master secret)"));
    if (!failed.isEmpty()) {
      return Finding.fail(failed, String.join("; ", problems));
    }
    return Finding.pass(
        names,
        "every secret rotates"
            + (within90Days ? " within 90 days" : "")
            + (managed.isEmpty() ? "" : "; RDS rotates its managed master secret (every 7 days)"));
  }

  private static boolean rotatesWithin90Days(GraphResource rotation) {
    var days = SecretRotation.AUTOMATICALLY_AFTER_DAYS.of(rotation);
    if (days.isNumber()) {
      return days.asInt() <= 90;
    }
    var m = RATE_DAYS.matcher(SecretRotation.SCHEDULE_EXPRESSION.of(rotation).asText(""));
    return m.matches() && Integer.parseInt(m.group(1)) <= 90;
  }

  private static Finding secretsRotationSucceeds(StackGraph g) {
    if (g.all(SECRET).isEmpty() && managedMasterSecrets(g).isEmpty()) {
      return Finding.notApplicable("no Secrets Manager secrets in the graph");
    }
    return Finding.notApplicable(
        "not decidable from the graph: whether a rotation succeeded is only known at run time"
            + " (Security Hub checks it in the account)");
  }
}
