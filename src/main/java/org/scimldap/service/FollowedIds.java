package org.scimldap.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.scimldap.ldap.ContentFollower;
import org.scimldap.mapping.entry.EntryMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The id and DN of every entry of one resource type, kept current by following the directory's
 * changes ({@link ContentFollower}): the ids in list order for the first page of an unfiltered
 * list, with its exact {@code totalResults}, without reading every entry; and ids to DNs and back,
 * for references, without a search.
 *
 * <p>List order is the order in which the directory first sent each entry: its own order, in which
 * a search of the type returns them (OpenLDAP's is the order the entries were added in, a renamed
 * entry keeping its place), so that an unfiltered list's pages can be read by a search kept from
 * one page to the next ({@link org.scimldap.ldap.PagedSearch}) rather than by their ids. An entry
 * that changes keeps its place.
 */
final class FollowedIds implements ContentFollower.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(FollowedIds.class);

  /** How long a caller waits for changes made just before it to come through the stream. */
  static final long MAX_WAIT_MILLIS = 250;

  /**
   * The most entries of one type kept in memory (a few hundred bytes each): a type with more is no
   * longer followed, and its lists scan, so that a very large directory cannot exhaust the heap.
   */
  static final int MAX_ENTRIES = 250_000;

  /**
   * One followed entry: its id (in lower case, and as the mapping writes it), its DN as the
   * directory wrote it, and that DN's keys.
   */
  private record Followed(
      String id, String shownId, String dn, String dnKey, String normalizedDn) {}

  private final EntryMapper mapper;
  private final int maxEntries;
  private boolean tooMany;

  /** In list order: the order the directory first sent each entry. */
  private final Map<UUID, Followed> byUuid = new LinkedHashMap<>();

  private final Map<String, Followed> byId = new HashMap<>();
  private final Map<String, Followed> byNormalizedDn = new HashMap<>();
  private boolean refreshed;
  private volatile ContentFollower follower;

  FollowedIds(EntryMapper mapper) {
    this(mapper, MAX_ENTRIES);
  }

  FollowedIds(EntryMapper mapper, int maxEntries) {
    this.mapper = mapper;
    this.maxEntries = maxEntries;
  }

  /** The attributes the followed entries are read with: the id. */
  List<String> attributes() {
    return List.of(mapper.mapping().idAttribute());
  }

  void followedBy(ContentFollower follower) {
    this.follower = follower;
    synchronized (this) {
      if (tooMany) {
        follower.close(); // gave up during the first refresh, before the follower was known
      }
    }
  }

  /**
   * Every id, in order, as of now (changes the directory made before this call included); empty
   * when that cannot be said in time (the stream lags, is broken or still refreshing).
   */
  Optional<List<String>> current() {
    if (!caughtUp()) {
      return Optional.empty();
    }
    synchronized (this) {
      return refreshed
          ? Optional.of(byUuid.values().stream().map(Followed::shownId).toList())
          : Optional.empty();
    }
  }

  /**
   * The DNs of the entries with these ids, as of now (ids that name none are left out); empty when
   * that cannot be said in time.
   */
  Optional<Map<String, DN>> dnsOf(Collection<String> ids) {
    return lookUp(ids, id -> byId.get(id.toLowerCase(Locale.ROOT)), f -> parsed(f.dn()));
  }

  /**
   * The ids of the entries these DNs name, as of now (DNs that name none are left out); empty when
   * that cannot be said in time.
   */
  Optional<Map<DN, String>> idsOf(Collection<DN> dns) {
    return lookUp(dns, dn -> byNormalizedDn.get(dn.toNormalizedString()), f -> Optional.of(f.id()));
  }

  /**
   * The DN keys ({@link ResourceLister#dnKey}) of the followed entries with these ids, by id (ids
   * that name none are left out), as far as the changes read so far tell: without waiting for the
   * stream to catch up. Empty unless the stream is open with its first read complete: the entries
   * of a stream that broke or stopped may no longer be what they were.
   */
  Optional<Map<String, String>> known(Collection<String> ids) {
    return lookUp(
        ids,
        id -> byId.get(id.toLowerCase(Locale.ROOT)),
        f -> Optional.of(f.dnKey()),
        this::following);
  }

  /** What {@code value} says of the entry each key finds, once caught up. */
  private <K, V> Optional<Map<K, V>> lookUp(
      Collection<K> keys, Function<K, Followed> find, Function<Followed, Optional<V>> value) {
    return lookUp(keys, find, value, this::caughtUp);
  }

  /** What {@code value} says of the entry each key finds, once {@code ready} says so. */
  private <K, V> Optional<Map<K, V>> lookUp(
      Collection<K> keys,
      Function<K, Followed> find,
      Function<Followed, Optional<V>> value,
      BooleanSupplier ready) {
    if (!ready.getAsBoolean()) {
      return Optional.empty();
    }
    Map<K, V> found = new LinkedHashMap<>();
    synchronized (this) {
      if (!refreshed) {
        return Optional.empty();
      }
      for (K key : keys) {
        Followed f = find.apply(key);
        if (f != null) {
          value.apply(f).ifPresent(v -> found.put(key, v));
        }
      }
    }
    return Optional.of(found);
  }

  /** How many entries are followed: none until the first read is complete. */
  synchronized int size() {
    return refreshed ? byUuid.size() : 0;
  }

  /** Whether the stream is open with its first read complete, without waiting. */
  private boolean following() {
    ContentFollower f = follower;
    return f != null && f.following();
  }

  private boolean caughtUp() {
    ContentFollower f = follower;
    return f != null && f.awaitCurrent(MAX_WAIT_MILLIS);
  }

  private static Optional<DN> parsed(String dn) {
    try {
      return Optional.of(new DN(dn));
    } catch (LDAPException e) {
      return Optional.empty();
    }
  }

  @Override
  public synchronized void restarted() {
    refreshed = false;
    byUuid.clear();
    byId.clear();
    byNormalizedDn.clear();
  }

  @Override
  public synchronized void present(UUID uuid, SearchResultEntry entry) {
    if (tooMany) {
      return;
    }
    Optional<String> id = mapper.immutableId(entry);
    Optional<DN> dn = parsed(entry.getDN());
    if (id.isEmpty() || dn.isEmpty()) {
      gone(uuid);
      return;
    }
    Followed before = byUuid.get(uuid);
    if (before != null) {
      unindex(before);
    }
    // The three spellings of a DN are often the same text: kept once then.
    String written = entry.getDN();
    String key = same(ResourceLister.dnKey(entry), written);
    Followed f =
        new Followed(
            id.get().toLowerCase(Locale.ROOT),
            id.get(),
            written,
            key,
            same(same(dn.get().toNormalizedString(), written), key));
    byUuid.put(uuid, f); // an entry followed already keeps its place
    byId.put(f.id(), f);
    byNormalizedDn.put(f.normalizedDn(), f);
    if (byUuid.size() > maxEntries) {
      giveUp();
    }
  }

  /** Stops following a type with more entries than may be kept; its lists scan from now on. */
  private void giveUp() {
    tooMany = true;
    refreshed = false;
    byUuid.clear();
    byId.clear();
    byNormalizedDn.clear();
    LOG.warn(
        "Not following the {} entries under {}: more than {}, too many to keep in memory;"
            + " their lists count by searching",
        mapper.mapping().name(),
        mapper.searchBase(),
        maxEntries);
    close();
  }

  private static String same(String text, String other) {
    return text.equals(other) ? other : text;
  }

  @Override
  public synchronized void gone(UUID uuid) {
    Followed f = byUuid.remove(uuid);
    if (f != null) {
      unindex(f);
    }
  }

  /** Removes what is this entry's from the lookups: another may have come to its keys meanwhile. */
  private void unindex(Followed f) {
    byId.remove(f.id(), f);
    byNormalizedDn.remove(f.normalizedDn(), f);
  }

  @Override
  public synchronized void refreshed() {
    if (tooMany) {
      return;
    }
    refreshed = true;
    LOG.info(
        "Following the {} {} entries under {} (content sync): unfiltered first pages and batches"
            + " of references need no search",
        byUuid.size(),
        mapper.mapping().name(),
        mapper.searchBase());
  }

  void close() {
    ContentFollower f = follower;
    if (f != null) {
      f.close();
    }
  }
}
