package org.scimldap.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** Checks a {@code {SSHA}} value (RFC 2307 style, salted SHA-1) against a cleartext password. */
public final class Ssha {
  private static final int SHA1_LENGTH = 20;

  private Ssha() {}

  /** True when {@code stored} is {@code {SSHA}base64(sha1(password + salt) + salt)}. */
  public static boolean matches(String stored, String password) {
    if (stored == null || !stored.regionMatches(true, 0, "{SSHA}", 0, 6)) {
      return false;
    }
    byte[] both = Base64.getDecoder().decode(stored.substring(6));
    if (both.length <= SHA1_LENGTH) {
      return false;
    }
    byte[] digest = Arrays.copyOfRange(both, 0, SHA1_LENGTH);
    byte[] salt = Arrays.copyOfRange(both, SHA1_LENGTH, both.length);
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(password.getBytes(StandardCharsets.UTF_8));
      sha1.update(salt);
      return MessageDigest.isEqual(digest, sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }
}
