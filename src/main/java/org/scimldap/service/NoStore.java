package org.scimldap.service;

import com.unboundid.ldap.sdk.DN;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimldap.store.Correlation;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.StoredParts;

/**
 * A correlation store that holds no rows and takes none, for {@link Explainer}: every lookup misses
 * (the directory answers instead, as it does for a lost store), and a write is a programming error.
 */
final class NoStore implements CorrelationStore {
  static final NoStore INSTANCE = new NoStore();

  private NoStore() {}

  @Override
  public Optional<Correlation> findById(String id) {
    return Optional.empty();
  }

  @Override
  public Map<String, StoredParts> storedParts(Collection<String> ids) {
    return Map.of();
  }

  @Override
  public Map<DN, Correlation> findByDns(Collection<DN> dns) {
    return Map.of();
  }

  @Override
  public List<String> idsByExternalId(String resourceType, String externalId) {
    return List.of();
  }

  @Override
  public void save(Correlation correlation) {
    throw new IllegalStateException("nothing is saved while a request is explained");
  }

  @Override
  public boolean saveIfUnchanged(Correlation correlation, Optional<Correlation> read) {
    throw new IllegalStateException("nothing is saved while a request is explained");
  }

  @Override
  public void delete(String id) {
    throw new IllegalStateException("nothing is deleted while a request is explained");
  }

  @Override
  public void close() {}
}
