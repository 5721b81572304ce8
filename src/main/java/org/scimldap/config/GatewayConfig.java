package org.scimldap.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole typed configuration, validated when loaded.
 *
 * @param http SCIM endpoint settings
 * @param ldap directory settings
 * @param dataDir folder for the correlation store, the embedded directory's LDIF and generated
 *     secrets
 * @param storePath SQLite file of the correlation store
 * @param mapping mapping file path (or a name of a bundled preset such as {@code openldap.yaml})
 * @param tokens accepted bearer tokens
 */
public record GatewayConfig(
    HttpConfig http,
    LdapConfig ldap,
    Path dataDir,
    Path storePath,
    String mapping,
    List<String> tokens) {

  public GatewayConfig {
    tokens = List.copyOf(tokens);
  }

  @Override
  public String toString() {
    return "GatewayConfig[http="
        + http
        + ", ldap="
        + ldap
        + ", dataDir="
        + dataDir
        + ", storePath="
        + storePath
        + ", mapping="
        + mapping
        + ", tokens="
        + tokens.size()
        + "]";
  }
}
