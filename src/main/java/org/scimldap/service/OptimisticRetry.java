package org.scimldap.service;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.scim.ScimException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a read-change-write step of a write use case again when another request got in between: the
 * step reads the entry afresh and makes its change on top of the other one, never over it. Which
 * directory failures count as "someone got in between" is the caller's {@link Policy}; a step that
 * finds the entry moved without a failure (read back nothing after writing it) says so by returning
 * {@link Attempt#again(String)}. After {@link #ATTEMPTS} tries, the last failure stands (an {@code
 * again} becomes a retryable 503).
 */
final class OptimisticRetry {
  private static final Logger LOG = LoggerFactory.getLogger(OptimisticRetry.class);

  /** How many times a step runs at most. */
  static final int ATTEMPTS = 30;

  private OptimisticRetry() {}

  /** Which directory failures a retry can cure. */
  record Policy(Predicate<DirectoryException> retries) {
    /**
     * The entry was renamed or deleted since it was found, or (unless the client asked for one
     * version with {@code If-Match}, whose failure is a 412) changed since it was read: a failed
     * assertion, or a guarded modify that found the values it read changed ({@link ValueGuard}).
     */
    static Policy entryChanged(Optional<String> ifMatch) {
      return new Policy(e -> e.isNoSuchEntry() || (e.isChangedSinceRead() && ifMatch.isEmpty()));
    }

    /**
     * Any of {@link DirectoryException#isConcurrentChange()}: values added or removed meanwhile.
     */
    static Policy concurrentChange() {
      return new Policy(DirectoryException::isConcurrentChange);
    }
  }

  /** What one run of a step came to: a result, or the need to start again. */
  record Attempt<T>(T result, String againBecause) {
    static <T> Attempt<T> done(T result) {
      return new Attempt<>(Objects.requireNonNull(result), null);
    }

    static <T> Attempt<T> again(String because) {
      return new Attempt<>(null, Objects.requireNonNull(because));
    }

    boolean isDone() {
      return againBecause == null;
    }

    /** The same outcome with the result (if any) turned into another. */
    <U> Attempt<U> map(Function<T, U> f) {
      return isDone() ? done(f.apply(result)) : again(againBecause);
    }
  }

  /** Runs {@code step} until it is done, a failure the policy cannot cure, or out of attempts. */
  static <T> T run(Policy policy, Supplier<Attempt<T>> step) {
    for (int attempt = 1; ; attempt++) {
      try {
        Attempt<T> outcome = step.get();
        if (outcome.isDone()) {
          return outcome.result();
        }
        if (attempt >= ATTEMPTS) {
          throw ScimException.unavailable(outcome.againBecause() + "; retry", null);
        }
      } catch (DirectoryException e) {
        if (attempt >= ATTEMPTS || !policy.retries().test(e)) {
          throw e;
        }
        LOG.debug("Attempt {} met a concurrent change ({}); trying again", attempt, e.getMessage());
      }
      pause(attempt);
    }
  }

  /** A short random pause, so that requests racing for the same entry spread out. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 * attempt + 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ScimException.unavailable("Interrupted while retrying; retry later", e);
    }
  }
}
