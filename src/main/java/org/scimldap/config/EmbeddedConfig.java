package org.scimldap.config;

/**
 * The embedded directory (UnboundID in-memory server) used when no LDAP URL is configured.
 *
 * @param enabled whether to start it; forced off when {@code ldap.urls} is set
 * @param port loopback port it listens on
 */
public record EmbeddedConfig(boolean enabled, int port) {
  public EmbeddedConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("ldap.embedded.port must be 0..65535, got " + port);
    }
  }
}
