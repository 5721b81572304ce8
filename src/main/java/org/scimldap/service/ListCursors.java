package org.scimldap.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.scimldap.ldap.PagedSearch;

/**
 * Searches kept open between the pages of unfiltered lists ({@link PagedSearch}), each waiting for
 * the page that starts where its last one ended: a client paging through every user then costs the
 * directory a page of a search for each page, not a read of each id. Each waits under the key of
 * its list and the index of its next page; whichever request asks for that page of that list takes
 * it. At most {@link #MAX_KEPT} wait (each holds a connection of its own), the oldest ended first,
 * and none much longer than {@link #MAX_IDLE_MILLIS}: a thread of its own, started with the first
 * search kept, ends those every {@link #SWEEP_SECONDS} seconds.
 */
final class ListCursors implements AutoCloseable {
  static final int MAX_KEPT = 8;
  static final long MAX_IDLE_MILLIS = 30_000;
  static final long SWEEP_SECONDS = 5;

  private record Kept(String key, int startIndex, PagedSearch search, long since) {}

  private final LongSupplier clock;

  /** Oldest first. */
  private final LinkedList<Kept> kept = new LinkedList<>();

  private boolean closed;

  /** Ends the searches that waited too long; null until the first is kept. */
  private ScheduledExecutorService sweeper;

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
        if (sweeper == null) {
          sweeper =
              Executors.newSingleThreadScheduledExecutor(
                  r -> {
                    Thread t = new Thread(r, "list-cursors");
                    t.setDaemon(true);
                    return t;
                  });
          sweeper.scheduleWithFixedDelay(
              this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        }
        while (kept.size() > MAX_KEPT) {
          ended.add(kept.removeFirst());
        }
      }
    }
    ended.forEach(k -> k.search().close());
  }

  /** Ends the searches that waited too long. */
  void sweep() {
    List<Kept> ended = new ArrayList<>();
    synchronized (kept) {
      expire(ended);
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
      if (forGood && sweeper != null) {
        sweeper.shutdownNow();
      }
    }
    ended.forEach(k -> k.search().close());
  }
}
