package org.scimldap.config;

import java.nio.file.Path;

/**
 * The correlation store: the {@code store} section.
 *
 * @param path SQLite file, relative to {@link GatewayConfig#dataDir()} unless absolute
 */
public record StoreConfig(Path path) {
  public StoreConfig {
    Checks.present("store.path", path);
  }
}
