package org.scimldap.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.PoolUsage;
import org.scimldap.store.CorrelationStore;

/**
 * The gateway's metrics, in one Micrometer registry that {@link #scrape()} renders in the
 * Prometheus text format: HTTP requests by resource type, method and status; directory operations
 * by type and outcome, and the connection pool; store operations; the JVM. Latencies are timers
 * with histogram buckets, so that quantiles can be computed on the Prometheus side.
 */
public final class GatewayMetrics implements AutoCloseable {
  static final Duration FASTEST = Duration.ofMillis(1);
  static final Duration SLOWEST = Duration.ofSeconds(30);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private final Timers requests =
      new Timers(
          "http.server.requests",
          "HTTP requests answered, by resource type, method and status",
          registry,
          "resource",
          "method",
          "status");

  /** Listens to the JVM's garbage collections until closed. */
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public GatewayMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  /** The directory, with each operation timed, and its connection pool's usage as gauges. */
  public Directory metered(Directory directory) {
    poolGauge("ldap.pool.idle", "Connections open and idle", directory, PoolUsage::idle);
    poolGauge("ldap.pool.max", "Connections the pool may hold", directory, PoolUsage::max);
    poolCounter(
        "ldap.pool.waits",
        "Requests that waited for a free connection",
        directory,
        PoolUsage::checkoutsWaited);
    poolCounter(
        "ldap.pool.checkout.failures",
        "Requests that got no connection",
        directory,
        PoolUsage::checkoutsFailed);
    poolCounter(
        "ldap.pool.connect.failures",
        "Connections that could not be opened",
        directory,
        PoolUsage::connectsFailed);
    return new MeteredDirectory(directory, registry);
  }

  /** The store, with each operation timed. */
  public CorrelationStore metered(CorrelationStore store) {
    return new MeteredStore(store, registry);
  }

  /**
   * Records one HTTP request that has been answered.
   *
   * @param resource the resource endpoint (e.g. {@code Users}), a discovery endpoint, or {@code
   *     other}: a bounded set, never a path with ids
   */
  public void request(String resource, String method, int status, long nanos) {
    requests.with(resource, method, Integer.toString(status)).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Every metric, in the Prometheus text exposition format. */
  public String scrape() {
    return registry.scrape();
  }

  /** The content type of {@link #scrape()}. */
  public static String contentType() {
    return "text/plain; version=0.0.4; charset=utf-8";
  }

  static Timer.Builder timer(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(FASTEST)
        .maximumExpectedValue(SLOWEST);
  }

  /**
   * Shows {@code entries} as {@code ldap.followed.entries}: how many entries the gateway keeps
   * current by following the directory's changes (0 where it does not, or while it cannot).
   */
  public void followedEntries(IntSupplier entries) {
    Gauge.builder("ldap.followed.entries", entries, IntSupplier::getAsInt)
        .description("Entries whose ids and DNs are kept current by following the directory")
        .strongReference(true) // the supplier is a method reference nothing else holds
        .register(registry);
  }

  private void poolGauge(
      String name, String description, Directory directory, ToDoubleFunction<PoolUsage> value) {
    Gauge.builder(name, directory, d -> d.poolUsage().map(value::applyAsDouble).orElse(0.0))
        .description(description)
        .register(registry);
  }

  private void poolCounter(
      String name, String description, Directory directory, ToDoubleFunction<PoolUsage> value) {
    FunctionCounter.builder(
            name, directory, d -> d.poolUsage().map(value::applyAsDouble).orElse(0.0))
        .description(description)
        .register(registry);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
