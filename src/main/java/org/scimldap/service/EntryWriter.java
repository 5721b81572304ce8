package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.GroupPlaceholder;
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
  private final UniqueValues unique;

  EntryWriter(
      EntryMapper mapper,
      Directory directory,
      EntryLocator locator,
      ReferenceMaintainer references,
      ListSnapshots snapshots) {
    this.mapper = mapper;
    this.directory = directory;
    this.locator = locator;
    this.references = references;
    this.snapshots = snapshots;
    this.unique = new UniqueValues(mapper, directory);
  }

  /**
   * Carries out a write and returns the entry as it now is; empty when it was renamed or deleted by
   * someone else right after the write (the caller starts again).
   */
  Optional<Entry> write(WritePlan plan) {
    Entry entry = plan.target().entry();
    Optional<Filter> asRead =
        plan.assertUnchanged() ? ResourceMeta.unchanged(entry) : Optional.empty();
    Changes changes = changes(mapper, plan);
    DN dn = changes.dn();
    boolean renamed = changes.newRdn().isPresent();
    boolean membersInDiff = plan.members() instanceof WritePlan.Members.FromDiff;
    List<Modification> mods = changes.modifications();
    refuseSecretsInClear(mods.stream().map(Modification::getAttributeName).toList());
    unique.requireFree(mods, entry);

    snapshots.written();
    DN target = dn;
    if (renamed) {
      RDN newRdn = changes.newRdn().get();
      if (newRdn.equals(dn.getRDN())) {
        renamed = renameCaseOnly(dn, newRdn, asRead);
      } else {
        requireUnique(plan.after(), dn);
        directory.rename(dn, newRdn, asRead);
      }
      target = renamed ? changes.renamedDn().orElseThrow() : dn;
    }
    try {
      Optional<Filter> unchanged = asRead;
      if (plan.assertUnchanged() && renamed) {
        unchanged = directory.read(target, ResourceMeta.MARKERS).flatMap(ResourceMeta::unchanged);
      }
      modify(target, mods, !membersInDiff, unchanged);
    } catch (RuntimeException e) {
      if (renamed) {
        undoRename(target, dn.getRDN());
      }
      throw e;
    }
    if (renamed) {
      references.renamed(dn, target);
    }
    snapshots.written();
    Optional<Entry> updated = directory.read(target, mapper.attributesToFetch(membersInDiff));
    updated.ifPresent(u -> locator.remember(mapper, u, plan.externalId(), plan.kept()));
    LOG.info(
        "Updated {} {} ({} changes{})",
        mapper.mapping().name(),
        target,
        mods.size(),
        renamed ? ", renamed from " + dn : "");
    return updated;
  }

  /**
   * What a write plan changes, worked out without writing: the entry's DN, its new RDN when the
   * naming value changed, and the modifications of the one modify (the mapper's diff, then the
   * given membership changes).
   */
  record Changes(DN dn, Optional<RDN> newRdn, List<Modification> modifications) {
    Changes {
      modifications = List.copyOf(modifications);
    }

    /** The entry's DN after the rename, when there is one. */
    Optional<DN> renamedDn() {
      return newRdn.map(rdn -> new DN(rdn, dn.getParent()));
    }
  }

  /** The changes {@link #write} makes for {@code plan}; pure. */
  static Changes changes(EntryMapper mapper, WritePlan plan) {
    Entry entry = plan.target().entry();
    DN dn = Entries.dn(entry);
    RDN newRdn = mapper.rdn(plan.after());
    boolean renamed = !newRdn.toString().equals(dn.getRDN().toString());
    boolean membersInDiff = plan.members() instanceof WritePlan.Members.FromDiff;
    List<Modification> mods =
        new ArrayList<>(
            mapper.diff(plan.before(), plan.after(), entry, plan.refs(), membersInDiff));
    if (plan.members() instanceof WritePlan.Members.Given given) {
      mods.addAll(given.modifications());
    }
    return new Changes(dn, renamed ? Optional.of(newRdn) : Optional.empty(), mods);
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
    } catch (DirectoryException e) {
      if (!e.isRefusal()) {
        throw e;
      }
      LOG.debug(
          "{} refused a rename that changes only case ({}); keeping {}",
          directory.describe(),
          e.getMessage(),
          dn);
      return false;
    }
  }

  /**
   * One modify; with {@code refill}, a group the directory refuses to leave without a member gets
   * its placeholder back in the same modify (see {@link GroupPlaceholder#refill()}).
   */
  private void modify(
      DN target, List<Modification> mods, boolean refill, Optional<Filter> assertion) {
    try {
      directory.modify(target, mods, true, assertion);
    } catch (DirectoryException e) {
      Optional<Modification> placeholder =
          refill && e.isObjectClassViolation()
              ? mapper.mapping().membersRule().map(GroupPlaceholder::new).flatMap(p -> p.refill())
              : Optional.empty();
      if (placeholder.isEmpty()) {
        throw e;
      }
      List<Modification> refilled = new ArrayList<>();
      refilled.add(placeholder.get());
      refilled.addAll(mods);
      directory.modify(target, refilled, true, assertion);
    }
  }

  private void undoRename(DN current, RDN original) {
    try {
      directory.rename(current, original, Optional.empty());
    } catch (DirectoryException e) {
      LOG.error(
          "Could not undo the rename of {} after a failed modify: {}", current, e.getMessage());
    }
  }

  /**
   * Fails, before anything is written, when {@code attributes} include one that holds a secret the
   * directory only takes over TLS (Active Directory's {@code unicodePwd}) and the connection is not
   * protected: the password would cross the network in clear.
   */
  void refuseSecretsInClear(Collection<String> attributes) {
    if (directory.encrypted()) {
      return;
    }
    Set<String> secret = mapper.tlsOnlyAttributes();
    for (String name : attributes) {
      if (secret.contains(name.toLowerCase(Locale.ROOT))) {
        throw new ScimException(
            500,
            null,
            "The gateway sends '"
                + name
                + "' only over TLS, and its directory connection has none: configure an"
                + " ldaps:// URL or ldap.startTls",
            null,
            false);
      }
    }
  }

  /**
   * Fails with 409 when another entry of this type holds a value of a {@code unique: true} rule
   * that the new {@code entry} has ({@link UniqueValues}).
   */
  void requireUniqueValues(Entry entry) {
    unique.requireFree(entry);
  }

  /**
   * Fails with 409 when another entry of this type holds a value of a {@code unique: true} rule
   * that {@code mods} give {@code current}.
   */
  void requireUniqueValues(List<Modification> mods, Entry current) {
    unique.requireFree(mods, current);
  }

  /** Fails with 409 when another entry of this type has the naming value of {@code resource}. */
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
}
