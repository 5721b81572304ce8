package org.scimldap.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code GATEWAY_*} environment variables, each naming one key of the configuration tree, and
 * laid over it after the file so that each wins over the file. A variable that is unset or blank
 * changes nothing; a value is trimmed, then read as the key's type would be read from the file.
 * {@code GATEWAY_CONFIG} (which file) and {@code GATEWAY_LOG_LEVEL} (logging) are read elsewhere.
 */
final class EnvOverrides {
  /** How a variable's text becomes the key's value. */
  enum Kind {
    /** The text is the value. */
    VALUE,
    /** The text, split on whitespace, is the whole list. */
    LIST
  }

  /** One variable and the key it sets. */
  record Variable(String name, String key, Kind kind) {}

  static final List<Variable> ALL =
      List.of(
          new Variable("GATEWAY_HTTP_HOST", "http.host", Kind.VALUE),
          new Variable("GATEWAY_HTTP_PORT", "http.port", Kind.VALUE),
          new Variable("GATEWAY_PUBLIC_URL", "http.publicUrl", Kind.VALUE),
          new Variable("GATEWAY_HTTP_ALLOW_PLAIN_HTTP", "http.allowPlainHttp", Kind.VALUE),
          new Variable("GATEWAY_TLS_CERT_FILE", "http.tls.certFile", Kind.VALUE),
          new Variable("GATEWAY_TLS_KEY_FILE", "http.tls.keyFile", Kind.VALUE),
          new Variable("GATEWAY_TLS_KEYSTORE", "http.tls.keyStore", Kind.VALUE),
          new Variable("GATEWAY_TLS_KEYSTORE_PASSWORD", "http.tls.keyStorePassword", Kind.VALUE),
          new Variable("GATEWAY_TOKEN", "auth.environmentToken", Kind.VALUE),
          new Variable("GATEWAY_DATA_DIR", "dataDir", Kind.VALUE),
          new Variable("GATEWAY_AUDIT_LOG", "auditLog", Kind.VALUE),
          new Variable("GATEWAY_MAPPING", "mapping", Kind.VALUE),
          new Variable("GATEWAY_RELOAD_MAPPING", "reloadMapping", Kind.VALUE),
          new Variable("GATEWAY_LDAP_URL", "ldap.urls", Kind.LIST),
          new Variable("GATEWAY_LDAP_STARTTLS", "ldap.startTls", Kind.VALUE),
          new Variable("GATEWAY_LDAP_CA_FILE", "ldap.caFile", Kind.VALUE),
          new Variable("GATEWAY_LDAP_VERIFY_HOSTNAME", "ldap.verifyHostname", Kind.VALUE),
          new Variable("GATEWAY_LDAP_TRUSTSTORE", "ldap.trustStore", Kind.VALUE),
          new Variable("GATEWAY_LDAP_TRUSTSTORE_PASSWORD", "ldap.trustStorePassword", Kind.VALUE),
          new Variable("GATEWAY_LDAP_BIND_DN", "ldap.bindDn", Kind.VALUE),
          new Variable("GATEWAY_LDAP_BIND_PASSWORD", "ldap.bindPassword", Kind.VALUE),
          new Variable("GATEWAY_BASE_DN", "ldap.baseDn", Kind.VALUE),
          new Variable("GATEWAY_EMBEDDED_LDAP_PORT", "ldap.embedded.port", Kind.VALUE));

  private EnvOverrides() {}

  /**
   * Sets the key of each variable present in {@code env}, noting the variable as the value's
   * source. A key under a value of the wrong shape in the file (such as {@code ldap: 5}) is left
   * alone: binding reports the file's value.
   */
  static void apply(ObjectNode tree, Map<String, String> env, ValueSources sources) {
    for (Variable v : ALL) {
      String raw = env.get(v.name());
      if (raw == null || raw.isBlank()) {
        continue;
      }
      String value = raw.trim();
      String source = "environment variable " + v.name();
      int dot = v.key().lastIndexOf('.');
      String name = v.key().substring(dot + 1);
      Optional<ObjectNode> parent =
          dot < 0 ? Optional.of(tree) : object(tree, v.key().substring(0, dot));
      if (parent.isEmpty()) {
        continue;
      }
      switch (v.kind()) {
        case VALUE -> {
          parent.get().put(name, value);
          sources.replace(v.key(), source);
        }
        case LIST -> {
          ArrayNode list = parent.get().putArray(name);
          for (String item : value.split("\\s+")) {
            list.add(item);
          }
          sources.replace(v.key(), source);
        }
      }
    }
  }

  private static Optional<ObjectNode> object(ObjectNode tree, String dottedPath) {
    JsonNode node = tree;
    for (String name : dottedPath.split("\\.")) {
      node = node.get(name);
      if (!(node instanceof ObjectNode)) {
        return Optional.empty();
      }
    }
    return Optional.of((ObjectNode) node);
  }
}
