package dev.knowledgecard.infra.config;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Validation of notification email lists (alarm and budget subscribers). */
final class EmailAddresses {
  // Deliberately simple: one @, no spaces, a dotted domain. SNS and Budgets reject worse ones late.
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}");

  private EmailAddresses() {}

  static boolean valid(String address) {
    return address != null && EMAIL.matcher(address).matches();
  }

  /** Records a problem per malformed or duplicated address and when there are too many. */
  static void check(ConfigReader reader, String key, List<String> addresses, int max) {
    for (var address : addresses) {
      if (!valid(address)) {
        reader.problem(key, address, "an email address such as ops@example.com");
      }
    }
    if (new HashSet<>(addresses).size() != addresses.size()) {
      reader.problem(key, String.join(",", addresses), "each address once");
    }
    if (addresses.size() > max) {
      reader.problem(key, String.join(",", addresses), "at most " + max + " addresses");
    }
  }
}
