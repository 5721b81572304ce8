package org.scimldap.http.auth;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.scimldap.config.TokenHash;

/**
 * The clients that send opaque bearer tokens (RFC 6750), each known by the SHA-256 of its tokens. A
 * presented token is hashed and compared with every known hash in constant time, all of them every
 * time, so the answer's timing tells nothing about which hash came close.
 *
 * <p>Each thread remembers the last token it found and its client, so that a client's next request
 * on it is not hashed again. The presented token is compared with that one character by character,
 * all of them every time: the time taken depends only on the presented token's length.
 */
final class TokenClients {
  /** One accepted token hash and the client it belongs to. */
  record Entry(byte[] hash, Principal principal) {}

  /** A token this thread last found, and its client. */
  private record Found(String token, Principal principal) {}

  private final List<Entry> entries;
  private final ThreadLocal<Found> lastFound = new ThreadLocal<>();

  TokenClients(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The client whose token this is. */
  Optional<Principal> find(String token) {
    Found last = lastFound.get();
    if (last != null && sameText(token, last.token())) {
      return Optional.of(last.principal());
    }
    byte[] presented = TokenHash.of(token);
    Principal found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.hash(), presented) && found == null) {
        found = e.principal();
      }
    }
    if (found != null) {
      lastFound.set(new Found(token, found));
    }
    return Optional.ofNullable(found);
  }

  /** True when both texts are the same, in a time that depends only on the length of {@code a}. */
  static boolean sameText(String a, String b) {
    int difference = a.length() ^ b.length();
    int length = Math.max(1, b.length());
    for (int i = 0; i < a.length(); i++) {
      difference |= a.charAt(i) ^ (b.isEmpty() ? 0 : b.charAt(i % length));
    }
    return difference == 0;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }
}
