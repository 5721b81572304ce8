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
import org.scimldap.ldap.RequestDeadline;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.EntryNames;
import org.scimldap.mapping.entry.GroupPlaceholder;
import org.scimldap.scim.ScimException;
import org.scimldap.service.OptimisticRetry.Attempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a changed resource to its entry: a rename when the naming value changed and a move when
 * its placement did (one modify DN for both), then one modify guarded against changes made since
 * the entry was read ({@link ChangeGuard}), undoing the rename or move when the modify fails; and
 * the checks a write needs (a name nobody else has, nor a retained leaver, and the entry as it is
 * afterwards).
 */
final class EntryWriter {
  private static final Logger LOG = LoggerFactory.getLogger(EntryWriter.class);

  private final EntryMapper mapper;
  private final Directory directory;
  private final EntryLocator locator;
  private final ReferenceMaintainer references;
  private final ListSnapshots snapshots;
  private final UniqueValues unique;
  private final ChangeGuard guard;
  private final SingleValues singleValues;

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
    this.guard = new ChangeGuard(mapper, directory);
    this.singleValues = new SingleValues(mapper, directory);
  }

  /**
   * Carries out a write and returns the entry as it now is; the caller starts again when the write
   * finds the entry changed since it was read, on a directory without assertions, or when the entry
   * was renamed or deleted by someone else right after the write.
   */
  Attempt<Entry> write(WritePlan plan) {
    NameCharacters.require(mapper, plan.before(), plan.after());
    Entry entry = plan.target().entry();
    boolean guarded = plan.guarded();
    boolean remembered = plan.target().remembered();
    Optional<Filter> asRead = guarded ? guard.assertion(entry) : Optional.empty();
    if (remembered) {
      // Not read for this request: the write also asserts what finding the entry would have
      // checked, that it is still a resource of the type (what an overlay maintains, such as
      // memberOf, changes without the change marker).
      asRead = asRead.map(this::stillAResource);
    }
    Changes changes = changes(plan);
    DN dn = changes.dn();
    boolean membersInDiff = plan.members() instanceof WritePlan.Members.FromDiff;
    List<Modification> mods = changes.modifications();
    if (remembered && (mods.isEmpty() || asRead.isEmpty())) {
      // No modify would check the remembered entry against the directory's.
      return Attempt.again("The remembered entry " + dn + " is to be read");
    }
    refuseSecretsInClear(mods.stream().map(Modification::getAttributeName).toList());
    singleValues.requireOfChanges(mods);
    unique.requireFree(mods, entry);

    if (guarded && !guard.stillAsRead(dn, entry)) {
      return Attempt.again("Entry " + dn + " changed while it was written");
    }
    snapshots.written();
    boolean relocated = changes.renamedDn().isPresent() && relocate(plan.after(), changes, asRead);
    DN target = relocated ? changes.renamedDn().orElseThrow() : dn;
    List<String> readBack = mapper.attributesToFetch(membersInDiff);
    Optional<Entry> updated;
    try {
      Optional<Filter> unchanged = asRead;
      if (asRead.isPresent() && relocated) {
        unchanged = directory.read(target, ResourceMeta.MARKERS).flatMap(ResourceMeta::unchanged);
      }
      updated = modify(target, mods, !membersInDiff, guarded, unchanged, readBack);
    } catch (RuntimeException e) {
      if (relocated) {
        undoRelocation(target, dn);
      }
      throw e;
    }
    if (relocated) {
      references.renamed(dn, target);
      // The entry may refer to its own old name (its own manager): read it as that left it.
      updated = directory.read(target, readBack);
    }
    snapshots.written();
    if (updated.isPresent()
        && !locator.rememberIfUnchanged(
            mapper, updated.get(), plan.externalId(), plan.kept(), plan.target())) {
      return Attempt.again(
          "What the gateway keeps for "
              + target
              + " (externalId, kept attributes) changed"
              + " while it was written");
    }
    LOG.info(
        "Updated {} {} ({} changes{})",
        mapper.mapping().name(),
        target,
        mods.size(),
        relocated ? ", renamed or moved from " + dn : "");
    return updated
        .map(Attempt::done)
        .orElseGet(() -> Attempt.again("Entry " + target + " was renamed or deleted meanwhile"));
  }

  /** {@code unchanged}, and the entry still meets the type's filter and is not protected. */
  private Filter stillAResource(Filter unchanged) {
    List<Filter> all = new ArrayList<>();
    all.add(unchanged);
    all.add(mapper.mapping().entryFilter());
    mapper.mapping().protection().ifPresent(p -> all.add(Filter.createNOTFilter(p)));
    return Filter.createANDFilter(all);
  }

  /**
   * What a write plan changes, worked out without writing: the entry's DN, its new RDN when the
   * naming value changed, its new container when its placement changed, and the modifications of
   * the one modify (the mapper's diff, guarded where the plan asks for it, then the given
   * membership changes).
   */
  record Changes(
      DN dn, Optional<RDN> newRdn, Optional<DN> newSuperior, List<Modification> modifications) {
    Changes {
      modifications = List.copyOf(modifications);
    }

    /** The entry's DN after the rename or move, when there is one. */
    Optional<DN> renamedDn() {
      if (newRdn.isEmpty() && newSuperior.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new DN(newRdn.orElse(dn.getRDN()), newSuperior.orElse(dn.getParent())));
    }
  }

  /**
   * The changes {@link #write} makes for {@code plan}; writes nothing. The entry is renamed when
   * the mapping names it otherwise, as names compare ({@link EntryNames}): not when its RDN is only
   * spelled otherwise ({@code CN=Alice} for {@code cn=Alice}).
   */
  Changes changes(WritePlan plan) {
    Entry entry = plan.target().entry();
    DN dn = Entries.dn(entry);
    RDN newRdn = mapper.rdn(plan.after());
    boolean renamed = !EntryNames.same(dn.getRDN(), newRdn, directory.schema());
    Optional<DN> newSuperior =
        mapper.containers().moveTo(plan.before(), plan.after(), dn.getParent());
    boolean membersInDiff = plan.members() instanceof WritePlan.Members.FromDiff;
    List<Modification> diff =
        mapper.diff(plan.before(), plan.after(), entry, plan.refs(), membersInDiff);
    List<Modification> mods =
        new ArrayList<>(plan.guarded() ? guard.guarded(entry, diff, membersInDiff) : diff);
    if (plan.members() instanceof WritePlan.Members.Given given) {
      mods.addAll(given.modifications());
    }
    return new Changes(dn, renamed ? Optional.of(newRdn) : Optional.empty(), newSuperior, mods);
  }

  /**
   * The one modify DN of a write: a rename, a move to another container, or both at once (RFC 4511
   * §4.9), asserting the entry is as read. False when nothing happened: a directory that compares
   * names ignoring case kept a name that differs only in case.
   */
  private boolean relocate(ObjectNode after, Changes changes, Optional<Filter> asRead) {
    DN dn = changes.dn();
    RDN newRdn = changes.newRdn().orElse(dn.getRDN());
    if (changes.newSuperior().isEmpty()) {
      if (newRdn.equals(dn.getRDN())) {
        return renameCaseOnly(dn, newRdn, asRead);
      }
      requireUnique(after, dn);
      directory.rename(dn, newRdn, asRead);
      return true;
    }
    if (!newRdn.equals(dn.getRDN())) {
      requireUnique(after, dn);
    }
    directory.move(dn, newRdn, changes.newSuperior().get(), asRead);
    return true;
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
   * One modify, {@code guarded} or not (then permissive), and the entry as it left it with the
   * {@code readBack} attributes (empty when it is gone by then); with {@code refill}, a group the
   * directory refuses to leave without a member gets its placeholder back in the same modify (see
   * {@link GroupPlaceholder#refill()}).
   */
  private Optional<Entry> modify(
      DN target,
      List<Modification> mods,
      boolean refill,
      boolean guarded,
      Optional<Filter> assertion,
      List<String> readBack) {
    try {
      return send(target, mods, guarded, assertion, readBack);
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
      return send(target, refilled, guarded, assertion, readBack);
    }
  }

  /** One modify, and the entry as it left it (empty when it is gone by then). */
  private Optional<Entry> send(
      DN target,
      List<Modification> mods,
      boolean guarded,
      Optional<Filter> assertion,
      List<String> readBack) {
    if (guarded) {
      return guard.modifyAndRead(target, mods, assertion, readBack);
    }
    return directory.modifyAndRead(target, mods, true, Optional.empty(), readBack);
  }

  /**
   * Puts a renamed or moved entry back where and as it was, after a failed modify; also when the
   * modify failed because the request's deadline passed ({@link RequestDeadline#lifted}).
   */
  private void undoRelocation(DN current, DN original) {
    try {
      RequestDeadline.lifted(
          () -> {
            if (current.getParent().equals(original.getParent())) {
              directory.rename(current, original.getRDN(), Optional.empty());
            } else {
              directory.move(current, original.getRDN(), original.getParent(), Optional.empty());
            }
          });
    } catch (DirectoryException e) {
      LOG.error(
          "Could not undo the rename or move of {} to {} after a failed modify: {}",
          original,
          current,
          e.getMessage());
    }
  }

  /** Refuses more than one value for an attribute the directory holds one of (400). */
  void requireSingleValues(Entry entry) {
    singleValues.requireOfNewEntry(entry.getAttributes());
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
   * that the new {@code entry} has ({@link UniqueValues}); a taken value of a {@code unique:
   * suffix} rule is replaced in {@code entry} by the next free one.
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

  /**
   * Fails with 409 when another entry of this type has the naming value of {@code resource}, as the
   * directory compares it or in its NFKC, case-folded form ({@link NameCharacters#folded}); the
   * detail names the id of that resource, so that a client that sent the same create twice (its
   * first answer lost) can find the one it made.
   */
  void requireUnique(ObjectNode resource, DN self) {
    RDN rdn = mapper.rdn(resource);
    Filter same = Filter.createANDFilter(named(resource), mapper.mapping().entryFilter());
    List<Entry> clash = new ArrayList<>();
    directory.search(
        mapper.searchBase(),
        SearchScope.SUB,
        same,
        List.of(mapper.mapping().idAttribute()),
        clash::add);
    clash.removeIf(e -> self != null && Entries.dn(e).equals(self));
    if (!clash.isEmpty()) {
      throw ScimException.uniqueness(
          mapper.mapping().name()
              + " with "
              + mapper.mapping().rdnSource()
              + " '"
              + rdn.getAttributeValues()[0]
              + "' already exists"
              + mapper.immutableId(clash.get(0)).map(id -> " (id " + id + ")").orElse(""));
    }
    requireNoLeaver(same, rdn);
  }

  /**
   * What {@link #requireUnique} searches for, whatever the type's filter: an entry with the naming
   * value of {@code resource}, as the directory compares it or in its NFKC, case-folded form.
   */
  Filter named(ObjectNode resource) {
    RDN rdn = mapper.rdn(resource);
    String attribute = rdn.getAttributeNames()[0];
    String value = rdn.getAttributeValues()[0];
    String folded = NameCharacters.folded(value);
    return folded.equals(value)
        ? Filter.createEqualityFilter(attribute, value)
        : Filter.createORFilter(
            Filter.createEqualityFilter(attribute, value),
            Filter.createEqualityFilter(attribute, folded));
  }

  /**
   * What {@link #requireUnique} checks besides the entries of the type, once a search of them for
   * {@link #named} found none: that no retained leaver has the naming value.
   */
  void requireNoLeaver(ObjectNode resource) {
    requireNoLeaver(
        Filter.createANDFilter(named(resource), mapper.mapping().entryFilter()),
        mapper.rdn(resource));
  }

  /**
   * Fails with 409 when a retained leaver of this type has the naming value: a new resource never
   * takes over an old account, and the leaver is never revived silently.
   */
  private void requireNoLeaver(Filter same, RDN rdn) {
    Optional<DN> leavers = mapper.containers().leavers();
    if (leavers.isEmpty()) {
      return;
    }
    List<Entry> found = new ArrayList<>();
    directory.search(leavers.get(), SearchScope.SUB, same, List.of("1.1"), found::add);
    if (!found.isEmpty()) {
      throw ScimException.uniqueness(
          "A deleted "
              + mapper.mapping().name()
              + " with "
              + mapper.mapping().rdnSource()
              + " '"
              + rdn.getAttributeValues()[0]
              + "' is kept as a leaver at "
              + Entries.dn(found.get(0))
              + "; a directory administrator may move it back (it keeps its id) or delete it");
    }
  }
}
