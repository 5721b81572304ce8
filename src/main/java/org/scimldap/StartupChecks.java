package org.scimldap;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.mapping.spec.MappingProblem;
import org.scimldap.service.DirectoryCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link DirectoryCheck} when the gateway starts. An error stops the start ({@link
 * StartupCheckException}); warnings are logged. A directory that cannot be reached yet (the gateway
 * then starts and answers 503 until it can) is checked in the background as soon as it answers, and
 * what that finds is logged.
 */
final class StartupChecks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);
  static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

  private final DirectoryCheck check;
  private final ScheduledExecutorService retries;
  private volatile List<MappingProblem> outcome;

  private StartupChecks(DirectoryCheck check) {
    this.check = check;
    this.retries =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "startup-checks");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Checks the directory now; when it cannot be reached, again after {@code firstRetry}, then at
   * growing intervals until it can.
   *
   * @throws StartupCheckException when the directory answers and does not fit the mapping
   */
  static StartupChecks run(DirectoryCheck check, Duration firstRetry) {
    StartupChecks checks = new StartupChecks(check);
    try {
      checks.report(check.run(), true);
    } catch (DirectoryException e) {
      if (!e.isOutage() && !e.isBindRefused()) {
        checks.close();
        throw e;
      }
      LOG.warn(
          "Cannot check {} against the mapping yet ({}); checking again once it answers",
          check.describe(),
          e.resultCode().getName());
      checks.retryAfter(firstRetry);
    } catch (RuntimeException e) {
      checks.close();
      throw e;
    }
    return checks;
  }

  /**
   * Checks the directory in the background only: first after {@code firstRetry}, then at growing
   * intervals until it answers, and logs what that finds. For a mapping read again while the
   * directory could not be asked.
   */
  static StartupChecks later(DirectoryCheck check, Duration firstRetry) {
    StartupChecks checks = new StartupChecks(check);
    checks.retryAfter(firstRetry);
    return checks;
  }

  /** What the checks found, once they ran; empty while the directory has not answered. */
  List<MappingProblem> outcome() {
    List<MappingProblem> known = outcome;
    return known == null ? List.of() : known;
  }

  /** True once the directory answered and was checked. */
  boolean done() {
    return outcome != null;
  }

  private void retryAfter(Duration wait) {
    retries.schedule(() -> retry(wait), wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void retry(Duration waited) {
    try {
      report(check.run(), false);
    } catch (DirectoryException e) {
      if (e.isOutage() || e.isBindRefused()) {
        Duration next = waited.multipliedBy(2);
        retryAfter(next.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : next);
        return;
      }
      LOG.error("Could not check {} against the mapping: {}", check.describe(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("Could not check {} against the mapping: {}", check.describe(), e.toString());
    }
  }

  /**
   * Logs the warnings; errors stop a start that is still going on, and are logged as errors once
   * the gateway is serving.
   */
  private void report(List<MappingProblem> found, boolean starting) {
    outcome = List.copyOf(found);
    List<MappingProblem> errors = found.stream().filter(MappingProblem::isError).toList();
    found.stream()
        .filter(p -> !p.isError())
        .forEach(p -> LOG.warn("{} and the mapping: {}", check.describe(), p.describe()));
    if (errors.isEmpty()) {
      LOG.info("{} fits the mapping", check.describe());
      return;
    }
    String message =
        "the directory "
            + check.describe()
            + " does not fit the mapping:\n"
            + errors.stream()
                .map(p -> "  " + p.describe().replace("\n", "\n  "))
                .collect(Collectors.joining("\n"));
    if (starting) {
      throw new StartupCheckException(message);
    }
    LOG.error(
        "{}\nRequests that need what is missing fail until the directory or the mapping is fixed"
            + " (a mapping file is read again when saved, unless reloadMapping is false)",
        message);
  }

  @Override
  public void close() {
    retries.shutdownNow();
  }
}
