package dev.knowledgecard.infra.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Typed reads of one configuration namespace that never stop at the first mistake: every bad value
 * is recorded as a {@link ConfigProblem} and replaced by its default, so validation can go on and
 * report all problems at once.
 */
public final class ConfigReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What every message shows instead of a secure value, whatever went wrong with it. */
  public static final String REDACTED = "(secure value, not shown)";

  // ASCII only: Integer.parseInt also takes other scripts' digits (e.g. Arabic-Indic), which the
  // Pulumi CLI and AWS do not.
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,15})?");

  private final ConfigSource source;
  private final String namespace;
  private final Ledger ledger;

  /**
   * What every reader of one load records, for the load to check once all is read: the problems,
   * the full keys read (keys nobody reads are typos) and the full keys read as secrets (the only
   * keys that may, and must, hold {@code secure:} values).
   */
  static final class Ledger {
    final List<ConfigProblem> problems = new ArrayList<>();
    final Set<String> readKeys = new HashSet<>();
    final Set<String> secretKeys = new HashSet<>();
  }

  /** A reader of {@code namespace}'s keys that records into {@code ledger}. */
  ConfigReader(ConfigSource source, String namespace, Ledger ledger) {
    this.source = source;
    this.namespace = namespace;
    this.ledger = ledger;
  }

  /** The full key as users write it in {@code Pulumi.<stack>.yaml}. */
  public String fullKey(String key) {
    return namespace + ":" + key;
  }

  /**
   * The full key, which must have a descriptor: a setting nobody documented is a bug, caught by the
   * first test that reads it.
   */
  private String described(String key) {
    var full = fullKey(key);
    if (!SettingCatalog.describes(full)) {
      throw new IllegalStateException(
          full + " is read but not described: add it to SettingCatalog (the configuration table)");
    }
    return full;
  }

  /** Records a problem; the value of a key set with {@code secure:} is never shown. */
  public void problem(String key, String value, String allowed) {
    var full = fullKey(key.contains(".") ? key.substring(0, key.indexOf('.')) : key);
    var secure =
        source.secureKeys().contains(full)
            || ConfigSource.OFFLINE_SECRET_PLACEHOLDER.equals(value)
            || (value != null && value.contains(ConfigSource.OFFLINE_SECRET_PLACEHOLDER));
    ledger.problems.add(
        new ConfigProblem(fullKey(key), secure && value != null ? REDACTED : value, allowed));
  }

  public Optional<String> raw(String key) {
    ledger.readKeys.add(described(key));
    return source.get(namespace, key).map(String::trim);
  }

  public String string(String key, String defaultValue) {
    return raw(key).orElse(defaultValue);
  }

  public Optional<String> optionalString(String key) {
    return raw(key).filter(v -> !v.isEmpty());
  }

  /**
   * A required value; a missing one is a problem and yields {@code fallback} so reading continues.
   */
  public String required(String key, String allowed, String fallback) {
    var value = optionalString(key);
    if (value.isEmpty()) {
      problem(key, null, "required: " + allowed);
      return fallback;
    }
    return value.get();
  }

  public String matching(String key, String defaultValue, Predicate<String> valid, String allowed) {
    var value = string(key, defaultValue);
    if (!valid.test(value)) {
      problem(key, value, allowed);
      return defaultValue;
    }
    return value;
  }

  /**
   * An instance type of the AWS service {@code defaultValue} belongs to ({@code db.t4g.micro}:
   * service, family and size); {@code kind} names it in the problem, which gives the default as the
   * example.
   */
  public String instanceType(String key, String defaultValue, String kind) {
    var service = defaultValue.substring(0, defaultValue.indexOf('.'));
    var pattern = Pattern.compile(Pattern.quote(service) + "\\.[a-z][a-z0-9-]*\\.[a-z0-9]+");
    var allowed = kind + " such as " + defaultValue + " (" + service + ".<family>.<size>)";
    return matching(key, defaultValue, value -> pattern.matcher(value).matches(), allowed);
  }

  public int integer(String key, int defaultValue, int min, int max) {
    var raw = raw(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    var value = parseInteger(raw.get());
    if (value.isEmpty() || value.get() < min || value.get() > max) {
      problem(key, raw.get(), "an integer from " + min + " to " + max + " (ASCII digits)");
      return defaultValue;
    }
    return value.get();
  }

  /** An integer from a fixed set, such as the retention periods CloudWatch accepts. */
  public int integerOneOf(String key, int defaultValue, Set<Integer> allowed) {
    var raw = raw(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    var value = parseInteger(raw.get());
    if (value.isPresent() && allowed.contains(value.get())) {
      return value.get();
    }
    problem(key, raw.get(), "one of " + new TreeSet<>(allowed));
    return defaultValue;
  }

  public double decimal(String key, double defaultValue, double exclusiveMin, double max) {
    var raw = raw(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    // Plain decimals only: parseDouble would also take Infinity, NaN, 1e3, 0x1p3 and 5d.
    if (DECIMAL.matcher(raw.get()).matches()) {
      var value = Double.parseDouble(raw.get());
      if (value > exclusiveMin && value <= max) {
        return value;
      }
    }
    problem(
        key,
        raw.get(),
        "a decimal number (ASCII digits, optional fraction) greater than "
            + exclusiveMin
            + " and at most "
            + max);
    return defaultValue;
  }

  public boolean bool(String key, boolean defaultValue) {
    var raw = raw(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        problem(key, raw.get(), "true or false");
        yield defaultValue;
      }
    };
  }

  /** One of a fixed set of names, mapped to a typed value. */
  public <T> T choice(String key, T defaultValue, Map<String, T> allowed) {
    var raw = raw(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    var value = allowed.get(raw.get());
    if (value == null) {
      problem(key, raw.get(), "one of " + allowed.keySet());
      return defaultValue;
    }
    return value;
  }

  public List<String> stringList(String key, List<String> defaultValue) {
    var raw = raw(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      var parsed = JSON.readValue(raw.get(), new TypeReference<List<String>>() {});
      if (parsed != null && parsed.stream().allMatch(java.util.Objects::nonNull)) {
        return List.copyOf(parsed);
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    problem(key, raw.get(), "a list of strings");
    return defaultValue;
  }

  /**
   * A value set with {@code pulumi config set --secret}; it stays secret end to end. Only keys read
   * this way may hold {@code secure:} values, and they must.
   */
  public Output<Optional<String>> secret(String key) {
    ledger.readKeys.add(described(key));
    ledger.secretKeys.add(fullKey(key));
    return source.getSecret(namespace, key);
  }

  /** Marks a key as holding a secret without reading it (a provider's credential, say). */
  public void holdsSecret(String key) {
    ledger.secretKeys.add(fullKey(key));
  }

  private static Optional<Integer> parseInteger(String text) {
    if (!INTEGER.matcher(text).matches()) {
      return Optional.empty();
    }
    var value = Long.parseLong(text);
    return value == (int) value ? Optional.of((int) value) : Optional.empty();
  }
}
