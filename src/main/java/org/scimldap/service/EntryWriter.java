package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.Entries;
import org.scimldap.ldap.LdapErrors;
import org.scimldap.mapping.EntryMapper;
import org.scimldap.scim.ScimException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a changed resource to its entry: a rename when the naming value changed, then one modify
 * asserting the entry is as read, undoing the rename when the modify fails; and the checks a write
 * needs (a name nobody else has, the entry as it is afterwards).
 */
final class EntryWriter {
  private static final Logger LOG = LoggerFactory.getLogger(EntryWriter.class);

  private final EntryMapper mapper;
  private final Directory directory;
  private final EntryLocator locator;
  private final ReferenceMaintainer references;
  private final ListSnapshots snapshots;

  EntryWriter(EntryMapper mapper, SharedServices shared) {
    this.mapper = mapper;
    this.directory = shared.directory();
    this.locator = shared.locator();
    this.references = shared.references();
    this.snapshots = shared.snapshots();
  }

  /**
   * Writes the change from {@code before} to {@code after} (a rename when the naming value changed,
   * then one modify with {@code extra} appended) and returns the entry as it now is (read without
   * members unless {@code membersInDiff}: then members changed through the diff). When the modify
   * fails because it would empty a group, it is sent once more with {@code emptyingFallback} (which
   * adds the placeholder member) in front.
   */
  Entry write(
      EntryLocator.Located located,
      ObjectNode before,
      ObjectNode after,
      boolean membersInDiff,
      boolean asserted,
      List<Modification> extra,
      Optional<Modification> emptyingFallback,
      String newExternal) {
    Entry entry = located.entry();
    Optional<Filter> asRead = asserted ? ResourceMeta.unchanged(entry) : Optional.empty();
    DN dn = Entries.dn(entry);
    RDN newRdn = mapper.rdn(after);
    boolean renamed = !newRdn.toString().equals(dn.getRDN().toString());
    List<Modification> mods =
        new ArrayList<>(mapper.diff(before, after, entry, locator, membersInDiff));
    mods.addAll(extra);

    snapshots.written();
    DN target = dn;
    if (renamed) {
      if (newRdn.equals(dn.getRDN())) {
        renamed = renameCaseOnly(dn, newRdn, asRead);
      } else {
        requireUnique(after, dn);
        directory.rename(dn, newRdn, asRead);
      }
      target = renamed ? new DN(newRdn, dn.getParent()) : dn;
    }
    try {
      Optional<Filter> unchanged = asRead;
      if (asserted && renamed) {
        unchanged = directory.read(target, ResourceMeta.MARKERS).flatMap(ResourceMeta::unchanged);
      }
      modifyOrRefill(target, mods, emptyingFallback, unchanged);
    } catch (ScimException e) {
      if (renamed) {
        undoRename(target, dn.getRDN());
      }
      throw e;
    }
    if (renamed) {
      references.renamed(dn, target);
    }
    snapshots.written();
    Entry updated = reread(target, !membersInDiff);
    locator.remember(mapper, updated, newExternal);
    LOG.info(
        "Updated {} {} ({} changes{})",
        mapper.mapping().name(),
        target,
        mods.size(),
        renamed ? ", renamed from " + dn : "");
    return updated;
  }

  /**
   * A new name that differs only in case: directories that compare names case-insensitively may
   * refuse to rename an entry to "the same" DN. Then the entry keeps its name, which still matches
   * the new one as LDAP compares names; true when the rename happened.
   */
  private boolean renameCaseOnly(DN dn, RDN newRdn, Optional<Filter> asRead) {
    try {
      directory.rename(dn, newRdn, asRead);
      return true;
    } catch (ScimException e) {
      boolean refused =
          (e.status() < 500 && e.status() != 412)
              || LdapErrors.resultCode(e)
                  .map(rc -> rc == ResultCode.UNWILLING_TO_PERFORM)
                  .orElse(false);
      if (!refused) {
        throw e;
      }
      LOG.debug(
          "{} refused a rename that changes only case ({}); keeping {}",
          directory.describe(),
          e.detail(),
          dn);
      return false;
    }
  }

  private void modifyOrRefill(
      DN target,
      List<Modification> mods,
      Optional<Modification> emptyingFallback,
      Optional<Filter> assertion) {
    try {
      directory.modify(target, mods, true, assertion);
    } catch (ScimException e) {
      boolean emptied =
          LdapErrors.resultCode(e).map(rc -> rc == ResultCode.OBJECT_CLASS_VIOLATION).orElse(false);
      if (emptyingFallback.isEmpty() || !emptied) {
        throw e;
      }
      List<Modification> refilled = new ArrayList<>();
      refilled.add(emptyingFallback.get());
      refilled.addAll(mods);
      directory.modify(target, refilled, true, assertion);
    }
  }

  private void undoRename(DN current, RDN original) {
    try {
      directory.rename(current, original, Optional.empty());
    } catch (ScimException e) {
      LOG.error("Could not undo the rename of {} after a failed modify: {}", current, e.detail());
    }
  }

  void requireUnique(ObjectNode resource, DN self) {
    RDN rdn = mapper.rdn(resource);
    Filter same =
        Filter.createANDFilter(
            Filter.createEqualityFilter(rdn.getAttributeNames()[0], rdn.getAttributeValues()[0]),
            mapper.mapping().entryFilter());
    List<Entry> clash = new ArrayList<>();
    directory.search(mapper.searchBase(), SearchScope.SUB, same, List.of("1.1"), clash::add);
    clash.removeIf(e -> self != null && Entries.dn(e).equals(self));
    if (!clash.isEmpty()) {
      throw ScimException.uniqueness(
          mapper.mapping().name()
              + " with "
              + mapper.mapping().rdnSource()
              + " '"
              + rdn.getAttributeValues()[0]
              + "' already exists");
    }
  }

  Entry reread(DN dn) {
    return reread(dn, false);
  }

  Entry reread(DN dn, boolean withoutMembers) {
    return directory
        .read(dn, mapper.attributesToFetch(!withoutMembers))
        .orElseThrow(
            () ->
                ScimException.unavailable(
                    "Entry " + dn + " was renamed or deleted while it was written; retry",
                    new com.unboundid.ldap.sdk.LDAPException(ResultCode.NO_SUCH_OBJECT)));
  }
}
