package org.scimldap.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.scimldap.config.TokenHash;

/**
 * The clients that sign in with HTTP Basic (RFC 7617): a user name and the SHA-256 of the password.
 * Every entry is compared, in constant time, on every attempt.
 */
final class BasicClients {
  /** One Basic user name, its password hash and the client. */
  record Entry(String username, byte[] passwordHash, Principal principal) {}

  private final List<Entry> entries;

  BasicClients(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The client with this user name and password. */
  Optional<Principal> find(String username, String password) {
    byte[] name = username.getBytes(StandardCharsets.UTF_8);
    byte[] hash = TokenHash.of(password);
    Principal found = null;
    for (Entry e : entries) {
      boolean sameName = MessageDigest.isEqual(e.username().getBytes(StandardCharsets.UTF_8), name);
      boolean samePassword = MessageDigest.isEqual(e.passwordHash(), hash);
      if (sameName & samePassword && found == null) {
        found = e.principal();
      }
    }
    return Optional.ofNullable(found);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }
}
