package org.scimldap.mapping.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Hashes passwords in the RFC 2307 {@code {SCHEME}base64} form that OpenLDAP verifies on bind.
 * Already-hashed values (starting with a known {@code {SCHEME}}) pass through unchanged.
 */
public final class PasswordHasher {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Supported schemes. */
  public enum Scheme {
    /** Salted SHA-1, understood by every OpenLDAP. */
    SSHA("SHA-1"),
    /** Stored as sent: for directories that hash themselves (389-ds, ppolicy hash_cleartext). */
    NONE(null),
    /**
     * Active Directory's {@code unicodePwd}: the password in double quotes as UTF-16LE bytes, which
     * the directory hashes itself (MS-ADTS §3.1.1.3.1.5.1); only ever sent over TLS.
     */
    UNICODE_PWD(null);

    private final String digest;

    Scheme(String digest) {
      this.digest = digest;
    }
  }

  private PasswordHasher() {}

  /** The bytes to write for {@code password} under {@code scheme}. */
  public static byte[] encode(Scheme scheme, String password) {
    if (scheme == Scheme.UNICODE_PWD) {
      return ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
    }
    return hash(scheme, password).getBytes(StandardCharsets.UTF_8);
  }

  /** The RFC 2307 text of {@code password} under {@code SSHA} or {@code NONE}. */
  public static String hash(Scheme scheme, String password) {
    if (scheme == Scheme.UNICODE_PWD) {
      throw new IllegalArgumentException("unicodePwd values are bytes: use encode");
    }
    if (scheme == Scheme.NONE
        || password.matches("(?i)^\\{(SSHA|SHA|SSHA256|SSHA512|CRYPT|PBKDF2[^}]*|ARGON2)\\}.*")) {
      return password;
    }
    try {
      byte[] salt = new byte[8];
      RANDOM.nextBytes(salt);
      MessageDigest md = MessageDigest.getInstance(scheme.digest);
      md.update(password.getBytes(StandardCharsets.UTF_8));
      md.update(salt);
      byte[] digest = md.digest();
      byte[] both = new byte[digest.length + salt.length];
      System.arraycopy(digest, 0, both, 0, digest.length);
      System.arraycopy(salt, 0, both, digest.length, salt.length);
      return "{" + scheme.name() + "}" + Base64.getEncoder().encodeToString(both);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(scheme.digest + " is missing from this JVM", e);
    }
  }
}
