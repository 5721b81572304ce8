package org.scimldap.service;

import com.unboundid.ldap.sdk.Entry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Entries of one resource type as the gateway's own writes last left them (the directory's answer
 * to the write, RFC 4527 Post-Read), the latest {@link #CAPACITY} of them, so that a PATCH soon
 * after a create or another PATCH of the same resource need not read its entry again: IdPs send a
 * create and then a few PATCHes of the same user, and change the same attributes of it again and
 * again.
 *
 * <p>Such an entry is only ever taken as a guess of what the directory holds. The write it leads to
 * asserts (RFC 4528) that the entry's change marker is still the one remembered, so a change made
 * meanwhile by anyone else fails that write; and whatever a request decides on a remembered entry
 * without writing (no change to make, a version that does not match, an operation that finds
 * nothing) is decided again on a fresh read ({@link ResourceService#patch}). Only entries with a
 * marker that changes with every change ({@code entryCSN}, {@code uSNChanged}) are kept, and only
 * where the directory takes the assertion.
 */
final class WrittenEntries {
  /** How many entries are kept at most; the least recently used go first. */
  static final int CAPACITY = 10_000;

  private final int capacity;
  private final Map<String, Entry> byId;

  WrittenEntries(int capacity) {
    this.capacity = capacity;
    this.byId =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > WrittenEntries.this.capacity;
          }
        };
  }

  /** Remembers {@code entry} as the one of resource {@code id}, if its change marker is precise. */
  void remember(String id, Entry entry) {
    boolean precise = entry.hasAttribute("entryCSN") || entry.hasAttribute("uSNChanged");
    synchronized (byId) {
      if (precise) {
        byId.put(id, entry);
      } else {
        byId.remove(id);
      }
    }
  }

  /** The entry last remembered for {@code id}, if it is still kept. */
  Optional<Entry> recall(String id) {
    synchronized (byId) {
      return Optional.ofNullable(byId.get(id));
    }
  }

  void forget(String id) {
    synchronized (byId) {
      byId.remove(id);
    }
  }

  /** How many entries are kept. */
  int size() {
    synchronized (byId) {
      return byId.size();
    }
  }
}
