package org.scimldap.cli;

/** A command line the gateway does not understand; the message says what is wrong with it. */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}
