package org.scimldap.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered ids of recent list queries, so that paging through a large result costs one directory
 * scan, not one per page (RFC 7644 §3.4.2.4 paging stays linear overall). A snapshot is always
 * taken afresh for {@code startIndex=1}; later pages of the same query reuse it while it is younger
 * than {@link #MAX_AGE_MILLIS} and no write went through this gateway since.
 */
public final class ListSnapshots {
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
