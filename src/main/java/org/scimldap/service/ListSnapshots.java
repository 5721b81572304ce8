package org.scimldap.service;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.scimldap.ldap.Directory;
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
  private final Map<String, FollowedIds> following = new HashMap<>();

  /** Snapshots only: nothing is followed. */
  public ListSnapshots() {
    this(null);
  }

  /** Snapshots, and the entries of the resource types given to {@link #follow} followed. */
  public ListSnapshots(Directory followed) {
    this.followed = followed;
  }

  /**
   * Follows the entries of these resource types from now on (those already followed go on), and
   * stops following any other: the types of the mapping being served.
   */
  public void follow(List<EntryMapper> mappers) {
    if (followed == null) {
      return;
    }
    synchronized (following) {
      Map<String, EntryMapper> wanted = new HashMap<>();
      mappers.forEach(m -> wanted.put(followKey(m), m));
      following.keySet().stream()
          .filter(k -> !wanted.containsKey(k))
          .toList()
          .forEach(k -> following.remove(k).close());
      wanted.forEach(
          (key, mapper) -> {
            if (!following.containsKey(key)) {
              FollowedIds ids = new FollowedIds(mapper);
              followed
                  .follow(
                      mapper.searchBase(), mapper.mapping().entryFilter(), ids.attributes(), ids)
                  .ifPresent(
                      follower -> {
                        ids.followedBy(follower);
                        following.put(key, ids);
                      });
            }
          });
    }
  }

  /**
   * The ids of every entry of the type, in DN order and current (see {@link FollowedIds#current});
   * empty when the type is not followed or that cannot be said now.
   */
  Optional<List<String>> followedIds(EntryMapper mapper) {
    return followed(mapper).flatMap(FollowedIds::current);
  }

  /** The followed ids and DNs of the type's entries, when it is followed. */
  Optional<FollowedIds> followed(EntryMapper mapper) {
    synchronized (following) {
      return Optional.ofNullable(following.get(followKey(mapper)));
    }
  }

  /**
   * What makes two types' followed entries the same: where, which, and the id they are known by.
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

  /** Stops following. */
  @Override
  public void close() {
    synchronized (following) {
      following.values().forEach(FollowedIds::close);
      following.clear();
    }
  }

  synchronized void written() {
    generation++;
  }

  /**
   * Forgets every snapshot, as a write does: the next page of any query scans again. For a new
   * mapping, whose filters and sort keys may select and order entries differently.
   */
  public void forgetAll() {
    written();
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
