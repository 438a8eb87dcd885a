package dev.knowledgecard.infra.report;

import java.util.Optional;

/** Finds and replaces the generated report block of a stack in a Markdown file. */
public final class ReadmeBlock {
  private ReadmeBlock() {}

  /** The block (markers included) for {@code stack} in {@code text}, if both markers are there. */
  public static Optional<String> find(String text, String stack) {
    var begin = text.indexOf(ReportMarkdown.beginMarker(stack));
    var endMarker = ReportMarkdown.endMarker(stack);
    var end = text.indexOf(endMarker);
    if (begin < 0 || end < begin) {
      return Optional.empty();
    }
    return Optional.of(text.substring(begin, end + endMarker.length()));
  }

  /** {@code text} with the stack's block replaced by {@code block}, if the markers are there. */
  public static Optional<String> replace(String text, String block, String stack) {
    return find(text, stack).map(old -> text.replace(old, block));
  }
}
