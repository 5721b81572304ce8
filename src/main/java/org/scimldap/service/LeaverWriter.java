package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import java.util.List;
import java.util.Optional;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.DeletePolicy;
import org.scimldap.scim.ScimException;
import org.scimldap.service.OptimisticRetry.Attempt;
import org.scimldap.store.CorrelationStore;

/**
 * A DELETE that keeps the entry as a leaver ({@link DeletePolicy} with {@code retain}): the entry
 * leaves its groups (with {@code dropMemberships}), is disabled through the type's {@code active}
 * rule (with {@code disable}, guarded against a change since it was read: {@link ChangeGuard}),
 * moves to the leavers' container outside the search base (modify DN with a new superior, RFC 4511
 * §4.9), and loses its store row. From then on no search of the gateway finds it: GET is 404, lists
 * and filters leave it out, and its id resolves no more.
 *
 * <p>Each step can be run again: when one fails, the DELETE answers the failure and leaves the
 * entry where the steps before left it (out of its groups, disabled), still a resource; the
 * identity provider's retry finishes the work. An entry is never moved before it is disabled.
 */
final class LeaverWriter {
  private final EntryMapper mapper;
  private final Directory directory;
  private final CorrelationStore store;
  private final ReferenceMaintainer references;
  private final ChangeGuard guard;

  LeaverWriter(
      EntryMapper mapper,
      Directory directory,
      CorrelationStore store,
      ReferenceMaintainer references) {
    this.mapper = mapper;
    this.directory = directory;
    this.store = store;
    this.references = references;
    this.guard = new ChangeGuard(mapper, directory);
  }

  /**
   * Keeps the loaded resource {@code id} as a leaver; the leaver's DN, or to start again when the
   * entry changed since it was read (found just before its first change, on a directory without
   * assertions).
   */
  Attempt<DN> retire(String id, ResourceLoader.Loaded loaded) {
    DeletePolicy policy = mapper.mapping().delete();
    DN leavers = mapper.containers().leavers().orElseThrow();
    DN at = Entries.dn(loaded.entry());
    DN leaver = new DN(at.getRDN(), leavers);
    Optional<Filter> asRead = guard.assertion(loaded.entry());
    if (policy.dropMemberships()) {
      references.droppedFromGroups(at);
    }
    if (!guard.stillAsRead(at, loaded.entry())) {
      return Attempt.again("Entry " + at + " changed while it was deleted");
    }
    if (policy.disable()) {
      List<Modification> disable = disabling(loaded);
      if (!disable.isEmpty()) {
        guard.modify(at, guard.guarded(loaded.entry(), disable, false), asRead);
        if (guard.asserts()) {
          asRead = directory.read(at, ResourceMeta.MARKERS).flatMap(ResourceMeta::unchanged);
        }
      }
    }
    try {
      directory.move(at, at.getRDN(), leavers, asRead);
    } catch (DirectoryException e) {
      if (e.isNoSuchEntry() && directory.read(leavers, List.of("1.1")).isEmpty()) {
        throw ScimException.internal(
            "The leavers' container "
                + leavers
                + " of "
                + mapper.mapping().name()
                + " does not exist; nothing was deleted",
            e);
      }
      if (e.kind() == DirectoryException.Kind.ALREADY_EXISTS) {
        throw ScimException.uniqueness(
            "An older leaver is kept at "
                + leaver
                + ", so "
                + at
                + " cannot move there; it stays where it is"
                + (policy.disable() ? ", disabled" : "")
                + ", until a directory administrator removes or renames the older one");
      }
      throw e;
    }
    references.renamed(at, leaver);
    store.delete(id);
    return Attempt.done(leaver);
  }

  /** The modifications that set {@code active} to false, through the type's own rule. */
  private List<Modification> disabling(ResourceLoader.Loaded loaded) {
    ObjectNode after = loaded.resource().deepCopy();
    after.put("active", false);
    return mapper.diff(loaded.resource(), after, loaded.entry(), loaded.refs(), false);
  }
}
