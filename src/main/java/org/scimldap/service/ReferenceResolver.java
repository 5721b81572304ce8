package org.scimldap.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.scim.ScimException;

/**
 * Resolves the references of a request or a page in one batch, before the mapper runs: DNs to the
 * resources they are, ids to the DNs of their entries. The directory answers, with one search per
 * resource type and hundred references, and each answer is checked against the entry's immutable
 * id, so a reference always names the entry that has that id now, however it was renamed or
 * replaced behind the gateway's back (the correlation store may be stale, so it is not asked).
 * Where the type's entries are followed ({@link FollowedIds}), several references resolve from
 * there once it has caught up with the directory's last change: as current as a search. Entries
 * that were never created through SCIM resolve too (their id is their immutable id). Nothing is
 * written.
 */
public final class ReferenceResolver {
  private static final int BATCH = 100;

  private final Directory directory;
  private final List<EntryMapper> mappers;
  private final GroupMemberships groups;
  private final ListSnapshots lists;

  public ReferenceResolver(Directory directory, List<EntryMapper> mappers) {
    this(directory, mappers, new ListSnapshots());
  }

  /**
   * @param lists where the ids and DNs of followed types are kept current ({@link FollowedIds}):
   *     several references of such a type resolve from there, without a search
   */
  public ReferenceResolver(Directory directory, List<EntryMapper> mappers, ListSnapshots lists) {
    this.directory = directory;
    this.mappers = List.copyOf(mappers);
    this.groups = new GroupMemberships(directory, mappers);
    this.lists = lists;
  }

  /**
   * The groups {@code entries} (of {@code mapper}'s type) are direct members of, when the type has
   * {@code groups} ({@link GroupMemberships}).
   */
  References memberships(EntryMapper mapper, Collection<Entry> entries) {
    return groups.of(mapper, entries);
  }

  /** The DNs of the groups with these display names, for filters on {@code groups.display}. */
  References groupsDisplayed(EntryMapper mapper, Set<String> displays) {
    return groups.displayed(mapper, displays);
  }

  /** The resources these DNs are; DNs that are not SCIM resources are left out. */
  References forDns(Collection<DN> dns) {
    References.Builder refs = References.builder();
    Set<DN> unknown = new LinkedHashSet<>(dns);
    for (EntryMapper mapper : mappers) {
      List<DN> under =
          unknown.stream()
              .filter(dn -> dn.getRDN() != null && dn.isDescendantOf(mapper.searchBase(), true))
              .toList();
      Optional<Map<DN, String>> followed =
          under.size() > 1 ? lists.followed(mapper).flatMap(f -> f.idsOf(under)) : Optional.empty();
      if (followed.isPresent()) {
        followed
            .get()
            .forEach(
                (dn, id) -> {
                  if (unknown.remove(dn)) {
                    refs.resource(id, mapper.mapping().name(), dn);
                  }
                });
        continue;
      }
      for (int from = 0; from < under.size(); from += BATCH) {
        List<DN> batch = under.subList(from, Math.min(under.size(), from + BATCH));
        Filter named =
            Filter.createORFilter(batch.stream().map(ReferenceResolver::rdnFilter).toList());
        for (Entry entry : search(mapper, named)) {
          DN dn = Entries.dn(entry);
          Optional<String> id = mapper.immutableId(entry);
          if (id.isPresent() && unknown.remove(dn)) {
            refs.resource(id.get(), mapper.mapping().name(), dn);
          }
        }
      }
    }
    return refs.build();
  }

  /**
   * The DNs of the resources with these ids; ids that name no resource are left out. An id matches
   * the entry whose immutable id it is, compared as the gateway writes ids (lower case).
   */
  References forIds(Collection<String> ids) {
    if (ids.isEmpty()) {
      return References.none();
    }
    References.Builder refs = References.builder();
    Set<String> unknown = new LinkedHashSet<>(ids);
    for (EntryMapper mapper : mappers) {
      List<String> plausible = unknown.stream().filter(mapper::plausibleId).toList();
      Optional<Map<String, DN>> followed =
          plausible.size() > 1
              ? lists.followed(mapper).flatMap(f -> f.dnsOf(plausible))
              : Optional.empty();
      if (followed.isPresent()) {
        followed
            .get()
            .forEach(
                (id, dn) -> {
                  if (unknown.remove(id)) {
                    refs.resource(id, mapper.mapping().name(), dn);
                  }
                });
        continue;
      }
      for (int from = 0; from < plausible.size(); from += BATCH) {
        List<String> batch = plausible.subList(from, Math.min(plausible.size(), from + BATCH));
        List<Filter> byId = batch.stream().map(mapper::idFilter).toList();
        for (Entry entry : search(mapper, Filter.createORFilter(byId))) {
          Optional<String> found = mapper.immutableId(entry);
          for (String id : batch) {
            if (found.isPresent() && found.get().equalsIgnoreCase(id) && unknown.remove(id)) {
              refs.resource(id, mapper.mapping().name(), Entries.dn(entry));
            }
          }
        }
      }
    }
    return refs.build();
  }

  /**
   * Refuses (400 invalidValue) a reference attribute such as {@code manager} that names a group: it
   * must name an account. Members are not checked here.
   */
  void requireAccounts(Map<String, Set<String>> idsByPath, References refs) {
    Set<String> groupTypes = new HashSet<>();
    mappers.stream()
        .filter(m -> m.mapping().membersRule().isPresent())
        .forEach(m -> groupTypes.add(m.mapping().name()));
    idsByPath.forEach(
        (path, ids) -> {
          for (String id : ids) {
            Optional<References.Target> target = refs.dnOf(id).flatMap(refs::targetOf);
            if (target.isPresent() && groupTypes.contains(target.get().resourceType())) {
              throw ScimException.invalidValue(
                  path
                      + ": '"
                      + id
                      + "' is a "
                      + target.get().resourceType()
                      + "; it must name a User");
            }
          }
        });
  }

  /** The entries of a mapper's type under its search base that match {@code which}. */
  private List<Entry> search(EntryMapper mapper, Filter which) {
    List<Entry> found = new ArrayList<>();
    directory.search(
        mapper.searchBase(),
        SearchScope.SUB,
        Filter.createANDFilter(which, mapper.mapping().entryFilter()),
        List.of("objectClass", mapper.mapping().idAttribute()),
        found::add);
    return found;
  }

  /** A filter that the entry named {@code dn} matches: its RDN's attribute values. */
  static Filter rdnFilter(DN dn) {
    RDN rdn = dn.getRDN();
    String[] names = rdn.getAttributeNames();
    byte[][] values = rdn.getByteArrayAttributeValues();
    List<Filter> parts = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      parts.add(Filter.createEqualityFilter(names[i], values[i]));
    }
    return parts.size() == 1 ? parts.get(0) : Filter.createANDFilter(parts);
  }
}
