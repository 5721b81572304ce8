package org.scimldap.config;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;

/**
 * The value checks the configuration records run in their constructors; each failure is an {@link
 * InvalidValueException} naming the key. Only numbers, DNs and file paths are quoted, never text
 * that could hold a secret.
 */
final class Checks {
  private Checks() {}

  static <T> T present(String key, T value) {
    if (value == null) {
      throw new InvalidValueException(key, "must be set");
    }
    return value;
  }

  static String text(String key, String value) {
    if (present(key, value).isBlank()) {
      throw new InvalidValueException(key, "must not be empty");
    }
    return value;
  }

  static int port(String key, int value) {
    if (value < 0 || value > 65535) {
      throw new InvalidValueException(key, "must be between 0 and 65535, got " + value);
    }
    return value;
  }

  static long positive(String key, long value) {
    if (value <= 0) {
      throw new InvalidValueException(key, "must be positive, got " + value);
    }
    return value;
  }

  /** A distinguished name in the string form of RFC 4514. */
  static String dn(String key, String value) {
    if (!DN.isValidDN(present(key, value))) {
      throw new InvalidValueException(key, "is not a valid DN (RFC 4514): '" + value + "'");
    }
    return value;
  }

  /** An {@code ldap://} or {@code ldaps://} URL (RFC 4516). */
  static String ldapUrl(String key, String value) {
    try {
      new LDAPURL(text(key, value));
      return value;
    } catch (LDAPException e) {
      throw new InvalidValueException(key, "is not an ldap:// or ldaps:// URL (RFC 4516)");
    }
  }

  /** Empty, or the path of a readable PEM file with at least one certificate. */
  static String certificateFile(String key, String value) {
    if (present(key, value).isBlank()) {
      return value;
    }
    try {
      PemCertificates.read(Path.of(value));
      return value;
    } catch (NoSuchFileException | InvalidPathException e) {
      throw new InvalidValueException(key, "names " + value + ", which does not exist");
    } catch (IOException e) {
      throw new InvalidValueException(
          key, "names " + value + ", which cannot be read: " + e.getMessage());
    } catch (CertificateException e) {
      throw new InvalidValueException(key, "names " + value + ", which " + e.getMessage());
    }
  }
}
