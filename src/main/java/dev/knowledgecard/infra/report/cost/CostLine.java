package dev.knowledgecard.infra.report.cost;

import java.math.BigDecimal;

/**
 * One priced line: a resource's billed item for a month.
 *
 * @param component the component that owns the resource
 * @param resource the resource's logical name
 * @param priceId the price table item, e.g. {@code natGateway.hour}
 * @param item what is billed, e.g. "NAT gateway hours"
 * @param quantity how many units a month
 * @param unit the unit
 * @param unitPrice the list price per unit
 * @param monthly quantity times unit price, rounded to cents
 */
public record CostLine(
    String component,
    String resource,
    String priceId,
    String item,
    BigDecimal quantity,
    String unit,
    BigDecimal unitPrice,
    BigDecimal monthly) {}
