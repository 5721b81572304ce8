package org.scimldap.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.List;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.scim.ScimException;
import org.scimldap.store.CorrelationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes an entry for a DELETE (RFC 7644 §3.6) so that a failure leaves nothing half done:
 * references to the entry (group memberships, managers) go first, then the entry, then its store
 * row. An entry with entries below it is refused before anything changes (400 mutability, as the
 * directory would); when the directory refuses the delete otherwise, the references are put back.
 * After the delete, references added meanwhile are removed too (a member add that raced the delete
 * also removes the DN itself, {@link VanishedMembers}): no group is left naming a DN that a later
 * entry could take.
 */
final class EntryRemover {
  private static final Logger LOG = LoggerFactory.getLogger(EntryRemover.class);

  private final String typeName;
  private final Directory directory;
  private final CorrelationStore store;
  private final ReferenceMaintainer references;

  EntryRemover(
      String typeName,
      Directory directory,
      CorrelationStore store,
      ReferenceMaintainer references) {
    this.typeName = typeName;
    this.directory = directory;
    this.store = store;
    this.references = references;
  }

  /** Removes the entry at {@code dn}, the resource {@code id}. */
  void remove(String id, DN dn) {
    requireLeaf(dn);
    List<ReferenceMaintainer.ReferenceChange> cleanup = references.beforeRemoval(dn);
    references.apply(cleanup);
    try {
      directory.delete(dn);
    } catch (DirectoryException e) {
      references.restore(cleanup);
      throw e;
    }
    recheckReferences(dn);
    store.delete(id);
  }

  /** 400 mutability when entries are below {@code dn}: the directory deletes only leaves. */
  private void requireLeaf(DN dn) {
    boolean[] below = {false};
    directory.search(
        dn,
        SearchScope.ONE,
        Filter.createPresenceFilter("objectClass"),
        List.of("1.1"),
        e -> below[0] = true);
    if (below[0]) {
      throw ScimException.mutability(
          typeName
              + " "
              + dn
              + " has entries below it, which the gateway does not delete; a directory"
              + " administrator may remove them first");
    }
  }

  /**
   * Removes references to a deleted entry that were added while it was deleted. A failure is
   * logged: the entry is gone already, and references left at its DN are removed before another
   * entry takes it ({@link ReferenceMaintainer#removed}, on create).
   */
  private void recheckReferences(DN gone) {
    try {
      references.removed(gone);
    } catch (DirectoryException e) {
      LOG.error(
          "{} was deleted, but references to it could not be removed ({}); they are removed"
              + " before another entry takes its name",
          gone,
          e.getMessage());
    }
  }
}
