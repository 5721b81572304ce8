package org.scimldap.http.auth;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.scimldap.config.TokenHash;

/**
 * The clients that send opaque bearer tokens (RFC 6750), each known by the SHA-256 of its tokens. A
 * presented token is hashed and compared with every known hash in constant time, all of them every
 * time, so the answer's timing tells nothing about which hash came close.
 */
final class TokenClients {
  /** One accepted token hash and the client it belongs to. */
  record Entry(byte[] hash, Principal principal) {}

  private final List<Entry> entries;

  TokenClients(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The client whose token this is. */
  Optional<Principal> find(String token) {
    byte[] presented = TokenHash.of(token);
    Principal found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.hash(), presented) && found == null) {
        found = e.principal();
      }
    }
    return Optional.ofNullable(found);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }
}
