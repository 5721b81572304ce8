package org.scimldap.service;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.scimldap.ldap.RequestDeadline;
import org.scimldap.scim.ScimException;

/**
 * One writer at a time per resource in this gateway: the writes of a PUT, PATCH or DELETE are made
 * holding the lock of their resource id, so two requests for one resource do not interleave their
 * reads and writes (one waits for the other, then reads what it wrote). Writes from elsewhere
 * (another gateway, an admin) are still caught by the guarded writes. Locks are striped: ids that
 * share a stripe wait for each other too, and a request holds one lock only, so none can wait for
 * another in a circle.
 */
final class ResourceLocks {
  private static final int STRIPES = 64;

  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private final long waitMillis;

  ResourceLocks(long waitMillis) {
    this.waitMillis = waitMillis;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /**
   * Runs {@code write} holding the lock of {@code id}; a retryable 503 when another write of it
   * held the lock longer than the wait allows (or than the request's deadline leaves).
   */
  <T> T holding(String id, Supplier<T> write) {
    ReentrantLock lock = stripes[Math.floorMod(id.toLowerCase().hashCode(), STRIPES)];
    boolean locked;
    try {
      // Within the request's deadline, when it has one.
      long wait = Math.min(waitMillis, RequestDeadline.remainingMillis().orElse(waitMillis));
      locked = lock.tryLock(wait, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ScimException.unavailable("Interrupted while waiting to change " + id, null);
    }
    if (!locked) {
      throw ScimException.unavailable(
          "Another change to resource " + id + " is still being written; retry", null);
    }
    try {
      return write.get();
    } finally {
      lock.unlock();
    }
  }

  /** As {@link #holding(String, Supplier)}, for a write without a result. */
  void holding(String id, Runnable write) {
    holding(
        id,
        () -> {
          write.run();
          return null;
        });
  }
}
