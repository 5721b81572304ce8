package org.scimldap.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.ldap.DnStrings;
import org.scimldap.ldap.Entries;
import org.scimldap.ldap.RequestDeadline;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.GroupPlaceholder;
import org.scimldap.mapping.spec.AttributeRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps DN references (group members, managers) pointing at the right entries when an entry is
 * renamed or deleted, for directories without a referential-integrity plug-in. Where the directory
 * already did it (OpenLDAP's refint overlay), the searches find nothing to change. Before a new
 * entry is added, references to its DN that something left behind are removed too, so that a new
 * user never inherits the group memberships of an old one with the same name.
 */
public final class ReferenceMaintainer {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceMaintainer.class);

  private final Directory directory;
  private final List<EntryMapper> mappers;

  public ReferenceMaintainer(Directory directory, List<EntryMapper> mappers) {
    this.directory = directory;
    this.mappers = List.copyOf(mappers);
  }

  /**
   * A change to one entry that refers to another: the same attribute values, renamed or removed.
   *
   * @param holder the entry that holds the references
   * @param modifications what changes in it
   * @param refill for a group, what keeps it valid when the change turns out to leave it without a
   *     member (others removed theirs meanwhile): its placeholder, sent again in front
   */
  record ReferenceChange(
      DN holder, List<Modification> modifications, Optional<Modification> refill) {
    ReferenceChange {
      modifications = List.copyOf(modifications);
    }

    ReferenceChange(DN holder, List<Modification> modifications) {
      this(holder, modifications, Optional.empty());
    }
  }

  /** Makes {@code change}, with its refill in front when the directory refuses an empty group. */
  private void write(ReferenceChange change) {
    try {
      directory.modify(change.holder(), change.modifications(), true, Optional.empty());
    } catch (DirectoryException e) {
      if (!e.isObjectClassViolation() || change.refill().isEmpty()) {
        throw e;
      }
      List<Modification> refilled = new ArrayList<>();
      refilled.add(change.refill().get());
      refilled.addAll(change.modifications());
      directory.modify(change.holder(), refilled, true, Optional.empty());
    }
  }

  /**
   * After a rename: references to {@code from} now name {@code to}. The rename is done, so this
   * runs to its end even when the request's deadline has passed ({@link RequestDeadline#lifted}).
   */
  void renamed(DN from, DN to) {
    RequestDeadline.lifted(
        () -> {
          for (ReferenceChange change : afterRename(from, to)) {
            try {
              directory.modify(change.holder(), change.modifications(), true, Optional.empty());
            } catch (DirectoryException e) {
              LOG.warn("Could not update references in {}: {}", change.holder(), e.getMessage());
            }
          }
        });
  }

  /** The changes {@link #renamed} makes; reads only. */
  List<ReferenceChange> afterRename(DN from, DN to) {
    List<ReferenceChange> changes = new ArrayList<>();
    for (Reference ref : references()) {
      for (Entry holder : holders(ref, from)) {
        changes.add(
            new ReferenceChange(
                Entries.dn(holder),
                List.of(
                    new Modification(ModificationType.ADD, ref.attribute, DnStrings.of(to)),
                    new Modification(ModificationType.DELETE, ref.attribute, DnStrings.of(from)))));
      }
    }
    return changes;
  }

  /**
   * Before a delete, or before a new entry takes a DN: references to {@code gone} are removed (a
   * group keeps its placeholder). A failure fails the caller, so that nothing goes on with a
   * reference left behind.
   */
  void removed(DN gone) {
    carryOut(beforeRemoval(gone));
  }

  /**
   * Carries out changes worked out by {@link #beforeRemoval}, each one permissive; a failure fails
   * the caller, with the changes made so far left made.
   */
  void carryOut(List<ReferenceChange> changes) {
    changes.forEach(this::write);
  }

  /**
   * Carries out changes worked out by {@link #beforeRemoval}, each one permissive. A failure fails
   * the caller, after the changes made so far are put back ({@link #restore}).
   */
  void apply(List<ReferenceChange> changes) {
    for (int i = 0; i < changes.size(); i++) {
      try {
        write(changes.get(i));
      } catch (DirectoryException e) {
        restore(changes.subList(0, i));
        throw e;
      }
    }
  }

  /**
   * Undoes changes made by {@link #apply}, after the delete they prepared was refused: each value
   * removed is added back, and a placeholder added is removed. Failures are logged.
   */
  void restore(List<ReferenceChange> changes) {
    RequestDeadline.lifted(() -> changes.forEach(this::restore));
  }

  private void restore(ReferenceChange change) {
    List<Modification> undo = new ArrayList<>();
    for (Modification mod : change.modifications()) {
      ModificationType opposite =
          mod.getModificationType() == ModificationType.ADD
              ? ModificationType.DELETE
              : ModificationType.ADD;
      undo.add(0, new Modification(opposite, mod.getAttributeName(), mod.getRawValues()));
    }
    try {
      directory.modify(change.holder(), undo, true, Optional.empty());
    } catch (DirectoryException e) {
      LOG.error(
          "Could not put back the references in {} after a refused delete: {}",
          change.holder(),
          e.getMessage());
    }
  }

  /** The changes {@link #removed} makes; reads only. */
  List<ReferenceChange> beforeRemoval(DN gone) {
    return removals(gone, false);
  }

  /**
   * Before an entry is kept as a leaver: it leaves every group (a group keeps its placeholder);
   * other references to it (managers) stay, and follow it when it moves. A failure fails the
   * caller.
   */
  void droppedFromGroups(DN leaver) {
    removals(leaver, true).forEach(this::write);
  }

  /**
   * Whether a new entry of {@code taker}'s type may take {@code dn} with nothing to check or clear
   * first, asked in one search where there were one per type that holds references and one for the
   * name: any entry of the type that {@code named} matches (what {@link EntryWriter#requireUnique}
   * searches for), or any entry that refers to {@code dn} by an attribute the gateway maintains
   * (what {@link #beforeRemoval} searches for). The search starts at the nearest entry above every
   * type's search base, so it finds all that those searches would, and maybe more. True when it
   * found nothing under any of those bases: the name is free and no reference is left at {@code
   * dn}. False when it found anything there, for the caller to check the name and look for
   * references on their own; false too when the search bases have no common ancestor (nothing is
   * searched), or the directory has no entry there for the bind account, or refuses the search.
   */
  boolean takesFreeName(DN dn, EntryMapper taker, Filter named) {
    List<Filter> any = new ArrayList<>();
    List<DN> bases = new ArrayList<>();
    any.add(Filter.createANDFilter(named, taker.mapping().entryFilter()));
    bases.add(taker.searchBase());
    for (Reference ref : references()) {
      any.add(holding(ref, dn));
      bases.add(ref.mapper.searchBase());
    }
    Optional<DN> base = commonAncestor(bases);
    if (base.isEmpty()) {
      return false;
    }
    // Entries that none of those searches would have reached (outside every search base, such as
    // another application's group of the same name) do not count.
    boolean[] found = {false};
    try {
      boolean searched =
          directory.searchFrom(
              base.get(),
              SearchScope.SUB,
              Filter.createORFilter(any),
              List.of("1.1"),
              e -> found[0] |= bases.stream().anyMatch(b -> b.isAncestorOf(Entries.dn(e), true)));
      // An ancestor the bind account may not search (its rights end at the containers) is no
      // answer: the separate searches, under the containers, give one.
      return searched && !found[0];
    } catch (DirectoryException e) {
      if (e.isRefusal()) {
        LOG.debug(
            "Searching under {} was refused ({}); searching apart", base.get(), e.getMessage());
        return false;
      }
      throw e;
    }
  }

  /** The nearest DN at or above all of {@code dns}, if there is one below the root. */
  static Optional<DN> commonAncestor(List<DN> dns) {
    DN candidate = dns.get(0);
    while (candidate != null && !candidate.isNullDN()) {
      DN c = candidate;
      if (dns.stream().allMatch(d -> c.isAncestorOf(d, true))) {
        return Optional.of(candidate);
      }
      candidate = candidate.getParent();
    }
    return Optional.empty();
  }

  /** The removals of references to {@code gone}: of every kind, or only group memberships. */
  private List<ReferenceChange> removals(DN gone, boolean membershipsOnly) {
    List<ReferenceChange> changes = new ArrayList<>();
    for (Reference ref : references()) {
      if (!membershipsOnly || ref.placeholder.isPresent()) {
        changes.addAll(removals(ref, gone));
      }
    }
    return changes;
  }

  /** The removals of the references to {@code gone} that {@code ref} names. */
  private List<ReferenceChange> removals(Reference ref, DN gone) {
    List<ReferenceChange> changes = new ArrayList<>();
    for (Entry holder : holders(ref, gone)) {
      String[] values = holder.getAttributeValues(ref.attribute);
      List<Modification> mods =
          ref.placeholder.isPresent()
              ? ref.placeholder.get().removal(values, gone)
              : List.of(new Modification(ModificationType.DELETE, ref.attribute, gone.toString()));
      changes.add(
          new ReferenceChange(
              Entries.dn(holder), mods, ref.placeholder.flatMap(GroupPlaceholder::refill)));
    }
    return changes;
  }

  /** An attribute of a type's entries that holds DNs of resources; members keep a placeholder. */
  private record Reference(
      EntryMapper mapper, String attribute, Optional<GroupPlaceholder> placeholder) {}

  private List<Reference> references() {
    List<Reference> refs = new ArrayList<>();
    for (EntryMapper m : mappers) {
      m.mapping()
          .membersRule()
          .ifPresent(
              r -> refs.add(new Reference(m, r.ldap(), Optional.of(new GroupPlaceholder(r)))));
      for (AttributeRule rule : m.mapping().rules()) {
        // Only what the gateway writes: a read-only reference such as groups ← memberOf is the
        // directory's own (a linked attribute on Active Directory refuses writes).
        if (rule.isReference()
            && rule.source() == AttributeRule.Source.LDAP
            && rule.direction().writes()) {
          refs.add(new Reference(m, rule.ldap(), Optional.empty()));
        }
      }
    }
    return refs;
  }

  /** The entries of {@code ref}'s type that refer to {@code target} by its attribute. */
  private static Filter holding(Reference ref, DN target) {
    return Filter.createANDFilter(
        Filter.createEqualityFilter(ref.attribute, DnStrings.of(target)),
        ref.mapper.mapping().entryFilter());
  }

  private List<Entry> holders(Reference ref, DN target) {
    List<Entry> found = new ArrayList<>();
    directory.search(
        ref.mapper.searchBase(),
        SearchScope.SUB,
        holding(ref, target),
        List.of(ref.attribute),
        found::add);
    return found;
  }
}
