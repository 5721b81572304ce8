package org.scimldap.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Runs directory operations on pooled connections within the gateway's limits: no more at once than
 * the pool has connections ({@link ConnectionPermits}), and none past the request's deadline
 * ({@link RequestDeadline}). Each request sent gets the time left as its response timeout (never
 * more than {@code ldap.responseTimeoutMillis}); nothing starts once the deadline has passed. A
 * pooled connection found dead (the directory restarted, or a fail-over) is replaced and the
 * operation sent once more, unless it timed out: a directory that did not answer in time is not
 * asked again.
 */
final class PooledCalls {
  /** One operation on a connection, asking {@code timeout} for each request's time limit. */
  interface Call<T> {
    T on(LDAPConnection connection, Timeout timeout) throws LDAPException;
  }

  /** The response time limit for the next request an operation sends. */
  static final class Timeout {
    private final String operation;
    private final long configuredMillis;
    private boolean cutByDeadline;

    private Timeout(String operation, long configuredMillis) {
      this.operation = operation;
      this.configuredMillis = configuredMillis;
    }

    /**
     * Milliseconds the next request may wait for its answer: the configured response timeout, or
     * less when the request's deadline comes first.
     *
     * @throws DirectoryException when the deadline has passed
     */
    long millis() {
      OptionalLong left = RequestDeadline.remainingMillis();
      if (left.isEmpty() || left.getAsLong() >= configuredMillis) {
        cutByDeadline = false;
        return configuredMillis;
      }
      if (left.getAsLong() == 0) {
        throw DirectoryException.deadlinePassed(operation, RequestDeadline.budgetMillis(), null);
      }
      cutByDeadline = true;
      return left.getAsLong();
    }

    /** True when the last {@link #millis} was the time left before the request's deadline. */
    boolean cutByDeadline() {
      return cutByDeadline;
    }

    /** Whole seconds for a search's server-side time limit (RFC 4511 §4.5.1.5), at least 1. */
    int seconds() {
      return seconds(millis());
    }

    /** {@code millis} as whole seconds for a search's server-side time limit, at least 1. */
    static int seconds(long millis) {
      return (int) Math.max(1, (millis + 999) / 1000);
    }

    /**
     * Throws the request's deadline as passed when {@code e} is a time-out, the client's or the
     * server's, that the deadline set (the last {@link #millis} was the time left before it).
     */
    void throwIfDeadlinePassed(LDAPException e) {
      ResultCode code = e.getResultCode();
      if ((code == ResultCode.TIMEOUT || code == ResultCode.TIME_LIMIT_EXCEEDED) && cutByDeadline) {
        throw DirectoryException.deadlinePassed(operation, RequestDeadline.budgetMillis(), e);
      }
    }
  }

  private final LDAPConnectionPool pool;
  private final ConnectionPermits permits;
  private final long responseTimeoutMillis;
  private final long maxWaitMillis;

  /**
   * @param maxWaitMillis how long an operation waits for a connection that other requests use, when
   *     its deadline allows that long
   */
  PooledCalls(
      LDAPConnectionPool pool, int connections, long responseTimeoutMillis, long maxWaitMillis) {
    this.pool = pool;
    this.permits = new ConnectionPermits(connections);
    this.responseTimeoutMillis = responseTimeoutMillis;
    this.maxWaitMillis = maxWaitMillis;
  }

  /**
   * The response time limit for a request that {@code operation} sends on a connection of its own.
   */
  Timeout timeout(String operation) {
    return new Timeout(operation, responseTimeoutMillis);
  }

  /** How many operations found every connection busy and waited, since the start. */
  long waitedForConnection() {
    return permits.waited();
  }

  /** How many operations got no connection in time (all busy), since the start. */
  long foundAllBusy() {
    return permits.refused();
  }

  /** Runs {@code call} on a pooled connection within the limits. */
  <T> T run(String operation, Call<T> call) throws LDAPException {
    return run(operation, call, () -> true);
  }

  /**
   * As {@link #run(String, Call)}; a dead connection is replaced and the call made again only while
   * {@code mayRetry} says so (not once a search has handed out entries).
   */
  <T> T run(String operation, Call<T> call, BooleanSupplier mayRetry) throws LDAPException {
    acquire(operation);
    try {
      for (int attempt = 1; ; attempt++) {
        Timeout timeout = new Timeout(operation, responseTimeoutMillis);
        timeout.millis();
        LDAPConnection connection = pool.getConnection();
        boolean healthy = true;
        try {
          return call.on(connection, timeout);
        } catch (LDAPException e) {
          ResultCode code = e.getResultCode();
          healthy = ResultCode.isConnectionUsable(code);
          timeout.throwIfDeadlinePassed(e);
          if (healthy || attempt > 1 || code == ResultCode.TIMEOUT || !mayRetry.getAsBoolean()) {
            throw e;
          }
        } finally {
          if (healthy) {
            pool.releaseConnection(connection);
          } else {
            pool.releaseDefunctConnection(connection);
          }
        }
      }
    } finally {
      permits.release();
    }
  }

  private void acquire(String operation) {
    OptionalLong left = RequestDeadline.remainingMillis();
    if (left.isPresent() && left.getAsLong() == 0) {
      throw DirectoryException.deadlinePassed(operation, RequestDeadline.budgetMillis(), null);
    }
    boolean deadlineFirst = left.isPresent() && left.getAsLong() < maxWaitMillis;
    long wait = deadlineFirst ? left.getAsLong() : maxWaitMillis;
    try {
      if (permits.acquire(wait)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DirectoryException(
          operation, ResultCode.USER_CANCELED, "interrupted while waiting for a connection", e);
    }
    throw DirectoryException.connectionsBusy(operation, permits.size(), wait);
  }
}
