package dev.knowledgecard.infra.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.knowledgecard.infra.report.cost.CostEstimate;
import dev.knowledgecard.infra.report.policy.PolicyEvaluator;
import dev.knowledgecard.infra.report.policy.PolicyStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine-readable report, {@code <stack>.report.json}: {@code cost} (currency, price table
 * date and region, total, per-component lines, unknowns, assumptions) and {@code policies} (one
 * entry per control: id, status, resources, reason).
 */
public final class ReportJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  public static ObjectNode toJson(StackReport report) {
    var root = JSON.createObjectNode();
    root.put("project", report.graph().graph().project());
    root.put("stack", report.graph().stack());
    root.put("region", report.graph().region());
    root.set("cost", cost(report.cost()));
    var summary = root.putObject("policySummary");
    for (var s : PolicyStatus.values()) {
      summary.put(s.label(), PolicyEvaluator.count(report.policies(), s));
    }
    var policies = root.putArray("policies");
    for (var p : report.policies()) {
      var node = policies.addObject();
      node.put("id", p.id());
      node.put("title", p.title());
      node.put("status", p.status().label());
      p.resources().forEach(node.putArray("resources")::add);
      node.put("reason", p.reason());
    }
    return root;
  }

  public static ObjectNode cost(CostEstimate cost) {
    var node = JSON.createObjectNode();
    node.put("currency", cost.currency());
    node.put("priceTableDate", cost.priceDate());
    node.put("priceTableRegion", cost.priceRegion());
    node.put("stackRegion", cost.stackRegion());
    node.put("total", cost.total());
    var components = node.putArray("components");
    cost.byComponent()
        .forEach(
            (component, monthly) -> {
              var c = components.addObject();
              c.put("component", component);
              c.put("monthly", monthly);
              var lines = c.putArray("lines");
              cost.lines().stream()
                  .filter(l -> l.component().equals(component))
                  .forEach(
                      l -> {
                        var line = lines.addObject();
                        line.put("resource", l.resource());
                        line.put("priceId", l.priceId());
                        line.put("item", l.item());
                        line.put("quantity", l.quantity());
                        line.put("unit", l.unit());
                        line.put("unitPrice", l.unitPrice());
                        line.put("monthly", l.monthly());
                      });
            });
    var unknowns = node.putArray("unknowns");
    for (var u : cost.unknowns()) {
      var n = unknowns.addObject();
      n.put("component", u.component());
      n.put("resource", u.resource());
      n.put("type", u.type());
      n.put("reason", u.reason());
    }
    var assumptions = node.putObject("assumptions");
    assumptions.put("date", cost.assumptions().date());
    cost.assumptions()
        .values()
        .forEach(
            (k, a) -> {
              var n = assumptions.putObject(k);
              n.put("value", a.value());
              n.put("what", a.what());
            });
    return node;
  }

  public static void write(Path file, StackReport report) throws IOException {
    var parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, JSON.writeValueAsString(toJson(report)) + "\n");
  }
}
