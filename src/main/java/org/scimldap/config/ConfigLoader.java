package org.scimldap.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads the configuration along one path from text to typed values: the defaults ({@link
 * ConfigDefaults}), then {@code config/gateway.yaml} (or the file named by {@code GATEWAY_CONFIG})
 * laid over them, then the {@code GATEWAY_*} environment variables ({@link EnvOverrides}) laid over
 * that, and the resulting tree bound into {@link GatewayConfig} ({@link ConfigBinder}). A missing
 * file at the default path means "all defaults": the embedded directory on loopback. Every error
 * names where the bad value came from: the file with line and column, or the variable.
 */
public final class ConfigLoader {
  static final Path DEFAULT_FILE = Path.of("config", "gateway.yaml");

  private final Map<String, String> env;

  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Loads the configuration named by the environment, or the default file if present. */
  public GatewayConfig load() {
    String named = env.get("GATEWAY_CONFIG");
    if (named != null && !named.isBlank()) {
      Path file = Path.of(named);
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(
            "GATEWAY_CONFIG names " + file + ", which is not a readable file");
      }
      return load(file);
    }
    if (Files.isRegularFile(DEFAULT_FILE)) {
      return load(DEFAULT_FILE);
    }
    return loadDefaults();
  }

  /** The built-in defaults, then the environment overrides: no file is read. */
  public GatewayConfig loadDefaults() {
    return bind(ConfigDefaults.tree(), new ValueSources("the built-in defaults"));
  }

  /** Loads one file, then the environment overrides. */
  public GatewayConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    ValueSources sources = new ValueSources(file.toString());
    ObjectNode parsed = ConfigFileReader.read(file.toString(), text, env, sources);
    return bind(ConfigDefaults.overlaidWith(parsed), sources);
  }

  private GatewayConfig bind(ObjectNode tree, ValueSources sources) {
    EnvOverrides.apply(tree, env, sources);
    return ConfigBinder.bind(tree, sources);
  }
}
