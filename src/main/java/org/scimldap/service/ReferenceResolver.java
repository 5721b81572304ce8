package org.scimldap.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.store.Correlation;
import org.scimldap.store.CorrelationStore;

/**
 * Resolves the references of a request or a page in one batch, before the mapper runs: DNs to the
 * resources they are, ids to the DNs of their entries. The correlation store answers first, in one
 * query; what it does not know is looked up in the directory with one search per resource type and
 * hundred references. Entries that were never created through SCIM resolve too (their id is their
 * immutable id). Nothing is written: a read never changes the store.
 */
public final class ReferenceResolver {
  private static final int BATCH = 100;

  private final Directory directory;
  private final CorrelationStore store;
  private final List<EntryMapper> mappers;

  public ReferenceResolver(Directory directory, CorrelationStore store, List<EntryMapper> mappers) {
    this.directory = directory;
    this.store = store;
    this.mappers = List.copyOf(mappers);
  }

  /** The resources these DNs are; DNs that are not SCIM resources are left out. */
  References forDns(Collection<DN> dns) {
    References.Builder refs = References.builder();
    if (dns.isEmpty()) {
      return refs.build();
    }
    Set<DN> unknown = new LinkedHashSet<>(dns);
    store
        .findByDns(unknown)
        .forEach(
            (dn, row) -> {
              refs.resource(row.id(), row.resourceType(), dn);
              unknown.remove(dn);
            });
    for (EntryMapper mapper : mappers) {
      List<DN> under =
          unknown.stream()
              .filter(dn -> dn.getRDN() != null && dn.isDescendantOf(mapper.searchBase(), true))
              .toList();
      for (int from = 0; from < under.size(); from += BATCH) {
        List<DN> batch = under.subList(from, Math.min(under.size(), from + BATCH));
        Filter named =
            Filter.createORFilter(batch.stream().map(ReferenceResolver::rdnFilter).toList());
        search(mapper, named)
            .forEach(
                entry -> {
                  DN dn = Entries.dn(entry);
                  Optional<String> id = mapper.immutableId(entry);
                  if (unknown.contains(dn) && id.isPresent()) {
                    refs.resource(id.get(), mapper.mapping().name(), dn);
                    unknown.remove(dn);
                  }
                });
      }
    }
    return refs.build();
  }

  /** The DNs of the resources with these ids; ids that name no resource are left out. */
  References forIds(Collection<String> ids) {
    References.Builder refs = References.builder();
    if (ids.isEmpty()) {
      return refs.build();
    }
    Set<String> unknown = new LinkedHashSet<>(ids);
    for (Correlation row : store.findByIds(unknown).values()) {
      refs.resource(row.id(), row.resourceType(), row.dn());
      unknown.remove(row.id());
    }
    for (EntryMapper mapper : mappers) {
      List<String> plausible = unknown.stream().filter(mapper::plausibleId).toList();
      for (int from = 0; from < plausible.size(); from += BATCH) {
        List<Filter> byId =
            plausible.subList(from, Math.min(plausible.size(), from + BATCH)).stream()
                .map(id -> Filter.createEqualityFilter(mapper.mapping().idAttribute(), id))
                .toList();
        search(mapper, Filter.createORFilter(byId))
            .forEach(
                entry ->
                    mapper
                        .immutableId(entry)
                        .filter(unknown::remove)
                        .ifPresent(
                            id -> refs.resource(id, mapper.mapping().name(), Entries.dn(entry))));
      }
    }
    return refs.build();
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
  private static Filter rdnFilter(DN dn) {
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
