package org.scimldap.store;

import com.unboundid.ldap.sdk.DN;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ties SCIM ids to directory entries. The directory stays the source of truth: a lost row is
 * rebuilt from the entry on the next write, so every lookup may miss. Failures are {@link
 * StoreException}s.
 */
public interface CorrelationStore extends AutoCloseable {

  Optional<Correlation> findById(String id);

  /**
   * The externalIds and kept parts of the resources with these ids, for the ids the store knows:
   * what a page of resources needs of their rows.
   */
  Map<String, StoredParts> storedParts(Collection<String> ids);

  /** The rows of the entries with these DNs, for the DNs the store knows. */
  Map<DN, Correlation> findByDns(Collection<DN> dns);

  /** Ids of resources of a type whose stored externalId equals {@code externalId} exactly. */
  List<String> idsByExternalId(String resourceType, String externalId);

  /** Inserts or replaces the row with this id. */
  void save(Correlation correlation);

  /**
   * Saves the row only if the stored one still holds what a request read before it wrote: the same
   * externalId and kept parts, or no row when {@code read} is empty. False, and nothing saved, when
   * another request changed them meanwhile: the caller reads again and starts over, so that neither
   * request's change to what only the store keeps is lost.
   */
  boolean saveIfUnchanged(Correlation correlation, Optional<Correlation> read);

  void delete(String id);

  /**
   * Fails with a {@link StoreException} unless a row could be written now; writes nothing. A store
   * without a medium of its own (the admin tools' empty one) has nothing to check.
   */
  default void checkWritable() {}

  @Override
  void close();
}
