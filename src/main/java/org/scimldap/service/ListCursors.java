package org.scimldap.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.scimldap.ldap.PagedSearch;

/**
 * Searches kept open between the pages of unfiltered lists ({@link PagedSearch}), each waiting for
 * the page that starts where its last one ended: a client paging through every user then costs the
 * directory a page of a search for each page, not a read of each id. Each waits under the key of
 * its list and the index of its next page; whichever request asks for that page of that list takes
 * it. At most {@link #MAX_KEPT} wait (each holds a connection of its own), and none longer than
 * {@link #MAX_IDLE_MILLIS}: the oldest is ended first.
 */
final class ListCursors implements AutoCloseable {
  static final int MAX_KEPT = 8;
  static final long MAX_IDLE_MILLIS = 30_000;

  private record Kept(String key, int startIndex, PagedSearch search, long since) {}

  private final LongSupplier clock;

  /** Oldest first. */
  private final LinkedList<Kept> kept = new LinkedList<>();

  private boolean closed;

  ListCursors() {
    this(() -> System.nanoTime() / 1_000_000);
  }

  ListCursors(LongSupplier clock) {
    this.clock = clock;
  }

  /** The search waiting for page {@code startIndex} of list {@code key}, taken from here. */
  Optional<PagedSearch> take(String key, int startIndex) {
    List<Kept> ended = new ArrayList<>();
    Optional<PagedSearch> found = Optional.empty();
    synchronized (kept) {
      expire(ended);
      for (Iterator<Kept> it = kept.iterator(); it.hasNext(); ) {
        Kept k = it.next();
        if (k.startIndex() == startIndex && k.key().equals(key)) {
          it.remove();
          found = Optional.of(k.search());
          break;
        }
      }
    }
    ended.forEach(k -> k.search().close());
    return found;
  }

  /** Keeps {@code search} for page {@code startIndex} of list {@code key}. */
  void keep(String key, int startIndex, PagedSearch search) {
    List<Kept> ended = new ArrayList<>();
    synchronized (kept) {
      if (closed) {
        ended.add(new Kept(key, startIndex, search, 0));
      } else {
        expire(ended);
        kept.addLast(new Kept(key, startIndex, search, clock.getAsLong()));
        while (kept.size() > MAX_KEPT) {
          ended.add(kept.removeFirst());
        }
      }
    }
    ended.forEach(k -> k.search().close());
  }

  /** How many searches wait now. */
  int size() {
    synchronized (kept) {
      return kept.size();
    }
  }

  /** Moves the searches that waited too long to {@code ended}, for closing outside the lock. */
  private void expire(List<Kept> ended) {
    long now = clock.getAsLong();
    while (!kept.isEmpty() && now - kept.getFirst().since() > MAX_IDLE_MILLIS) {
      ended.add(kept.removeFirst());
    }
  }

  /** Ends every waiting search. */
  void endAll() {
    end(false);
  }

  /** Ends every waiting search, and any kept from now on. */
  @Override
  public void close() {
    end(true);
  }

  private void end(boolean forGood) {
    List<Kept> ended;
    synchronized (kept) {
      closed |= forGood;
      ended = new ArrayList<>(kept);
      kept.clear();
    }
    ended.forEach(k -> k.search().close());
  }
}
