package dev.knowledgecard.infra.report.diff;

import dev.knowledgecard.infra.graph.ResourceGraph;
import dev.knowledgecard.infra.graph.StackGraph;
import dev.knowledgecard.infra.report.cost.CostEstimate;
import dev.knowledgecard.infra.report.cost.CostModel;
import dev.knowledgecard.infra.report.cost.Money;
import java.math.BigDecimal;
import java.util.TreeSet;

/**
 * A Markdown diff of two graphs for a pull request: the cost delta (total and per component), then
 * resources added, removed and changed with their changed inputs.
 */
public final class DiffReport {
  private static final int MAX_VALUE = 120;

  private DiffReport() {}

  /** The cost of the head minus the cost of the base. */
  public static BigDecimal costDelta(CostEstimate base, CostEstimate head) {
    return head.total().subtract(base.total());
  }

  public static String render(
      String baseLabel, ResourceGraph base, String headLabel, ResourceGraph head) {
    var diff = GraphDiff.between(base, head);
    var baseCost = CostModel.estimate(new StackGraph(base));
    var headCost = CostModel.estimate(new StackGraph(head));
    var currency = headCost.currency();
    var md = new StringBuilder();
    md.append("## Infrastructure diff: `")
        .append(baseLabel)
        .append("` -> `")
        .append(headLabel)
        .append("`\n\n");
    md.append("Monthly cost: ")
        .append(Money.format(currency, baseCost.total()))
        .append(" -> ")
        .append(Money.format(currency, headCost.total()))
        .append(" (**")
        .append(Money.delta(currency, costDelta(baseCost, headCost)))
        .append("**/month; list prices dated ")
        .append(headCost.priceDate())
        .append(", usage assumptions of each stack).\n\n");
    var baseByComponent = byComponent(baseCost, base.stack());
    var headByComponent = byComponent(headCost, head.stack());
    var components = new TreeSet<>(baseByComponent.keySet());
    components.addAll(headByComponent.keySet());
    md.append("| component | base | head | delta |\n|---|---:|---:|---:|\n");
    for (var c : components) {
      var b = baseByComponent.getOrDefault(c, BigDecimal.ZERO);
      var h = headByComponent.getOrDefault(c, BigDecimal.ZERO);
      if (b.compareTo(h) != 0 || b.signum() != 0) {
        md.append("| `")
            .append(c)
            .append("` | ")
            .append(Money.format(currency, b))
            .append(" | ")
            .append(Money.format(currency, h))
            .append(" | ")
            .append(Money.delta(currency, h.subtract(b)))
            .append(" |\n");
      }
    }
    var unknownDelta = headCost.unknowns().size() - baseCost.unknowns().size();
    md.append("\nUnpriced resources: ")
        .append(baseCost.unknowns().size())
        .append(" -> ")
        .append(headCost.unknowns().size())
        .append(unknownDelta == 0 ? "" : " (their cost is not in the delta)")
        .append(".\n\n");
    md.append(
        String.format(
            "Resources: %d added, %d removed, %d changed.%n%n",
            diff.added().size(), diff.removed().size(), diff.changed().size()));
    if (!diff.added().isEmpty()) {
      md.append("### Added\n\n");
      diff.added()
          .forEach(
              k -> md.append("- `").append(k.name()).append("` (").append(k.type()).append(")\n"));
      md.append('\n');
    }
    if (!diff.removed().isEmpty()) {
      md.append("### Removed\n\n");
      diff.removed()
          .forEach(
              k -> md.append("- `").append(k.name()).append("` (").append(k.type()).append(")\n"));
      md.append('\n');
    }
    if (!diff.changed().isEmpty()) {
      md.append("### Changed\n\n");
      for (var c : diff.changed()) {
        md.append("- `")
            .append(c.resource().name())
            .append("` (")
            .append(c.resource().type())
            .append(")\n");
        for (var p : c.properties()) {
          md.append("  - `")
              .append(p.path())
              .append("`: ")
              .append(shown(p.before()))
              .append(" -> ")
              .append(shown(p.after()))
              .append('\n');
        }
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** Component subtotals keyed by name with the stack abstracted, so two stacks line up. */
  private static java.util.Map<String, BigDecimal> byComponent(CostEstimate cost, String stack) {
    var out = new java.util.TreeMap<String, BigDecimal>();
    cost.byComponent()
        .forEach(
            (c, v) ->
                out.merge(stack.isEmpty() ? c : c.replace(stack, "{stack}"), v, BigDecimal::add));
    return out;
  }

  private static String shown(String value) {
    if (value == null) {
      return "(absent)";
    }
    var v = value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE - 3) + "..." : value;
    return "`" + v.replace("`", "'") + "`";
  }
}
