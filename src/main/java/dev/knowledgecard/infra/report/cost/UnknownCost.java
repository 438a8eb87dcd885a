package dev.knowledgecard.infra.report.cost;

/**
 * A resource the estimate cannot price, and why: listed, never guessed.
 *
 * @param component the owning component
 * @param resource its logical name
 * @param type its type token
 * @param reason why there is no price
 */
public record UnknownCost(String component, String resource, String type, String reason) {}
