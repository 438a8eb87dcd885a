package dev.knowledgecard.infra.report.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats amounts for the Markdown report. */
public final class Money {
  private Money() {}

  public static String format(String currency, BigDecimal amount) {
    var scaled = amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    return "USD".equals(currency) ? "$" + scaled : scaled + " " + currency;
  }

  /** A signed difference, e.g. {@code +$12.00} or {@code -$3.65}. */
  public static String delta(String currency, BigDecimal amount) {
    var sign = amount.signum() >= 0 ? "+" : "-";
    return sign + format(currency, amount.abs());
  }
}
