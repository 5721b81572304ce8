package org.scimldap.config;

import java.util.HexFormat;

/**
 * How a client secret (a bearer token or a Basic password) is kept in the configuration: the
 * SHA-256 of its UTF-8 bytes, as 64 hex digits. The same as {@code printf %s "$TOKEN" | sha256sum}.
 * Secrets are long random strings ({@link AuthConfig#MIN_TOKEN_LENGTH} characters or more), so an
 * unsalted hash does not make them guessable.
 */
public final class TokenHash {
  private TokenHash() {}

  /** The SHA-256 of {@code secret}. */
  public static byte[] of(String secret) {
    return Sha256.of(secret);
  }

  /** The SHA-256 of {@code secret}, as the configuration writes it. */
  public static String hex(String secret) {
    return HexFormat.of().formatHex(of(secret));
  }

  /** The bytes of a hash written as hex digits (as checked by {@link AuthConfig}). */
  public static byte[] parse(String hex) {
    return HexFormat.of().parseHex(hex.trim());
  }
}
