package org.scimldap.ldap;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The time a request has left for its directory operations: set by the layer that receives the
 * request when it starts, read by {@link PooledDirectory} before every operation, and cleared when
 * the request ends. It covers all of a request's searches, writes, retries and waits for a pooled
 * connection together. A thread with no deadline (a startup check, an admin tool) has none of these
 * limits but the directory's own timeouts.
 */
public final class RequestDeadline {
  private static final ThreadLocal<Window> CURRENT = new ThreadLocal<>();

  private RequestDeadline() {}

  /** When the budget runs out, in {@link System#nanoTime()} terms, and how long it was. */
  private record Window(long endsAtNanos, long budgetMillis) {}

  /** Starts a deadline of {@code budget} from now for the directory calls of this thread. */
  public static void start(Duration budget) {
    CURRENT.set(new Window(System.nanoTime() + budget.toNanos(), budget.toMillis()));
  }

  /**
   * Runs {@code repair} without this thread's deadline, which is then restored: for undoing a
   * half-done write (putting back a renamed entry, removing an entry whose store row failed), which
   * must not be cut short because the request ran out of time. The directory's own timeouts still
   * apply.
   */
  public static void lifted(Runnable repair) {
    Window window = CURRENT.get();
    CURRENT.remove();
    try {
      repair.run();
    } finally {
      if (window != null) {
        CURRENT.set(window);
      }
    }
  }

  /** Ends the deadline of this thread. */
  public static void clear() {
    CURRENT.remove();
  }

  /**
   * Milliseconds left before the deadline (at least 1 while any time is left, 0 once it has
   * passed); empty when this thread has no deadline.
   */
  public static OptionalLong remainingMillis() {
    Window window = CURRENT.get();
    if (window == null) {
      return OptionalLong.empty();
    }
    long left = window.endsAtNanos() - System.nanoTime();
    return OptionalLong.of(left <= 0 ? 0 : Math.max(1, left / 1_000_000));
  }

  /** The whole budget of this thread's deadline, for messages; 0 when there is none. */
  static long budgetMillis() {
    Window window = CURRENT.get();
    return window == null ? 0 : window.budgetMillis();
  }
}
