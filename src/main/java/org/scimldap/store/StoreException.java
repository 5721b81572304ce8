package org.scimldap.store;

/**
 * A correlation store operation that failed (the database could not be opened, read or written).
 * The directory stays the source of truth, so callers treat it as a passing outage.
 */
public final class StoreException extends RuntimeException {
  private final String operation;

  /**
   * @param operation what the store could not do, e.g. {@code save id 1234…}
   */
  public StoreException(String operation, Throwable cause) {
    super("The correlation store could not " + operation, cause);
    this.operation = operation;
  }

  /** What the store could not do. */
  public String operation() {
    return operation;
  }
}
