package dev.knowledgecard.infra.config;

import java.util.Arrays;
import java.util.Optional;

/** The environments this program knows how to build; each has its own defaults. */
public enum Environment {
  STAGING("staging"),
  PROD("prod");

  private final String configName;

  Environment(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public boolean isProd() {
    return this == PROD;
  }

  /** The staging default or the prod default, whichever applies to this environment. */
  public <T> T pick(T staging, T prod) {
    return this == PROD ? prod : staging;
  }

  public static Optional<Environment> fromConfigName(String name) {
    return Arrays.stream(values()).filter(e -> e.configName.equals(name)).findFirst();
  }
}
