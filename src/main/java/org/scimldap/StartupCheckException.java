package org.scimldap;

/** The directory does not fit the mapping, so the gateway does not start; the message says how. */
public final class StartupCheckException extends RuntimeException {
  StartupCheckException(String message) {
    super(message);
  }
}
