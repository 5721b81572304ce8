package org.scimldap.cli;

import java.util.List;
import org.scimldap.config.ConfigException;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryConnector;
import org.scimldap.ldap.ReadOnlyDirectory;

/**
 * The configured directory, opened read-only for the admin tools with one connection: at its URL
 * with the configured bind, or, for the embedded directory, the running gateway's on loopback
 * (anonymously: the embedded directory lets loopback clients read everything but passwords). The
 * tools never start an embedded directory of their own, which would write the data folder.
 */
final class ToolDirectory {
  private ToolDirectory() {}

  static Directory open(GatewayConfig config) {
    LdapConfig ldap = config.ldap().withPoolSize(1);
    if (ldap.usesEmbedded()) {
      int port = ldap.embedded().port();
      if (port == 0) {
        throw new ConfigException(
            "the embedded directory listens on a port chosen when the gateway starts"
                + " (ldap.embedded.port: 0); set GATEWAY_LDAP_URL to reach the running one");
      }
      LdapConfig local = ldap.withUrls(List.of("ldap://127.0.0.1:" + port)).withStartTls(false);
      return new ReadOnlyDirectory(DirectoryConnector.connect(local, "", "", false));
    }
    return new ReadOnlyDirectory(
        DirectoryConnector.connect(ldap, ldap.bindDn(), ldap.bindPassword()));
  }
}
