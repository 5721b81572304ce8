package org.scimldap.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code config/gateway.yaml} (or the file named by {@code GATEWAY_CONFIG}), then applies the
 * {@code GATEWAY_*} environment variables, each of which overrides the file. A missing file at the
 * default path means "all defaults": the embedded directory on loopback.
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
    return Files.isRegularFile(DEFAULT_FILE) ? load(DEFAULT_FILE) : fromFile(ConfigFile.empty());
  }

  /** Loads one file, then the environment overrides. */
  public GatewayConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    JsonNode tree;
    List<String> references = new ArrayList<>();
    try {
      tree = yaml.readTree(EnvInterpolator.mask(text, references));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new ConfigException(file + where + ": not valid YAML (" + problem(e) + ")", e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return fromFile(ConfigFile.empty());
    }
    try {
      ConfigFile parsed =
          yaml.treeToValue(EnvInterpolator.interpolate(tree, references, env), ConfigFile.class);
      return fromFile(parsed);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          file
              + ": unknown key '"
              + e.getPropertyName()
              + "' at "
              + where(e)
              + "; expected one of "
              + e.getKnownPropertyIds(),
          e);
    } catch (MismatchedInputException e) {
      String expected =
          e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
      throw new ConfigException(file + ": the value of " + where(e) + " must be " + expected, e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": invalid configuration", e);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * What the YAML parser found wrong, without the excerpt of the line it quotes: the line may hold
   * a secret.
   */
  private static String problem(JsonProcessingException e) {
    Throwable cause = e.getCause();
    if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
        && marked.getProblem() != null) {
      return marked.getProblem();
    }
    return "syntax error";
  }

  /**
   * The dotted path of the key an error is about, e.g. {@code http.port}; values are never shown.
   */
  private static String where(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the top level" : "'" + path + "'";
  }

  private GatewayConfig fromFile(ConfigFile file) {
    ConfigFile.Http h = file.httpOrDefault();
    HttpConfig http =
        new HttpConfig(
            envOr("GATEWAY_HTTP_HOST", h.host()),
            intEnvOr("GATEWAY_HTTP_PORT", h.port() == null ? 8080 : h.port()),
            h.basePath(),
            envOr("GATEWAY_PUBLIC_URL", h.publicUrl()),
            h.maxBodyBytes() == null ? 0 : h.maxBodyBytes(),
            h.maxResults() == null ? 0 : h.maxResults());

    ConfigFile.Ldap l = file.ldapOrDefault();
    List<String> urls = l.urls() == null ? List.of() : l.urls();
    String urlEnv = env.get("GATEWAY_LDAP_URL");
    if (urlEnv != null && !urlEnv.isBlank()) {
      urls = List.of(urlEnv.trim().split("\\s+"));
    }
    ConfigFile.Embedded e =
        l.embedded() == null ? new ConfigFile.Embedded(null, null) : l.embedded();
    EmbeddedConfig embedded =
        new EmbeddedConfig(
            e.enabled() == null || e.enabled(),
            intEnvOr("GATEWAY_EMBEDDED_LDAP_PORT", e.port() == null ? 1389 : e.port()));
    LdapConfig ldap =
        new LdapConfig(
            urls,
            l.startTls() != null && l.startTls(),
            envOr("GATEWAY_LDAP_TRUSTSTORE", l.trustStore()),
            envOr("GATEWAY_LDAP_TRUSTSTORE_PASSWORD", l.trustStorePassword()),
            envOr("GATEWAY_LDAP_BIND_DN", l.bindDn()),
            envOr("GATEWAY_LDAP_BIND_PASSWORD", l.bindPassword()),
            envOr("GATEWAY_BASE_DN", l.baseDn()),
            l.containers(),
            l.poolSize() == null ? 0 : l.poolSize(),
            l.connectTimeoutMillis() == null ? 0 : l.connectTimeoutMillis(),
            l.responseTimeoutMillis() == null ? 0 : l.responseTimeoutMillis(),
            embedded);

    Path dataDir = Path.of(envOr("GATEWAY_DATA_DIR", orDefault(file.dataDir(), "data")));
    String storeFile = file.store() == null ? null : file.store().path();
    Path storePath = dataDir.resolve(orDefault(storeFile, "gateway.db"));
    String mapping = envOr("GATEWAY_MAPPING", orDefault(file.mapping(), "mappings/openldap.yaml"));

    List<String> tokens = new ArrayList<>();
    if (file.auth() != null && file.auth().tokens() != null) {
      file.auth().tokens().stream().filter(t -> t != null && !t.isBlank()).forEach(tokens::add);
    }
    String tokenEnv = env.get("GATEWAY_TOKEN");
    if (tokenEnv != null && !tokenEnv.isBlank()) {
      tokens.add(tokenEnv.trim());
    }
    return new GatewayConfig(http, ldap, dataDir, storePath, mapping, tokens);
  }

  private String envOr(String name, String fallback) {
    String v = env.get(name);
    return v != null && !v.isBlank() ? v.trim() : fallback;
  }

  private int intEnvOr(String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a number, got '" + v + "'", e);
    }
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
