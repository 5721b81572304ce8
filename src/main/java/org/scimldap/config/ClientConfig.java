package org.scimldap.config;

import java.util.List;

/**
 * One named caller of the SCIM endpoint: an entry of {@code auth.clients}. Secrets are kept only as
 * SHA-256 hashes ({@code scim-ldap-gateway hash-token} prints one), so the file holds none.
 *
 * @param name how the client is named in logs and errors
 * @param tokenHashes SHA-256 (64 hex digits) of each bearer token the client may send; several at
 *     once while a token is rotated
 * @param username HTTP Basic user name; empty when the client does not use Basic
 * @param passwordHash SHA-256 (64 hex digits) of its Basic password
 * @param rights what the client may do
 */
public record ClientConfig(
    String name,
    List<String> tokenHashes,
    String username,
    String passwordHash,
    RightsConfig rights) {
  public ClientConfig {
    tokenHashes = List.copyOf(Checks.present("tokenHashes", tokenHashes));
    Checks.present("name", name);
    Checks.present("username", username);
    Checks.present("passwordHash", passwordHash);
    Checks.present("rights", rights);
  }

  /** Whether the client signs in with HTTP Basic. */
  public boolean usesBasic() {
    return !username.isBlank();
  }
}
