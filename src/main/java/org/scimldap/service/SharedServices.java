package org.scimldap.service;

import java.util.List;
import org.scimldap.ldap.Directory;
import org.scimldap.mapping.EntryMapper;
import org.scimldap.store.CorrelationStore;

/**
 * What every resource type's service shares: the directory, the store, the locator of entries, the
 * keeper of references, the builder of URLs, and the list snapshots (a write to one type, a deleted
 * user, can change the lists of another, its groups).
 */
public record SharedServices(
    Directory directory,
    CorrelationStore store,
    EntryLocator locator,
    ReferenceMaintainer references,
    Locations locations,
    ListSnapshots snapshots) {

  /** Builds the shared parts for the resource types of {@code mappers}. */
  public static SharedServices of(
      Directory directory, CorrelationStore store, List<EntryMapper> mappers, Locations locations) {
    return new SharedServices(
        directory,
        store,
        new EntryLocator(directory, store, mappers),
        new ReferenceMaintainer(directory, mappers),
        locations,
        new ListSnapshots());
  }
}
