package org.scimldap.ops;

import com.unboundid.ldap.sdk.DN;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.scimldap.store.Correlation;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.StoredParts;

/**
 * A {@link CorrelationStore} that times every operation of the one it wraps, as {@code
 * store.operations} by {@code operation} ({@code find}, {@code save}, {@code delete}) and {@code
 * outcome} ({@code success} or {@code error}).
 */
final class MeteredStore implements CorrelationStore {
  private final CorrelationStore store;
  private final Timers timers;

  MeteredStore(CorrelationStore store, MeterRegistry registry) {
    this.store = store;
    this.timers =
        new Timers(
            "store.operations",
            "Correlation store operations, by type and outcome",
            registry,
            "operation",
            "outcome");
  }

  @Override
  public Optional<Correlation> findById(String id) {
    return timed("find", () -> store.findById(id));
  }

  @Override
  public Map<String, StoredParts> storedParts(Collection<String> ids) {
    return timed("find", () -> store.storedParts(ids));
  }

  @Override
  public Map<DN, Correlation> findByDns(Collection<DN> dns) {
    return timed("find", () -> store.findByDns(dns));
  }

  @Override
  public List<String> idsByExternalId(String resourceType, String externalId) {
    return timed("find", () -> store.idsByExternalId(resourceType, externalId));
  }

  @Override
  public void save(Correlation correlation) {
    timed(
        "save",
        () -> {
          store.save(correlation);
          return null;
        });
  }

  @Override
  public boolean saveIfUnchanged(Correlation correlation, Optional<Correlation> read) {
    return timed("save", () -> store.saveIfUnchanged(correlation, read));
  }

  @Override
  public void delete(String id) {
    timed(
        "delete",
        () -> {
          store.delete(id);
          return null;
        });
  }

  @Override
  public void checkWritable() {
    store.checkWritable();
  }

  @Override
  public void close() {
    store.close();
  }

  private <T> T timed(String operation, Supplier<T> call) {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      T result = call.get();
      outcome = "success";
      return result;
    } finally {
      timers.with(operation, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }
}
