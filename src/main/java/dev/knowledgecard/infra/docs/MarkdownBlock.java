package dev.knowledgecard.infra.docs;

import java.util.Optional;

/**
 * A generated block in a Markdown file, between {@code <!-- name:begin -->} and {@code <!--
 * name:end -->} (the convention of the report blocks).
 *
 * @param name what the markers carry, e.g. {@code config:settings}
 */
public record MarkdownBlock(String name) {

  public String begin() {
    return "<!-- " + name + ":begin -->";
  }

  public String end() {
    return "<!-- " + name + ":end -->";
  }

  /** {@code body} between the markers: what the file should hold. */
  public String wrap(String body) {
    return begin() + "\n" + body + end();
  }

  /** The block (markers included) in {@code text}, if both markers are there in order. */
  public Optional<String> find(String text) {
    var from = text.indexOf(begin());
    var to = text.indexOf(end());
    if (from < 0 || to < from) {
      return Optional.empty();
    }
    return Optional.of(text.substring(from, to + end().length()));
  }

  /** {@code text} with the block's body replaced by {@code body}, if the markers are there. */
  public Optional<String> replace(String text, String body) {
    return find(text).map(old -> text.replace(old, wrap(body)));
  }
}
