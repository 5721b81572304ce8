package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DnStrings;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.mapping.entry.References.Membership;
import org.scimldap.mapping.spec.AttributeRule;
import org.scimldap.mapping.spec.GroupsRule;
import org.scimldap.mapping.spec.MembersRule;

/**
 * Finds the groups entries are direct members of, for their read-only {@code groups} (RFC 7643
 * §4.1.2), in batches of a hundred entries, never with a search per entry:
 *
 * <ul>
 *   <li>{@code from: memberOf}: the entries' own attribute of group DNs (read with them) is
 *       resolved with one search per hundred DNs under the group type's search base, each answer
 *       checked to be an entry of the group type;
 *   <li>{@code from: members}: one search per hundred entries over the group type's entries, {@code
 *       (|(member=dn1)(member=dn2)…)}. For a single entry the answer is its groups; for several,
 *       the member values of the groups found say whose they are (a page's groups are read with
 *       their member lists).
 * </ul>
 *
 * The display name of each group is read in the same search (the attributes the group type maps to
 * {@code displayName}). An entry's groups are ordered by display name, then id.
 */
final class GroupMemberships {
  private static final int BATCH = 100;
  private static final Comparator<Membership> ORDER =
      Comparator.comparing((Membership m) -> m.display().toLowerCase(Locale.ROOT))
          .thenComparing(Membership::id);

  private final Directory directory;
  private final List<EntryMapper> mappers;

  GroupMemberships(Directory directory, List<EntryMapper> mappers) {
    this.directory = directory;
    this.mappers = List.copyOf(mappers);
  }

  /**
   * The groups of {@code entries}, entries of {@code mapper}'s type; none without a groups rule.
   */
  References of(EntryMapper mapper, Collection<Entry> entries) {
    Optional<GroupsRule> rule = mapper.mapping().groupsRule();
    Optional<EntryMapper> groups = rule.flatMap(r -> groupMapper(r.groupType()));
    if (rule.isEmpty() || groups.isEmpty() || entries.isEmpty()) {
      return References.none();
    }
    Map<DN, List<Membership>> found =
        rule.get().from() == GroupsRule.From.MEMBER_OF
            ? fromMemberOf(rule.get(), groups.get(), entries)
            : fromMembers(groups.get(), entries);
    References.Builder refs = References.builder();
    found.forEach(
        (member, list) -> list.stream().sorted(ORDER).forEach(m -> refs.membership(member, m)));
    return refs.build();
  }

  /**
   * The DNs of the groups of {@code mapper}'s groups rule whose display name is one of {@code
   * displays} (compared ignoring case), for filters on {@code groups.display}.
   */
  References displayed(EntryMapper mapper, Set<String> displays) {
    if (displays.isEmpty()) {
      return References.none();
    }
    Optional<EntryMapper> groups =
        mapper.mapping().groupsRule().flatMap(r -> groupMapper(r.groupType()));
    List<String> attributes = groups.map(GroupMemberships::displayAttributes).orElse(List.of());
    if (groups.isEmpty() || attributes.isEmpty()) {
      return References.none();
    }
    Set<String> wanted = new LinkedHashSet<>();
    displays.forEach(d -> wanted.add(d.toLowerCase(Locale.ROOT)));
    References.Builder refs = References.builder();
    List<String> all = List.copyOf(wanted);
    for (int from = 0; from < all.size(); from += BATCH) {
      List<Filter> equal = new ArrayList<>();
      for (String display : all.subList(from, Math.min(all.size(), from + BATCH))) {
        attributes.forEach(a -> equal.add(Filter.createEqualityFilter(a, display)));
      }
      for (Entry group : search(groups.get(), Filter.createORFilter(equal), List.of())) {
        Optional<Membership> m = membership(groups.get(), group);
        if (m.isPresent() && wanted.contains(m.get().display().toLowerCase(Locale.ROOT))) {
          refs.displayed(m.get().display(), Entries.dn(group));
        }
      }
    }
    return refs.build();
  }

  private Map<DN, List<Membership>> fromMemberOf(
      GroupsRule rule, EntryMapper groups, Collection<Entry> entries) {
    Map<DN, List<DN>> groupDns = new HashMap<>();
    Set<DN> all = new LinkedHashSet<>();
    for (Entry e : entries) {
      List<DN> dns = dnValues(e.getAttributeValues(rule.ldap()));
      if (dns.isEmpty()) {
        // In no group: nothing to look up or to say (its DN is not even parsed).
        continue;
      }
      groupDns.put(Entries.dn(e), dns);
      all.addAll(dns);
    }
    List<DN> under =
        all.stream()
            .filter(dn -> dn.getRDN() != null && dn.isDescendantOf(groups.searchBase(), true))
            .toList();
    Map<DN, Membership> byDn = new HashMap<>();
    for (int from = 0; from < under.size(); from += BATCH) {
      List<DN> batch = under.subList(from, Math.min(under.size(), from + BATCH));
      Filter named =
          Filter.createORFilter(batch.stream().map(ReferenceResolver::rdnFilter).toList());
      for (Entry group : search(groups, named, List.of())) {
        DN dn = Entries.dn(group);
        if (all.contains(dn)) {
          membership(groups, group).ifPresent(m -> byDn.put(dn, m));
        }
      }
    }
    Map<DN, List<Membership>> out = new HashMap<>();
    groupDns.forEach(
        (member, dns) ->
            out.put(
                member, dns.stream().map(byDn::get).filter(m -> m != null).distinct().toList()));
    return out;
  }

  private Map<DN, List<Membership>> fromMembers(EntryMapper groups, Collection<Entry> entries) {
    MembersRule members = groups.mapping().membersRule().orElseThrow();
    List<DN> dns = entries.stream().map(Entries::dn).distinct().toList();
    Map<DN, List<Membership>> out = new HashMap<>();
    for (int from = 0; from < dns.size(); from += BATCH) {
      List<DN> batch = dns.subList(from, Math.min(dns.size(), from + BATCH));
      Filter anyMember =
          Filter.createORFilter(
              batch.stream()
                  .map(dn -> Filter.createEqualityFilter(members.ldap(), DnStrings.of(dn)))
                  .toList());
      boolean one = batch.size() == 1;
      List<String> extra = one ? List.of() : List.of(members.ldap());
      for (Entry group : search(groups, anyMember, extra)) {
        Optional<Membership> m = membership(groups, group);
        if (m.isEmpty()) {
          continue;
        }
        List<DN> whose = one ? batch : dnValues(group.getAttributeValues(members.ldap()));
        Set<DN> inBatch = new LinkedHashSet<>(batch);
        for (DN member : whose) {
          if (inBatch.contains(member)) {
            out.computeIfAbsent(member, k -> new ArrayList<>()).add(m.get());
          }
        }
      }
    }
    return out;
  }

  /** The entries of the group type under its search base that match {@code which}. */
  private List<Entry> search(EntryMapper groups, Filter which, List<String> extra) {
    List<String> attributes = new ArrayList<>();
    attributes.add("objectClass");
    attributes.add(groups.mapping().idAttribute());
    attributes.addAll(displayAttributes(groups));
    attributes.addAll(extra);
    List<Entry> found = new ArrayList<>();
    directory.search(
        groups.searchBase(),
        SearchScope.SUB,
        Filter.createANDFilter(which, groups.mapping().entryFilter()),
        attributes,
        found::add);
    return found;
  }

  /** A group entry as a membership: its id, type and display name as the group type maps it. */
  private static Optional<Membership> membership(EntryMapper groups, Entry group) {
    Optional<String> id = groups.immutableId(group);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode scim = groups.toScim(group, id.get(), null, References.none(), false);
    String display = scim.path("displayName").asText("");
    return Optional.of(new Membership(id.get(), groups.mapping().name(), display));
  }

  /** The LDAP attributes the group type reads {@code displayName} from. */
  private static List<String> displayAttributes(EntryMapper groups) {
    return groups.mapping().readRules().stream()
        .filter(r -> r.source() == AttributeRule.Source.LDAP)
        .filter(r -> r.scim().attribute().name().equalsIgnoreCase("displayName"))
        .map(AttributeRule::ldap)
        .distinct()
        .toList();
  }

  private Optional<EntryMapper> groupMapper(String type) {
    return mappers.stream().filter(m -> m.mapping().name().equals(type)).findFirst();
  }

  private static List<DN> dnValues(String[] values) {
    List<DN> dns = new ArrayList<>();
    for (String v : values == null ? new String[0] : values) {
      try {
        dns.add(new DN(v));
      } catch (LDAPException e) {
        // A value that is not a DN names no group.
      }
    }
    return dns;
  }
}
