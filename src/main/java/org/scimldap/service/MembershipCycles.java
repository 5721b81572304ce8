package org.scimldap.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DnStrings;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.mapping.spec.MembersRule;
import org.scimldap.scim.ScimException;

/**
 * Refuses a membership that would make a group a member of itself, directly ({@code A} in {@code
 * A}) or through other groups ({@code A} in {@code B} and {@code B} in {@code A}): 400 {@code
 * invalidValue}. The groups that contain the group, directly or not, are found by searching the
 * member attribute upwards, level by level, a hundred DNs per search; nothing is searched unless a
 * group is being added.
 */
final class MembershipCycles {
  private static final int BATCH = 100;

  /** How many enclosing groups are followed at most; beyond, a cycle goes unnoticed. */
  private static final int MOST_GROUPS = 10_000;

  private final EntryMapper mapper;
  private final MembersRule rule;
  private final Directory directory;

  MembershipCycles(EntryMapper mapper, MembersRule rule, Directory directory) {
    this.mapper = mapper;
    this.rule = rule;
    this.directory = directory;
  }

  /**
   * Fails when adding {@code added} to {@code group} would close a cycle.
   *
   * @param refs the resolved references of {@code added}, to tell groups from other members and to
   *     name them in the error
   */
  void refuse(DN group, Collection<DN> added, References refs) {
    String type = mapper.mapping().name();
    List<DN> groups =
        added.stream()
            .filter(dn -> refs.targetOf(dn).filter(t -> t.resourceType().equals(type)).isPresent())
            .toList();
    if (groups.isEmpty()) {
      return;
    }
    Set<DN> enclosing = enclosing(group);
    for (DN dn : groups) {
      if (enclosing.contains(dn)) {
        String id = refs.targetOf(dn).map(References.Target::id).orElse(dn.toString());
        throw ScimException.invalidValue(
            "members: adding "
                + type
                + " '"
                + id
                + "' would make a membership cycle: the group is "
                + (dn.equals(group) ? "itself" : "already a member of it, directly or not"));
      }
    }
  }

  /** The group and the groups of this type that contain it, directly or through others. */
  private Set<DN> enclosing(DN group) {
    Set<DN> found = new LinkedHashSet<>();
    found.add(group);
    List<DN> level = List.of(group);
    while (!level.isEmpty() && found.size() < MOST_GROUPS) {
      List<DN> next = new ArrayList<>();
      for (int from = 0; from < level.size(); from += BATCH) {
        List<Filter> holds =
            level.subList(from, Math.min(level.size(), from + BATCH)).stream()
                .map(dn -> Filter.createEqualityFilter(rule.ldap(), DnStrings.of(dn)))
                .toList();
        List<Entry> holders = new ArrayList<>();
        directory.search(
            mapper.searchBase(),
            SearchScope.SUB,
            Filter.createANDFilter(Filter.createORFilter(holds), mapper.mapping().entryFilter()),
            List.of("1.1"),
            holders::add);
        for (Entry holder : holders) {
          DN dn = Entries.dn(holder);
          if (found.add(dn)) {
            next.add(dn);
          }
        }
      }
      level = next;
    }
    return found;
  }
}
