package dev.knowledgecard.infra.report.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A dated list-price table for one region, kept as data ({@code src/main/resources/prices/}): the
 * only source of prices for the estimate. What it does not list is unknown, never guessed.
 *
 * @param date the date the prices were gathered
 * @param region the region they apply to
 * @param currency e.g. USD
 * @param source where the figures come from
 * @param items price id (e.g. {@code natGateway.hour}) to price
 * @param noCharge resource types AWS does not bill by themselves, with why
 * @param referenceDesigns monthly totals of reference designs from the price reference, by name
 */
public record PriceTable(
    String date,
    String region,
    String currency,
    String source,
    Map<String, Price> items,
    Map<String, String> noCharge,
    Map<String, BigDecimal> referenceDesigns) {

  /** The table shipped with the program. */
  public static final String DEFAULT_RESOURCE = "/prices/aws-us-east-1.json";

  /** One price: amount per unit, what it is, and whether the reference marked it an estimate. */
  public record Price(BigDecimal price, String unit, String what, boolean estimate) {}

  public PriceTable {
    items = Map.copyOf(items);
    noCharge = Map.copyOf(noCharge);
    referenceDesigns = Map.copyOf(referenceDesigns);
  }

  public Optional<Price> price(String id) {
    return Optional.ofNullable(items.get(id));
  }

  public static PriceTable load() {
    return fromJson(Resources.json(DEFAULT_RESOURCE));
  }

  public static PriceTable fromJson(JsonNode root) {
    var items = new TreeMap<String, Price>();
    root.path("items")
        .properties()
        .forEach(
            e ->
                items.put(
                    e.getKey(),
                    new Price(
                        e.getValue().path("price").decimalValue(),
                        e.getValue().path("unit").asText(),
                        e.getValue().path("what").asText(),
                        e.getValue().path("estimate").asBoolean(false))));
    var free = new TreeMap<String, String>();
    root.path("noCharge").properties().forEach(e -> free.put(e.getKey(), e.getValue().asText()));
    var references = new TreeMap<String, BigDecimal>();
    root.path("referenceDesigns")
        .properties()
        .forEach(e -> references.put(e.getKey(), e.getValue().path("monthly").decimalValue()));
    return new PriceTable(
        root.path("date").asText(),
        root.path("region").asText(),
        root.path("currency").asText(),
        root.path("source").asText(),
        items,
        free,
        references);
  }

  /** Reads JSON data files from the classpath. */
  static final class Resources {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Resources() {}

    static JsonNode json(String resource) {
      try (var in = PriceTable.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing classpath resource " + resource);
        }
        return JSON.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
