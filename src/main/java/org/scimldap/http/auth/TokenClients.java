package org.scimldap.http.auth;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.scimldap.config.TokenHash;

/**
 * The clients that send opaque bearer tokens (RFC 6750), each known by the SHA-256 of its tokens. A
 * presented token that this thread did not find last is hashed and compared with every known hash
 * in constant time, all of them every time, so the answer's timing tells nothing about which hash
 * came close.
 *
 * <p>Each thread remembers the last token it found and its client, so that a client's next request
 * on it is not hashed again. The token is then held in memory as it was sent, as the directory's
 * bind password is; configured tokens are never reloaded while the gateway runs, so a remembered
 * one cannot outlive its configuration. The presented token is compared with the remembered one
 * character by character, all of them every time: the time taken tells at most whether their
 * lengths differ, and a token is found this way only when it is the remembered one whole.
 */
final class TokenClients {
  /** One accepted token hash and the client it belongs to. */
  record Entry(byte[] hash, Principal principal) {}

  /** A token this thread last found, and its client. */
  private record Found(String token, Principal principal) {
    /** Names the client only: the token is a secret. */
    @Override
    public String toString() {
      return "Found[" + principal.name() + "]";
    }
  }

  private final List<Entry> entries;
  private final ThreadLocal<Found> lastFound = new ThreadLocal<>();

  TokenClients(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The client whose token this is. */
  Optional<Principal> find(String token) {
    Optional<Principal> remembered = rememberedFor(token);
    if (remembered.isPresent()) {
      return remembered;
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

  /** The client of {@code token}, when it is the token this thread found last. */
  Optional<Principal> rememberedFor(String token) {
    Found last = lastFound.get();
    return last != null && sameText(token, last.token())
        ? Optional.of(last.principal())
        : Optional.empty();
  }

  /**
   * True when both texts are the same, in a time that depends on the length of {@code a} and
   * whether {@code b} is as long, not on their characters.
   */
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
