package dev.knowledgecard.infra.report;

import static dev.knowledgecard.infra.graph.AwsTypes.*;

import dev.knowledgecard.infra.docs.MarkdownBlock;
import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.Prop;
import dev.knowledgecard.infra.graph.aws.EcsService;
import dev.knowledgecard.infra.graph.aws.FlowLog;
import dev.knowledgecard.infra.graph.aws.KmsKey;
import dev.knowledgecard.infra.graph.aws.Listener;
import dev.knowledgecard.infra.graph.aws.LoadBalancer;
import dev.knowledgecard.infra.graph.aws.LogGroup;
import dev.knowledgecard.infra.graph.aws.RdsInstance;
import dev.knowledgecard.infra.graph.aws.ReplicationGroup;
import dev.knowledgecard.infra.graph.aws.Subnet;
import dev.knowledgecard.infra.graph.aws.TaskDefinition;
import dev.knowledgecard.infra.graph.aws.Vpc;
import dev.knowledgecard.infra.graph.aws.VpcEndpoint;
import dev.knowledgecard.infra.report.cost.CostEstimate;
import dev.knowledgecard.infra.report.cost.Money;
import dev.knowledgecard.infra.report.policy.PolicyEvaluator;
import dev.knowledgecard.infra.report.policy.PolicyStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Renders a {@link StackReport} as GitHub-flavoured Markdown. */
public final class ReportMarkdown {
  /** The generated block of a stack's report in a Markdown document (docs/synth.md). */
  public static MarkdownBlock stackBlock(String stack) {
    return new MarkdownBlock("report:" + stack);
  }

  /** The generated cost-targets block in a Markdown document (docs/synth.md). */
  public static final MarkdownBlock COST_TARGETS = new MarkdownBlock("report:cost-targets");

  /** What the resources table shows of a type: a format over readings of the resource. */
  private static final Map<String, Function<GraphResource, String>> KEY_SETTINGS =
      new LinkedHashMap<>();

  static {
    KEY_SETTINGS.put(VPC, setting("%s", text(Vpc.CIDR_BLOCK, "")));
    KEY_SETTINGS.put(
        SUBNET, setting("%s %s", text(Subnet.AVAILABILITY_ZONE, ""), text(Subnet.CIDR_BLOCK, "")));
    KEY_SETTINGS.put(
        VPC_ENDPOINT,
        setting(
            "%s %s", text(VpcEndpoint.SERVICE_NAME, ""), text(VpcEndpoint.VPC_ENDPOINT_TYPE, "")));
    KEY_SETTINGS.put(FLOW_LOG, setting("traffic %s", text(FlowLog.TRAFFIC_TYPE, "")));
    KEY_SETTINGS.put(LOG_GROUP, setting("%s days", text(LogGroup.RETENTION_IN_DAYS, "forever")));
    KEY_SETTINGS.put(
        RDS_INSTANCE,
        setting(
            "%s %s %s GB %s",
            text(RdsInstance.INSTANCE_CLASS, ""),
            r -> RdsInstance.MULTI_AZ.of(r).asBoolean(false) ? "Multi-AZ" : "single-AZ",
            text(RdsInstance.ALLOCATED_STORAGE, "?"),
            text(RdsInstance.STORAGE_TYPE, "")));
    KEY_SETTINGS.put(
        REPLICATION_GROUP,
        setting(
            "%s x %s",
            text(ReplicationGroup.NODE_TYPE, ""), text(ReplicationGroup.NUM_CACHE_CLUSTERS, "?")));
    KEY_SETTINGS.put(ECS_SERVICE, setting("desired %s", text(EcsService.DESIRED_COUNT, "?")));
    KEY_SETTINGS.put(
        TASK_DEFINITION,
        setting(
            "%s CPU / %s MiB %s",
            text(TaskDefinition.CPU, "?"),
            text(TaskDefinition.MEMORY, "?"),
            text(TaskDefinition.CPU_ARCHITECTURE, "X86_64")));
    KEY_SETTINGS.put(
        LOAD_BALANCER,
        setting(
            "%s, %s AZs",
            text(LoadBalancer.LOAD_BALANCER_TYPE, "application"),
            r -> Integer.toString(LoadBalancer.SUBNETS.of(r).size())));
    KEY_SETTINGS.put(
        LISTENER, setting("%s %s", text(Listener.PROTOCOL, "?"), text(Listener.PORT, "?")));
    KEY_SETTINGS.put(KMS_KEY, setting("rotation %s", text(KmsKey.ENABLE_KEY_ROTATION, "off")));
  }

  /** What the table shows of one resource, one part of a key setting. */
  private interface Reading {
    String of(GraphResource r);
  }

  /** An input's text, or {@code whenUnset}. */
  private static Reading text(Prop input, String whenUnset) {
    return r -> input.of(r).asText(whenUnset);
  }

  /** {@code format} filled with the readings of a resource, in order. */
  private static Function<GraphResource, String> setting(String format, Reading... readings) {
    return r -> String.format(format, Arrays.stream(readings).map(f -> f.of(r)).toArray());
  }

  private ReportMarkdown() {}

  public static String render(StackReport report) {
    var g = report.graph();
    var md = new StringBuilder();
    md.append("# Synth report: stack `").append(g.stack()).append("`\n\n");
    md.append("Generated offline by `synth` from the resource graph of project `")
        .append(g.graph().project())
        .append("` (no cloud credentials). Region `")
        .append(g.region().isEmpty() ? "unknown" : g.region())
        .append("`, ")
        .append(g.cloudResources().size())
        .append(" cloud resources.\n\n");
    md.append("## Architecture\n\n").append(diagramBlock(report)).append('\n');
    md.append("## Resources by component\n\n").append(resources(report)).append('\n');
    md.append("## Monthly cost estimate\n\n").append(costSummary(report.cost())).append('\n');
    md.append(costLines(report.cost())).append('\n');
    md.append("## Policy results\n\n").append(policies(report));
    return md.toString();
  }

  /** What a stack's block holds: diagram and cost table, without volatile details. */
  public static String stackBlockBody(StackReport report) {
    return diagramBlock(report) + "\n" + costSummary(report.cost());
  }

  /**
   * What the cost-targets block holds: prod against its target (0.85 x the seed's reference
   * design), staging against half of prod, and the lines that drive prod's cost.
   */
  public static String costTargetsBody(StackReport staging, StackReport prod) {
    var table = dev.knowledgecard.infra.report.cost.PriceTable.load();
    var seed = table.referenceDesigns().get("prodSeed");
    var reference = table.referenceDesigns().get("prodTarget");
    var currency = prod.cost().currency();
    var prodTotal = prod.cost().total();
    var stagingTotal = staging.cost().total();
    var half = prodTotal.divide(java.math.BigDecimal.valueOf(2), 2, java.math.RoundingMode.HALF_UP);
    var md = new StringBuilder();
    md.append(
        "| stack | monthly (priced lines) | unpriced resources | target | result |\n|---|---:|---:|---|---|\n");
    md.append(
        row(
            "prod",
            Money.format(currency, prodTotal),
            prod.cost().unknowns().size(),
            "<= "
                + Money.format(currency, reference)
                + " (0.85 x the seed's "
                + Money.format(currency, seed)
                + " reference design)",
            verdict(currency, prodTotal, reference)));
    md.append(
            row(
                "staging",
                Money.format(currency, stagingTotal),
                staging.cost().unknowns().size(),
                "<= half of prod (" + Money.format(currency, half) + ")",
                verdict(currency, stagingTotal, half)))
        .append('\n');
    md.append(
        "What drives prod's cost (sum of its lines by price item):\n\n| item | monthly |\n|---|---:|\n");
    var byItem = new java.util.HashMap<String, java.math.BigDecimal>();
    prod.cost()
        .lines()
        .forEach(l -> byItem.merge(l.priceId(), l.monthly(), java.math.BigDecimal::add));
    byItem.entrySet().stream()
        .sorted(
            Map.Entry.<String, java.math.BigDecimal>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(8)
        .forEach(
            e ->
                md.append(
                    row(
                        table.price(e.getKey()).map(p -> p.what()).orElse(e.getKey()),
                        Money.format(currency, e.getValue()))));
    return md.toString();
  }

  private static String verdict(
      String currency, java.math.BigDecimal amount, java.math.BigDecimal target) {
    var diff = amount.subtract(target);
    return diff.signum() <= 0
        ? "met (" + Money.format(currency, diff.negate()) + " under)"
        : "**over by " + Money.format(currency, diff) + "**";
  }

  private static String diagramBlock(StackReport report) {
    return "```mermaid\n" + report.diagram() + "```\n";
  }

  private static String resources(StackReport report) {
    var g = report.graph();
    var byComponent = new TreeMap<String, List<GraphResource>>();
    g.cloudResources()
        .forEach(r -> byComponent.computeIfAbsent(g.component(r), c -> new ArrayList<>()).add(r));
    var md =
        new StringBuilder(
            "| component | resources | by type | key settings |\n|---|---|---|---|\n");
    byComponent.forEach(
        (component, resources) -> {
          var counts = new TreeMap<String, Integer>();
          resources.forEach(r -> counts.merge(shortType(r.type()), 1, Integer::sum));
          var settings = new ArrayList<String>();
          for (var r : resources) {
            var f = KEY_SETTINGS.get(r.type());
            if (f != null) {
              settings.add(shortType(r.type()) + " " + f.apply(r).trim());
            }
          }
          md.append(
              row(
                  code(component),
                  resources.size(),
                  String.join(
                      ", ",
                      counts.entrySet().stream()
                          .map(e -> e.getValue() + " " + e.getKey())
                          .toList()),
                  cell(String.join("; ", settings.stream().distinct().toList()))));
        });
    return md.toString();
  }

  static String costSummary(CostEstimate cost) {
    var md = new StringBuilder();
    md.append("List prices in ")
        .append(cost.currency())
        .append(" from the price table dated ")
        .append(cost.priceDate())
        .append(" for ")
        .append(cost.priceRegion())
        .append(
            " (`src/main/resources/prices/`); usage assumptions below. Unknown prices are listed, never guessed.\n\n");
    md.append("| component | monthly |\n|---|---:|\n");
    cost.byComponent().forEach((c, v) -> md.append(row(code(c), Money.format(cost.currency(), v))));
    md.append(row("**total**", "**" + Money.format(cost.currency(), cost.total()) + "**"))
        .append('\n');
    if (cost.unknowns().isEmpty()) {
      md.append("Unknown (not priced): none.\n\n");
    } else {
      md.append("Unknown (not priced, not in the total):\n\n");
      cost.unknowns()
          .forEach(
              u ->
                  md.append("- `")
                      .append(u.resource())
                      .append("` (")
                      .append(shortType(u.type()))
                      .append("): ")
                      .append(u.reason())
                      .append('\n'));
      md.append('\n');
    }
    md.append("| usage assumption | value | meaning |\n|---|---:|---|\n");
    cost.assumptions()
        .values()
        .forEach(
            (k, a) ->
                md.append(row(code(k), a.value().stripTrailingZeros().toPlainString(), a.what())));
    return md.toString();
  }

  private static String costLines(CostEstimate cost) {
    var md =
        new StringBuilder(
            "### Cost lines\n\n| component | resource | item | quantity | unit price | monthly |\n|---|---|---|---:|---:|---:|\n");
    for (var l : cost.lines()) {
      md.append(
          row(
              code(l.component()),
              code(l.resource()),
              l.item(),
              l.quantity().toPlainString() + ' ' + l.unit(),
              l.unitPrice().toPlainString(),
              Money.format(cost.currency(), l.monthly())));
    }
    return md.toString();
  }

  private static String policies(StackReport report) {
    var results = report.policies();
    var md = new StringBuilder();
    md.append("Controls of `security-controls.md` decided from the graph: ");
    for (var s : PolicyStatus.values()) {
      md.append(PolicyEvaluator.count(results, s))
          .append(' ')
          .append(s.label())
          .append(s == PolicyStatus.NOT_APPLICABLE ? ".\n\n" : ", ");
    }
    md.append("| control | status | what | resources | reason |\n|---|---|---|---|---|\n");
    for (var r : results) {
      var status =
          switch (r.status()) {
            case PASS -> "pass";
            case FAIL -> "**FAIL**";
            case WAIVED -> "waived";
            case NOT_APPLICABLE -> "n/a";
          };
      md.append(
          row(
              r.id(),
              status,
              cell(r.title()),
              cell(abbreviate(String.join(", ", r.resources()), 160)),
              cell(r.reason())));
    }
    return md.toString();
  }

  static String shortType(String type) {
    var i = type.lastIndexOf(':');
    return i < 0 ? type : type.substring(i + 1);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  /** One row of a Markdown table: {@code | a | b |} and a line break. */
  private static String row(Object... cells) {
    var out = new StringBuilder("|");
    for (var c : cells) {
      out.append(' ').append(c).append(" |");
    }
    return out.append('\n').toString();
  }

  private static String code(String text) {
    return "`" + text + "`";
  }

  static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
