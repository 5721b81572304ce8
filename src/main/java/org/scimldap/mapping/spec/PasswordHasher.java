package org.scimldap.mapping.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.scimldap.scim.ScimException;

/**
 * Hashes passwords in the RFC 2307 {@code {SCHEME}base64} form that OpenLDAP verifies on bind. What
 * the client sends is hashed, also a value that looks like a hash already ({@code {SHA}…}, {@code
 * {CRYPT}…}): stored as it is, it would let a client set an unsalted or weak hash. Only where the
 * mapping accepts pre-hashed values do they pass through unchanged.
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

  /** The bytes to write for {@code password} under {@code scheme}; a look-alike hash is hashed. */
  public static byte[] encode(Scheme scheme, String password) {
    return encode(scheme, password, false);
  }

  /**
   * The bytes to write for {@code password} under {@code scheme}.
   *
   * @param preHashed whether a value that is already an RFC 2307 hash is written as it is
   * @throws ScimException 400 invalidValue for a value that looks like a hash under {@code NONE}
   *     when pre-hashed values are not accepted: the directory would take it for a hash
   */
  public static byte[] encode(Scheme scheme, String password, boolean preHashed) {
    if (scheme == Scheme.UNICODE_PWD) {
      return ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
    }
    if (scheme == Scheme.NONE && !preHashed && looksHashed(password)) {
      throw ScimException.invalidValue(
          "password: a value that begins with a {SCHEME} prefix is taken for a stored hash by the"
              + " directory; this mapping does not accept pre-hashed passwords");
    }
    return hash(scheme, password, preHashed).getBytes(StandardCharsets.UTF_8);
  }

  /** True for a value in the RFC 2307 form of a hash: {@code {SCHEME}…}. */
  public static boolean looksHashed(String password) {
    int close = password.indexOf('}');
    if (!password.startsWith("{") || close < 2 || close > 40) {
      return false;
    }
    for (int i = 1; i < close; i++) {
      char c = password.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ',')) {
        return false;
      }
    }
    return true;
  }

  /** The RFC 2307 text of {@code password} under {@code SSHA} or {@code NONE}. */
  public static String hash(Scheme scheme, String password) {
    return hash(scheme, password, false);
  }

  private static String hash(Scheme scheme, String password, boolean preHashed) {
    if (scheme == Scheme.UNICODE_PWD) {
      throw new IllegalArgumentException("unicodePwd values are bytes: use encode");
    }
    if (scheme == Scheme.NONE || (preHashed && looksHashed(password))) {
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
