package org.scimldap.store;

import com.unboundid.ldap.sdk.DN;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CorrelationStore} that hands every call to the one it wraps: the base of stores that add
 * something to some calls (rows kept in memory, failures in tests) and override only those.
 */
public abstract class ForwardingStore implements CorrelationStore {
  private final CorrelationStore real;

  protected ForwardingStore(CorrelationStore real) {
    this.real = real;
  }

  /** The store this one wraps. */
  protected final CorrelationStore wrapped() {
    return real;
  }

  @Override
  public Optional<Correlation> findById(String id) {
    return real.findById(id);
  }

  @Override
  public Map<String, StoredParts> storedParts(Collection<String> ids) {
    return real.storedParts(ids);
  }

  @Override
  public Map<DN, Correlation> findByDns(Collection<DN> dns) {
    return real.findByDns(dns);
  }

  @Override
  public List<String> idsByExternalId(String resourceType, String externalId) {
    return real.idsByExternalId(resourceType, externalId);
  }

  @Override
  public void save(Correlation correlation) {
    real.save(correlation);
  }

  @Override
  public boolean saveIfUnchanged(Correlation correlation, Optional<Correlation> read) {
    return real.saveIfUnchanged(correlation, read);
  }

  @Override
  public void delete(String id) {
    real.delete(id);
  }

  @Override
  public void checkWritable() {
    real.checkWritable();
  }

  @Override
  public void close() {
    real.close();
  }
}
