package dev.knowledgecard.infra.report.cost;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stack's monthly estimate: every priced line, what could not be priced, and the assumptions.
 *
 * @param currency currency of every amount
 * @param priceDate date of the price table
 * @param priceRegion region of the price table
 * @param stackRegion region the stack deploys to
 * @param lines priced lines, grouped by component in graph order
 * @param unknowns resources without a price
 * @param assumptions the usage assumptions used
 */
public record CostEstimate(
    String currency,
    String priceDate,
    String priceRegion,
    String stackRegion,
    List<CostLine> lines,
    List<UnknownCost> unknowns,
    UsageAssumptions assumptions) {

  public CostEstimate {
    lines = List.copyOf(lines);
    unknowns = List.copyOf(unknowns);
  }

  /** The sum of every line. */
  public BigDecimal total() {
    return lines.stream().map(CostLine::monthly).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Component name to the sum of its lines, sorted by name. */
  public Map<String, BigDecimal> byComponent() {
    var out = new TreeMap<String, BigDecimal>();
    lines.forEach(l -> out.merge(l.component(), l.monthly(), BigDecimal::add));
    return out;
  }
}
