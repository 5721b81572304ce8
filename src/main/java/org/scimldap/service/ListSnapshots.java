package org.scimldap.service;

import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.scimldap.ldap.ContentFollower;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.PagedSearch;
import org.scimldap.mapping.entry.EntryMapper;

/**
 * The ordered ids of recent list queries, so that paging through a large result costs one directory
 * scan, not one per page (RFC 7644 §3.4.2.4 paging stays linear overall). A snapshot is always
 * taken afresh for {@code startIndex=1}; later pages of the same query reuse it while it is younger
 * than {@link #MAX_AGE_MILLIS} and no write went through this gateway since.
 *
 * <p>Where the directory offers content synchronization, the ids of every entry of each resource
 * type are also kept current by following its changes ({@link FollowedIds}), so that the first page
 * of an unfiltered list needs no scan.
 */
public final class ListSnapshots implements AutoCloseable {
  static final long MAX_AGE_MILLIS = 60_000;
  private static final int MAX_SNAPSHOTS = 8;

  record Snapshot(List<String> ids, long generation, long takenAt) {
    Snapshot {
      ids = List.copyOf(ids);
    }
  }

  private final Map<String, Snapshot> snapshots =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
          return size() > MAX_SNAPSHOTS;
        }
      };
  private long generation;
  private final Directory followed;
  private final long retryMillis;
  private final int maxFollowed;
  private final Map<String, FollowedIds> following = new HashMap<>();
  private final ListCursors cursors = new ListCursors();

  /** The types of the mapping served, by follow key, and when each was last tried. */
  private final Map<String, EntryMapper> wanted = new HashMap<>();

  private final Map<String, Long> lastTried = new HashMap<>();

  /** How long after a type could not be followed it is tried again. */
  static final long RETRY_MILLIS = 30_000;

  /** Snapshots only: nothing is followed. */
  public ListSnapshots() {
    this(null);
  }

  /** Snapshots, and the entries of the resource types given to {@link #follow} followed. */
  public ListSnapshots(Directory followed) {
    this(followed, RETRY_MILLIS);
  }

  ListSnapshots(Directory followed, long retryMillis) {
    this(followed, retryMillis, FollowedIds.MAX_ENTRIES);
  }

  ListSnapshots(Directory followed, long retryMillis, int maxFollowed) {
    this.followed = followed;
    this.retryMillis = retryMillis;
    this.maxFollowed = maxFollowed;
  }

  /**
   * Follows the entries of these resource types from now on (those already followed go on), and
   * stops following any other: the types of the mapping being served. A type that cannot be
   * followed now (the directory does not answer yet) is tried again when asked for, at most every
   * {@link #RETRY_MILLIS}.
   */
  public void follow(List<EntryMapper> mappers) {
    if (followed == null) {
      return;
    }
    List<Map.Entry<String, EntryMapper>> toStart = new ArrayList<>();
    synchronized (following) {
      wanted.clear();
      mappers.forEach(m -> wanted.put(followKey(m), m));
      following.keySet().stream()
          .filter(k -> !wanted.containsKey(k))
          .toList()
          .forEach(k -> following.remove(k).close());
      wanted.forEach(
          (key, mapper) -> {
            if (!following.containsKey(key)) {
              lastTried.put(key, System.currentTimeMillis());
              toStart.add(Map.entry(key, mapper));
            }
          });
    }
    toStart.forEach(e -> start(e.getKey(), e.getValue()));
  }

  /** Starts following a type, outside the lock (asking the directory may take a while). */
  private void start(String key, EntryMapper mapper) {
    FollowedIds ids = new FollowedIds(mapper, maxFollowed);
    Optional<ContentFollower> follower =
        followed.follow(mapper.searchBase(), mapper.mapping().entryFilter(), ids.attributes(), ids);
    if (follower.isEmpty()) {
      return;
    }
    ids.followedBy(follower.get());
    synchronized (following) {
      if (wanted.containsKey(key) && !following.containsKey(key)) {
        following.put(key, ids);
        return;
      }
    }
    ids.close(); // the mapping changed meanwhile, or another request started it first
  }

  /**
   * The ids of every entry of the type, in list order and current (see {@link
   * FollowedIds#current}); empty when the type is not followed or that cannot be said now.
   */
  Optional<List<String>> followedIds(EntryMapper mapper) {
    return followed(mapper).flatMap(FollowedIds::current);
  }

  /** The followed ids and DNs of the type's entries, when it is followed. */
  Optional<FollowedIds> followed(EntryMapper mapper) {
    String key = followKey(mapper);
    EntryMapper retry = null;
    synchronized (following) {
      FollowedIds ids = following.get(key);
      if (ids != null) {
        return Optional.of(ids);
      }
      long now = System.currentTimeMillis();
      if (followed != null
          && wanted.containsKey(key)
          && now - lastTried.getOrDefault(key, 0L) >= retryMillis) {
        lastTried.put(key, now);
        retry = wanted.get(key);
      }
    }
    if (retry == null) {
      return Optional.empty();
    }
    start(key, retry);
    synchronized (following) {
      return Optional.ofNullable(following.get(key));
    }
  }

  /**
   * What makes two types' followed entries the same: where, which, and the id they are known by
   * (attribute and how it is written).
   */
  private static String followKey(EntryMapper mapper) {
    return mapper.searchBase().toNormalizedString()
        + "|"
        + mapper.mapping().entryFilter().toNormalizedString()
        + "|"
        + mapper.mapping().idAttribute().toLowerCase(Locale.ROOT)
        + "|"
        + mapper.mapping().idTransform();
  }

  /** How many entries are followed now, over every type (those whose first read is complete). */
  public int followedEntries() {
    List<FollowedIds> all;
    synchronized (following) {
      all = List.copyOf(following.values());
    }
    return all.stream().mapToInt(FollowedIds::size).sum();
  }

  /** The searches kept between the pages of unfiltered lists of followed types. */
  ListCursors cursors() {
    return cursors;
  }

  /**
   * A new search of the type's entries, in the directory's order: where the type is followed, that
   * is the order of its followed ids ({@link FollowedIds}). Empty where it is not followed, or the
   * directory cannot keep such a search.
   */
  Optional<PagedSearch> pagedSearch(EntryMapper mapper, List<String> attributes) {
    if (followed == null) {
      return Optional.empty();
    }
    return followed.pagedSearch(
        mapper.searchBase(), SearchScope.SUB, mapper.mapping().entryFilter(), attributes);
  }

  /** Stops following, for good. */
  @Override
  public void close() {
    cursors.close();
    synchronized (following) {
      wanted.clear();
      following.values().forEach(FollowedIds::close);
      following.clear();
    }
  }

  synchronized void written() {
    generation++;
  }

  /**
   * Forgets every snapshot, as a write does: the next page of any query scans again; and ends the
   * searches kept between pages. For a new mapping, whose filters and sort keys may select and
   * order entries differently, and whose types may read other attributes from other places.
   */
  public void forgetAll() {
    written();
    cursors.endAll();
  }

  synchronized long generation() {
    return generation;
  }

  synchronized Optional<Snapshot> reusable(String key, int startIndex) {
    if (startIndex <= 1) {
      return Optional.empty();
    }
    Snapshot s = snapshots.get(key);
    if (s == null
        || s.generation() != generation
        || System.currentTimeMillis() - s.takenAt() > MAX_AGE_MILLIS) {
      return Optional.empty();
    }
    return Optional.of(s);
  }

  synchronized void keep(String key, Snapshot snapshot) {
    snapshots.put(key, snapshot);
  }
}
