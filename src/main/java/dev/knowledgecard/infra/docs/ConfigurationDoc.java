package dev.knowledgecard.infra.docs;

import dev.knowledgecard.infra.config.SettingCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration reference's generated table. Refresh it with {@code java -cp
 * target/knowledge-card-infra.jar dev.knowledgecard.infra.docs.ConfigurationDoc
 * docs/configuration.md} (what {@code scripts/refresh-docs.sh} runs).
 */
public final class ConfigurationDoc {
  /** Where the table lives, relative to the project directory. */
  public static final Path FILE = Path.of("docs", "configuration.md");

  public static final MarkdownBlock BLOCK = new MarkdownBlock("config:settings");

  private ConfigurationDoc() {}

  /** The table as the block's body, with a note on where to edit it. */
  public static String table() {
    return "<!-- generated from config/SettingCatalog.java: edit it there, then run"
        + " scripts/refresh-docs.sh -->\n"
        + SettingCatalog.markdownTable();
  }

  /** Rewrites the table in the file given (default {@link #FILE}); exit 1 without markers. */
  public static void main(String[] args) throws IOException {
    var file = args.length > 0 ? Path.of(args[0]) : FILE;
    var text = Files.readString(file);
    var updated = BLOCK.replace(text, table());
    if (updated.isEmpty()) {
      System.err.println(file + " has no " + BLOCK.begin() + " ... " + BLOCK.end() + " block");
      System.exit(1);
    }
    Files.writeString(file, updated.get());
  }
}
