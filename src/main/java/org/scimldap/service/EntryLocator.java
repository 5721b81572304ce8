package org.scimldap.service;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.store.Correlation;
import org.scimldap.store.CorrelationStore;

/**
 * Finds the entry behind a SCIM id, and keeps the correlation store's row of an entry current after
 * a write. The store answers first; when it misses or is stale (an entry renamed outside the
 * gateway, a deleted store), the directory is searched by the immutable id. Entries that were never
 * created through SCIM are found this way too, with the id their immutable id gives them. Finding
 * never writes the store: rows are written by {@link #remember} when the gateway writes an entry.
 */
final class EntryLocator {

  private final Directory directory;
  private final CorrelationStore store;

  EntryLocator(Directory directory, CorrelationStore store) {
    this.directory = directory;
    this.store = store;
  }

  /**
   * A located entry and its store row, if it has one; {@code remembered} when the entry was not
   * read for this request but is the one a write of the gateway left ({@link WrittenEntries}).
   */
  record Located(Entry entry, Optional<Correlation> row, boolean remembered) {
    /** An entry read from the directory for this request. */
    Located(Entry entry, Optional<Correlation> row) {
      this(entry, row, false);
    }

    /** The store-kept externalId, if any. */
    String externalId() {
      return row.map(Correlation::externalId).orElse(null);
    }

    /** The parts of the resource kept in the store, as JSON; null when there are none. */
    String kept() {
      return row.map(Correlation::kept).orElse(null);
    }
  }

  /** The entry of resource {@code id} of the given type, read with {@code attributes}. */
  Optional<Located> find(String id, EntryMapper mapper, List<String> attributes) {
    if (!mapper.plausibleId(id)) {
      return Optional.empty();
    }
    Optional<Correlation> row = store.findById(id);
    // The directory evaluates which entries are resources (the filter may use what only it knows,
    // such as objectCategory or adminCount), also for the entry the store remembers: an account
    // that became protected since is no longer one.
    // Protection is checked here, one entry at a time, where even a costly condition is cheap.
    List<Filter> conditions = new ArrayList<>();
    conditions.add(mapper.idFilter(id));
    conditions.add(mapper.mapping().entryFilter());
    mapper.mapping().protection().ifPresent(p -> conditions.add(Filter.createNOTFilter(p)));
    Filter byId = Filter.createANDFilter(conditions);
    if (row.isPresent()
        && row.get().resourceType().equals(mapper.mapping().name())
        && row.get().dn().isDescendantOf(mapper.searchBase(), false)) {
      List<Entry> atDn = new ArrayList<>();
      directory.search(row.get().dn(), SearchScope.BASE, byId, attributes, atDn::add);
      if (!atDn.isEmpty() && id.equals(mapper.immutableId(atDn.get(0)).orElse(null))) {
        return Optional.of(new Located(atDn.get(0), row));
      }
    }
    List<Entry> found = new ArrayList<>();
    directory.search(mapper.searchBase(), SearchScope.SUB, byId, attributes, found::add);
    return found.isEmpty() ? Optional.empty() : Optional.of(new Located(found.get(0), row));
  }

  /**
   * Resource {@code id} as {@code remembered}, an entry a write of the gateway left ({@link
   * WrittenEntries}), with its store row: empty unless the row names that entry, under that DN, in
   * the type's search base. Whether the entry still meets the type's filters is for the write to
   * assert ({@link EntryWriter}).
   */
  Optional<Located> asRemembered(String id, EntryMapper mapper, Entry remembered) {
    Optional<Correlation> row = store.findById(id);
    return row.filter(
            r ->
                r.resourceType().equals(mapper.mapping().name())
                    && r.dn().isDescendantOf(mapper.searchBase(), false)
                    && r.dn().equals(Entries.dn(remembered)))
        .map(r -> new Located(remembered, row, true));
  }

  /**
   * Records (or refreshes) the store row for an entry the gateway has just written, with the
   * resource's externalId and kept parts (both may be null).
   */
  Correlation remember(EntryMapper mapper, Entry entry, String externalId, String kept) {
    Correlation c = row(mapper, entry, externalId, kept);
    store.save(c);
    return c;
  }

  /**
   * As {@link #remember}, for an entry found as {@code located}: only if the store's row still
   * holds the externalId and kept parts it held then. False when another request changed them
   * meanwhile, and nothing is saved.
   */
  boolean rememberIfUnchanged(
      EntryMapper mapper, Entry entry, String externalId, String kept, Located located) {
    Correlation row = row(mapper, entry, externalId, kept);
    if (located.row().filter(read -> sameLink(read, row)).isPresent()) {
      // The row links the same entry under the same name with the same kept parts: nothing the
      // gateway reads from it changed (its time and version columns are a record of the last
      // write that changed it), so the store is not written.
      return true;
    }
    return store.saveIfUnchanged(row, located.row());
  }

  private static boolean sameLink(Correlation read, Correlation now) {
    return read.resourceType().equals(now.resourceType())
        && read.immutableId().equals(now.immutableId())
        && read.dn().equals(now.dn())
        && Objects.equals(read.externalId(), now.externalId())
        && Objects.equals(read.kept(), now.kept());
  }

  private static Correlation row(EntryMapper mapper, Entry entry, String externalId, String kept) {
    String id = mapper.immutableId(entry).orElseThrow();
    Instant now = Instant.now();
    return new Correlation(
        id,
        mapper.mapping().name(),
        id,
        Entries.dn(entry),
        externalId,
        ResourceMeta.created(entry).orElse(now),
        ResourceMeta.lastModified(entry).orElse(now),
        ResourceMeta.version(mapper, entry, externalId, kept),
        kept);
  }
}
