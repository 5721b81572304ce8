package org.scimldap.ldap;

/**
 * The directory answers, but the gateway cannot use it as configured: its certificate is refused,
 * TLS fails, or the bind is refused. Waiting does not help, so a start stops with it; the message
 * says what is wrong and what to do, and never holds a password.
 */
public final class DirectoryUnusableException extends RuntimeException {
  DirectoryUnusableException(String message, Throwable cause) {
    super(message, cause);
  }
}
