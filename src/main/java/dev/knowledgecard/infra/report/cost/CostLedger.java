package dev.knowledgecard.infra.report.cost;

import dev.knowledgecard.infra.graph.GraphResource;
import dev.knowledgecard.infra.graph.StackGraph;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lines and unknowns of one estimate as they are priced: each billed item at its table price,
 * account-wide free allowances used up in the order lines are added.
 */
final class CostLedger {
  static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
  static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);

  final List<CostLine> lines = new ArrayList<>();
  final List<UnknownCost> unknowns = new ArrayList<>();
  private final StackGraph graph;
  private final PriceTable prices;
  private final UsageAssumptions usage;

  /** How much of each account-wide free allowance earlier lines have used, by free price id. */
  private final Map<String, BigDecimal> freeUsed = new HashMap<>();

  CostLedger(StackGraph graph, PriceTable prices, UsageAssumptions usage) {
    this.graph = graph;
    this.prices = prices;
    this.usage = usage;
  }

  StackGraph graph() {
    return graph;
  }

  PriceTable prices() {
    return prices;
  }

  UsageAssumptions usage() {
    return usage;
  }

  BigDecimal hours() {
    return usage.value(UsageAssumptions.HOURS);
  }

  /**
   * Usage under an account-wide monthly free allowance: the part still within it at the free price,
   * the rest at the paid price per {@code paidUnit} units. {@code r} null: stack-wide.
   */
  void tiered(
      GraphResource r,
      String item,
      BigDecimal quantity,
      BigDecimal allowance,
      String freeId,
      String paidId,
      BigDecimal paidUnit) {
    var used = freeUsed.getOrDefault(freeId, BigDecimal.ZERO);
    var free = quantity.min(allowance.subtract(used).max(BigDecimal.ZERO));
    freeUsed.put(freeId, used.add(free));
    var label = item + " (free tier: " + allowance.toPlainString() + " a month)";
    if (r == null) {
      stackLine(freeId, label, free);
    } else {
      line(r, freeId, label, free);
    }
    var paid = quantity.subtract(free);
    if (paid.signum() > 0) {
      var units = paid.divide(paidUnit, 6, RoundingMode.HALF_UP);
      if (r == null) {
        stackLine(paidId, item + " beyond the free tier", units);
      } else {
        line(r, paidId, item + " beyond the free tier", units);
      }
    }
  }

  void line(GraphResource r, String priceId, String item, BigDecimal quantity) {
    add(graph.component(r), r.name(), priceId, item, quantity);
  }

  void stackLine(String priceId, String item, BigDecimal quantity) {
    add(CostModel.STACK_USAGE, "-", priceId, item, quantity);
  }

  private void add(
      String component, String resource, String priceId, String item, BigDecimal quantity) {
    Optional<PriceTable.Price> price = prices.price(priceId);
    if (price.isEmpty()) {
      unknowns.add(
          new UnknownCost(component, resource, priceId, "no price " + priceId + " in the table"));
      return;
    }
    var p = price.get();
    lines.add(
        new CostLine(
            component,
            resource,
            priceId,
            item + (p.estimate() ? " (price is an estimate)" : ""),
            quantity.stripTrailingZeros(),
            p.unit(),
            p.price(),
            quantity.multiply(p.price()).setScale(2, RoundingMode.HALF_UP)));
  }

  void unknown(GraphResource r, String reason) {
    unknowns.add(new UnknownCost(graph.component(r), r.name(), r.type(), reason));
  }
}
