package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DnStrings;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.GroupMembers;
import org.scimldap.mapping.entry.GroupPlaceholder;
import org.scimldap.mapping.entry.References;
import org.scimldap.mapping.spec.MembersRule;
import org.scimldap.scim.patch.PatchEngine;
import org.scimldap.service.OptimisticRetry.Attempt;

/**
 * The membership route of a group PATCH ({@link MemberPatch}): member adds and removes become
 * single-value LDAP adds and deletes ({@link MemberModifications}) without the gateway reading the
 * member list, retried when a concurrent request changed the same values first (as happens without
 * the Permissive Modify control). Other operations of the same PATCH go through the mapper's diff
 * in the same modify. A replace of all members changes only the members SCIM sees ({@link
 * MemberPatch#withoutReplaceAll}); a group added that contains this one is refused ({@link
 * MembershipCycles}); members deleted while they were added leave again ({@link VanishedMembers}).
 */
final class MemberPatcher {
  /** DNs asked about in one membership search. */
  private static final int MEMBERSHIP_BATCH = 100;

  private final EntryMapper mapper;
  private final MembersRule rule;
  private final Directory directory;
  private final ReferenceResolver resolver;
  private final ResourceLoader loader;
  private final ResourcePresenter presenter;
  private final EntryWriter writer;
  private final AdoptionGuard adoption;
  private final MembershipCycles cycles;
  private final VanishedMembers vanished;

  MemberPatcher(
      EntryMapper mapper,
      Directory directory,
      ReferenceResolver resolver,
      ResourceLoader loader,
      ResourcePresenter presenter,
      EntryWriter writer,
      AdoptionGuard adoption) {
    this.mapper = mapper;
    this.rule = mapper.mapping().membersRule().orElseThrow();
    this.directory = directory;
    this.resolver = resolver;
    this.loader = loader;
    this.presenter = presenter;
    this.writer = writer;
    this.adoption = adoption;
    this.cycles = new MembershipCycles(mapper, rule, directory);
    this.vanished = new VanishedMembers(rule, directory, resolver);
  }

  /**
   * Applies the membership changes and other operations of {@code split} to group {@code id}. With
   * {@code bodyWanted} false the result carries only the new version (the HTTP answer is 204).
   */
  PatchResult patch(
      String id,
      MemberPatch.Split split,
      Optional<String> ifMatch,
      boolean bodyWanted,
      boolean withMembers) {
    return OptimisticRetry.run(
        OptimisticRetry.Policy.concurrentChange(),
        () -> once(id, split, ifMatch, bodyWanted, withMembers));
  }

  private Attempt<PatchResult> once(
      String id,
      MemberPatch.Split split,
      Optional<String> ifMatch,
      boolean bodyWanted,
      boolean withMembers) {
    MemberModifications.checkSize(split.changes());
    boolean replacing =
        split.changes().stream().anyMatch(c -> c instanceof MemberPatch.Change.ReplaceAll);
    // A replace of all members removes only the members SCIM sees: those are read.
    ResourceLoader.Loaded loaded = loader.load(id, replacing, ifMatch);
    adoption.requireWritable(loaded.located());
    ObjectNode before = loaded.resource();
    ObjectNode after =
        split.others().isEmpty()
            ? before
            : PatchEngine.apply(before, split.others(), mapper.mapping().schema());
    DN group = Entries.dn(loaded.entry());
    MemberWrite members = memberWrite(loaded, split.changes(), replacing);
    List<Modification> memberMods = members.modifications();
    Map<DN, String> added = members.added();
    Attempt<Entry> updated;
    String kept = loaded.located().kept();
    if (memberMods.isEmpty() && !PatchEngine.changes(before, after)) {
      // Nothing to write, as far as membership searches on the group's DN tell; they tell nothing
      // if the group was renamed meanwhile, so make sure it is still there.
      updated =
          directory
              .read(group, mapper.attributesToFetch(false))
              .map(Attempt::done)
              .orElseGet(
                  () ->
                      Attempt.again(mapper.mapping().name() + " " + id + " was renamed meanwhile"));
    } else {
      kept = loader.keptAfter(after);
      WritePlan plan =
          new WritePlan(
              loaded.located(),
              before,
              after,
              loader.referencesFor(loaded, after),
              new WritePlan.Members.Given(memberMods),
              ifMatch.isPresent(),
              loader.externalIdAfter(loaded.located(), after),
              kept);
      updated = writer.write(plan);
    }
    if (!updated.isDone()) {
      return Attempt.again(updated.againBecause());
    }
    vanished.removeFrom(Entries.dn(updated.result()), added);
    String externalId = loader.externalIdAfter(loaded.located(), after);
    if (!bodyWanted) {
      return Attempt.done(
          new PatchResult(
              Optional.empty(), ResourceMeta.version(mapper, updated.result(), externalId, kept)));
    }
    Optional<Entry> shown =
        withMembers
            ? directory.read(Entries.dn(updated.result()), mapper.attributesToFetch(true))
            : Optional.of(updated.result());
    if (shown.isEmpty()) {
      return Attempt.again(
          "Entry " + Entries.dn(updated.result()) + " was renamed or deleted while it was written");
    }
    return Attempt.done(
        PatchResult.of(presenter.present(shown.get(), externalId, kept, withMembers)));
  }

  /**
   * The member modifications of a PATCH, and the members it adds (by DN, with the id each was
   * resolved for).
   */
  private record MemberWrite(List<Modification> modifications, Map<DN, String> added) {}

  /**
   * Works out the member modifications of {@code requested} for the group as {@code loaded} (with
   * its members when {@code replacing}); a group added that contains this one is refused.
   */
  private MemberWrite memberWrite(
      ResourceLoader.Loaded loaded, List<MemberPatch.Change> requested, boolean replacing) {
    List<MemberPatch.Change> changes =
        replacing
            ? MemberPatch.withoutReplaceAll(requested, GroupMembers.ids(loaded.resource()))
            : requested;
    Set<String> ids = new LinkedHashSet<>();
    changes.forEach(c -> ids.addAll(c.ids()));
    ids.removeIf(i -> loaded.refs().dnOf(i).isPresent());
    References members = loaded.refs().and(resolver.forIds(ids));
    DN group = Entries.dn(loaded.entry());
    // With the member list read (for a replace), it answers who is a member; else the directory,
    // asked about all the DNs named at once.
    Predicate<DN> isMember =
        replacing ? memberValues(loaded.entry())::contains : askedAtOnce(group, changes, members);
    List<Modification> mods = new MemberModifications(rule, members, group, isMember).of(changes);
    Map<DN, String> added = new LinkedHashMap<>();
    changes.stream()
        .filter(c -> c instanceof MemberPatch.Change.Add)
        .forEach(c -> c.ids().forEach(i -> members.dnOf(i).ifPresent(dn -> added.put(dn, i))));
    cycles.refuse(group, added.keySet(), members);
    return new MemberWrite(mods, added);
  }

  /** The member values of a group entry read with its members, as DNs. */
  private Set<DN> memberValues(Entry group) {
    Set<DN> dns = new HashSet<>();
    String[] values = group.getAttributeValues(rule.ldap());
    for (String v : values == null ? new String[0] : values) {
      try {
        dns.add(new DN(v));
      } catch (LDAPException e) {
        // A value that is not a DN is no member SCIM can name.
      }
    }
    return dns;
  }

  /**
   * Tells whether a DN is a member of the group: the members the changes name, and the placeholder,
   * are asked about at once; any other DN on its own.
   */
  private Predicate<DN> askedAtOnce(
      DN group, List<MemberPatch.Change> changes, References members) {
    Set<DN> asked = new LinkedHashSet<>();
    changes.forEach(c -> c.ids().forEach(i -> members.dnOf(i).ifPresent(asked::add)));
    new GroupPlaceholder(rule).dn().ifPresent(asked::add);
    Set<DN> found = membersAmong(directory, rule, group, asked);
    return dn -> asked.contains(dn) ? found.contains(dn) : isMember(directory, rule, group, dn);
  }

  /**
   * Which of {@code candidates} are members of the group, as the directory compares: one search
   * asks whether any of a batch is, and only a batch with members is split in two and asked again;
   * adding new members to a group, however large, costs a search per hundred.
   */
  static Set<DN> membersAmong(
      Directory directory, MembersRule rule, DN group, Collection<DN> candidates) {
    Set<DN> found = new HashSet<>();
    List<DN> all = List.copyOf(candidates);
    for (int from = 0; from < all.size(); from += MEMBERSHIP_BATCH) {
      collectMembers(
          directory,
          rule,
          group,
          all.subList(from, Math.min(all.size(), from + MEMBERSHIP_BATCH)),
          found);
    }
    return found;
  }

  private static void collectMembers(
      Directory directory, MembersRule rule, DN group, List<DN> batch, Set<DN> found) {
    if (batch.isEmpty() || !anyMember(directory, rule, group, batch)) {
      return;
    }
    if (batch.size() == 1) {
      found.add(batch.get(0));
      return;
    }
    int half = batch.size() / 2;
    collectMembers(directory, rule, group, batch.subList(0, half), found);
    collectMembers(directory, rule, group, batch.subList(half, batch.size()), found);
  }

  private static boolean anyMember(
      Directory directory, MembersRule rule, DN group, List<DN> batch) {
    List<Filter> any = new ArrayList<>();
    batch.forEach(dn -> any.add(Filter.createEqualityFilter(rule.ldap(), DnStrings.of(dn))));
    boolean[] found = {false};
    directory.search(
        group,
        SearchScope.BASE,
        any.size() == 1 ? any.get(0) : Filter.createORFilter(any),
        List.of("1.1"),
        e -> found[0] = true);
    return found[0];
  }

  /**
   * True when {@code member} is a value of the group's member attribute, as the directory compares.
   */
  static boolean isMember(Directory directory, MembersRule rule, DN group, DN member) {
    return anyMember(directory, rule, group, List.of(member));
  }
}
