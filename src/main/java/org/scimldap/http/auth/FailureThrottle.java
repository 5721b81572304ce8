package org.scimldap.http.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down guessing: an address that failed to authenticate {@code maxFailures} times within one
 * {@code window} is refused (429) until that window ends. Counts are kept for at most {@code
 * maxAddresses} addresses, the least recently seen forgotten first, so memory stays bounded
 * whatever the number of callers.
 */
public final class FailureThrottle {
  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Count> counts;

  /**
   * When the last window that refuses an address ends, in milliseconds since the epoch: until then,
   * an address may be refused; from then on, none is, and {@link #refusesAny} says so without
   * taking the lock.
   */
  private volatile long refusingUntil = Long.MIN_VALUE;

  /** A window of failures at one address: when it started and how many it has seen. */
  private record Count(Instant start, int failures) {}

  public FailureThrottle(int maxFailures, Duration window, int maxAddresses, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
    this.counts =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Count> eldest) {
            return size() > maxAddresses;
          }
        };
  }

  /** 10 failures a minute, for up to 10,000 addresses. */
  public static FailureThrottle standard() {
    return new FailureThrottle(10, Duration.ofMinutes(1), 10_000, Clock.systemUTC());
  }

  /** False when no address can be refused now: none failed too often in a window still open. */
  public boolean refusesAny() {
    return clock.millis() < refusingUntil;
  }

  /** The seconds {@code address} must wait, when it is refused now. */
  public synchronized Optional<Long> refusedFor(String address) {
    Count c = counts.get(address);
    if (c == null || c.failures() < maxFailures) {
      return Optional.empty();
    }
    Instant end = c.start().plus(window);
    Instant now = clock.instant();
    if (!now.isBefore(end)) {
      counts.remove(address);
      return Optional.empty();
    }
    long millis = Duration.between(now, end).toMillis();
    return Optional.of(Math.max(1, (millis + 999) / 1000));
  }

  /** Counts a failed attempt from {@code address}. */
  public synchronized void failed(String address) {
    Instant now = clock.instant();
    Count c = counts.get(address);
    Count counted =
        c == null || !now.isBefore(c.start().plus(window))
            ? new Count(now, 1)
            : new Count(c.start(), c.failures() + 1);
    counts.put(address, counted);
    if (counted.failures() >= maxFailures) {
      refusingUntil = Math.max(refusingUntil, ceilingMillis(counted.start().plus(window)));
    }
  }

  /** {@code time} in milliseconds since the epoch, a part of a millisecond counted as a whole. */
  private static long ceilingMillis(Instant time) {
    return time.toEpochMilli() + (time.getNano() % 1_000_000 == 0 ? 0 : 1);
  }

  /** How many addresses are remembered now. */
  synchronized int addresses() {
    return counts.size();
  }
}
