package org.scimldap.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Map;

/**
 * The one place every configuration default lives: the tree that loading starts from, before the
 * file and the environment are laid over it. {@code config/gateway.yaml} states the same values (a
 * test keeps the two equal); the records only check values, they fill none in. Each entry of the
 * list {@code auth.clients} is completed the same way, from the keys of one client.
 */
final class ConfigDefaults {
  private static final String YAML =
      """
      http:
        host: 127.0.0.1
        port: 8080
        basePath: /scim/v2
        publicUrl: ""
        maxBodyBytes: 1048576
        maxResults: 200
        requestDeadlineMillis: 10000
        idleTimeoutMillis: 30000
        bodyReadDeadlineMillis: 20000
        shutdownGraceMillis: 8000
        allowPlainHttp: false
        tls:
          certFile: ""
          keyFile: ""
          keyStore: ""
          keyStorePassword: ""
      auth:
        clients: []
        environmentToken: ""
        oauth:
          issuer: ""
          audience: ""
          jwksFile: ""
          jwksUrl: ""
          clientClaim: sub
          rightsClaim: scope
          clockSkewSeconds: 60
      dataDir: data
      store:
        path: gateway.db
      auditLog: audit.jsonl
      mapping: mappings/openldap.yaml
      reloadMapping: true
      ldap:
        urls: []
        startTls: false
        caFile: ""
        verifyHostname: true
        trustStore: ""
        trustStorePassword: ""
        bindDn: ""
        bindPassword: ""
        baseDn: dc=example,dc=com
        containers: {}
        poolSize: 10
        connectTimeoutMillis: 5000
        responseTimeoutMillis: 15000
        maxConnectionAgeMillis: 300000
        embedded:
          enabled: true
          port: 1389
      """;

  /** What an entry of {@code auth.clients} has for each key it leaves out. */
  private static final String CLIENT_YAML =
      """
      name: ""
      tokenHashes: []
      username: ""
      passwordHash: ""
      rights:
        read: ["*"]
        write: ["*"]
        admin: false
      """;

  private static final ObjectNode TREE = parse(YAML);
  private static final ObjectNode CLIENT = parse(CLIENT_YAML);

  private ConfigDefaults() {}

  /** A fresh copy of the defaults tree. */
  static ObjectNode tree() {
    return TREE.deepCopy();
  }

  /**
   * The defaults with {@code file} laid over them. Mappings merge key by key; any other value
   * replaces the default (a list is replaced whole). A key present but left empty (null, or blank
   * text) keeps its default, as if it were absent.
   */
  static ObjectNode overlaidWith(ObjectNode file) {
    ObjectNode tree = tree();
    overlay(tree, file);
    if (tree.path("auth").get("clients") instanceof ArrayNode clients) {
      for (int i = 0; i < clients.size(); i++) {
        if (clients.get(i) instanceof ObjectNode client) {
          ObjectNode complete = CLIENT.deepCopy();
          overlay(complete, client);
          clients.set(i, complete);
        }
      }
    }
    return tree;
  }

  private static void overlay(ObjectNode base, ObjectNode top) {
    for (Map.Entry<String, JsonNode> field : top.properties()) {
      JsonNode current = base.get(field.getKey());
      JsonNode value = field.getValue();
      if (current != null && isEmpty(value)) {
        continue;
      }
      if (current instanceof ObjectNode currentObject && value instanceof ObjectNode valueObject) {
        overlay(currentObject, valueObject);
      } else {
        base.set(field.getKey(), value);
      }
    }
  }

  private static boolean isEmpty(JsonNode value) {
    return value.isNull() || (value.isTextual() && value.textValue().isBlank());
  }

  private static ObjectNode parse(String yaml) {
    try {
      return (ObjectNode) new YAMLMapper().readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The built-in configuration defaults do not parse", e);
    }
  }
}
