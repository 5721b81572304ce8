package org.scimldap.config;

/**
 * The embedded directory (UnboundID in-memory server): the {@code ldap.embedded} section.
 *
 * @param enabled whether to start it; it is used only while {@code ldap.urls} is empty (see {@link
 *     LdapConfig#usesEmbedded()})
 * @param port loopback port it listens on; 0 picks a free one
 */
public record EmbeddedConfig(boolean enabled, int port) {
  public EmbeddedConfig {
    Checks.port("ldap.embedded.port", port);
  }
}
