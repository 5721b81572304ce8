package org.scimldap.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.EntryMapper;
import org.scimldap.mapping.ReferenceResolver;
import org.scimldap.store.Correlation;
import org.scimldap.store.CorrelationStore;

/**
 * Finds the entry behind a SCIM id, and the id behind a DN. The correlation store answers first;
 * when it misses or is stale (an entry renamed outside the gateway, a deleted store), the directory
 * is searched by the immutable id and the store is healed. Entries that were never created through
 * SCIM are adopted this way, with the id their immutable id gives them.
 */
public final class EntryLocator implements ReferenceResolver {

  private final Directory directory;
  private final CorrelationStore store;
  private final List<EntryMapper> mappers;

  public EntryLocator(Directory directory, CorrelationStore store, List<EntryMapper> mappers) {
    this.directory = directory;
    this.store = store;
    this.mappers = List.copyOf(mappers);
  }

  /** A located entry and the mapper of its resource type. */
  public record Located(Entry entry, EntryMapper mapper, Optional<Correlation> row) {}

  /** The entry of resource {@code id} of the given type, read with {@code attributes}. */
  public Optional<Located> find(String id, EntryMapper mapper, List<String> attributes) {
    if (!mapper.plausibleId(id)) {
      return Optional.empty();
    }
    Optional<Correlation> row = store.findById(id);
    if (row.isPresent() && row.get().resourceType().equals(mapper.mapping().name())) {
      Optional<Entry> entry = directory.read(row.get().dn(), attributes);
      if (entry.isPresent() && id.equals(mapper.immutableId(entry.get()).orElse(null))) {
        return Optional.of(new Located(entry.get(), mapper, row));
      }
    }
    Filter byId =
        Filter.createANDFilter(
            Filter.createEqualityFilter(mapper.mapping().idAttribute(), id),
            mapper.mapping().entryFilter());
    List<Entry> found = new ArrayList<>();
    directory.search(mapper.searchBase(), SearchScope.SUB, byId, attributes, found::add);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Entry entry = found.get(0);
    Correlation healed = remember(mapper, entry, row.map(Correlation::externalId).orElse(null));
    return Optional.of(new Located(entry, mapper, Optional.of(healed)));
  }

  /** Records (or refreshes) the store row for an entry. */
  public Correlation remember(EntryMapper mapper, Entry entry, String externalId) {
    String id = mapper.immutableId(entry).orElseThrow();
    Instant now = Instant.now();
    Correlation c =
        new Correlation(
            id,
            mapper.mapping().name(),
            id,
            Entries.dn(entry),
            externalId,
            ResourceMeta.created(entry).orElse(now),
            ResourceMeta.lastModified(entry).orElse(now),
            ResourceMeta.version(entry));
    store.save(c);
    return c;
  }

  /** The endpoint (e.g. {@code /Users}) of a resource type. */
  public Optional<String> endpointOf(String resourceType) {
    return mappers.stream()
        .filter(m -> m.mapping().name().equals(resourceType))
        .map(m -> m.mapping().schema().endpoint())
        .findFirst();
  }

  @Override
  public Optional<DN> dnOf(String id) {
    Optional<Correlation> row = store.findById(id);
    if (row.isPresent()) {
      return Optional.of(row.get().dn());
    }
    for (EntryMapper mapper : mappers) {
      Optional<Located> located =
          find(id, mapper, List.of(mapper.mapping().idAttribute(), "objectClass"));
      if (located.isPresent()) {
        return Optional.of(Entries.dn(located.get().entry()));
      }
    }
    return Optional.empty();
  }

  @Override
  public Map<DN, Target> targetsOf(Collection<DN> dns) {
    Set<DN> wanted = new LinkedHashSet<>(dns);
    Map<DN, Target> out = new HashMap<>();
    store
        .findByDns(wanted)
        .forEach((dn, row) -> out.put(dn, new Target(row.id(), row.resourceType())));
    for (DN dn : wanted) {
      if (out.containsKey(dn)) {
        continue;
      }
      identify(dn).ifPresent(t -> out.put(dn, t));
    }
    return out;
  }

  /** Reads an entry the store does not know and, if it is a SCIM resource, adopts it. */
  private Optional<Target> identify(DN dn) {
    Set<String> attrs =
        new LinkedHashSet<>(
            List.of("objectClass", "createTimestamp", "modifyTimestamp", "entryCSN"));
    mappers.forEach(m -> attrs.add(m.mapping().idAttribute()));
    Optional<Entry> entry = directory.read(dn, List.copyOf(attrs));
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    for (EntryMapper mapper : mappers) {
      if (mapper.matches(entry.get())
          && dn.isDescendantOf(mapper.searchBase(), true)
          && mapper.immutableId(entry.get()).isPresent()) {
        Correlation c = remember(mapper, entry.get(), null);
        return Optional.of(new Target(c.id(), c.resourceType()));
      }
    }
    return Optional.empty();
  }
}
