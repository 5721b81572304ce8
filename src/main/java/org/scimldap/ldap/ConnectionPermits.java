package org.scimldap.ldap;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most as many directory operations at once as the pool has connections, so that a request that
 * finds them all busy is told so, rather than waiting on the pool and failing as if the directory
 * were down. A thread that holds a permit takes no second one: an operation made while another of
 * the same thread is under way (values read in slices during a paged search) never waits for
 * itself.
 */
final class ConnectionPermits {
  private final Semaphore permits;
  private final int size;
  private final ThreadLocal<int[]> held = ThreadLocal.withInitial(() -> new int[1]);
  private final AtomicLong waited = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  ConnectionPermits(int size) {
    this.size = size;
    this.permits = new Semaphore(size, true);
  }

  /** How many operations may run at once. */
  int size() {
    return size;
  }

  /**
   * Takes a permit, waiting at most {@code waitMillis} for one; false when none came free in that
   * time. Each successful call needs one {@link #release()}.
   */
  boolean acquire(long waitMillis) throws InterruptedException {
    int[] count = held.get();
    if (count[0] == 0 && !permits.tryAcquire()) {
      waited.incrementAndGet();
      if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
        refused.incrementAndGet();
        return false;
      }
    }
    count[0]++;
    return true;
  }

  /** How many operations found every connection busy and waited for one, since the start. */
  long waited() {
    return waited.get();
  }

  /** How many of those got none in time and failed, since the start. */
  long refused() {
    return refused.get();
  }

  void release() {
    int[] count = held.get();
    count[0]--;
    if (count[0] == 0) {
      permits.release();
      held.remove();
    }
  }
}
