package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.scimldap.ldap.PagedSearch;

/** Kept searches wait for their list's next page, a bounded number of them, for a bounded time. */
class ListCursorsTest {
  private long now = 1_000;
  private final ListCursors cursors = new ListCursors(() -> now);

  @Test
  void aSearchIsTakenOnceForItsListsNextPage() {
    Search search = new Search();
    cursors.keep("users", 101, search);
    assertTrue(cursors.take("users", 201).isEmpty(), "another page");
    assertTrue(cursors.take("groups", 101).isEmpty(), "another list");
    assertSame(search, cursors.take("users", 101).orElseThrow());
    assertTrue(cursors.take("users", 101).isEmpty(), "taken already");
    assertFalse(search.closed);
  }

  @Test
  void twoClientsAtTheSamePageEachTakeOne() {
    Search a = new Search();
    Search b = new Search();
    cursors.keep("users", 101, a);
    cursors.keep("users", 101, b);
    assertSame(a, cursors.take("users", 101).orElseThrow());
    assertSame(b, cursors.take("users", 101).orElseThrow());
  }

  @Test
  void beyondTheMostKeptTheOldestEnds() {
    List<Search> searches = new ArrayList<>();
    for (int i = 0; i <= ListCursors.MAX_KEPT; i++) {
      Search s = new Search();
      searches.add(s);
      cursors.keep("users", 1 + 100 * (i + 1), s);
    }
    assertEquals(ListCursors.MAX_KEPT, cursors.size());
    assertTrue(searches.get(0).closed);
    assertTrue(cursors.take("users", 101).isEmpty());
    assertFalse(searches.get(1).closed);
    assertSame(searches.get(1), cursors.take("users", 201).orElseThrow());
  }

  @Test
  void aSearchThatWaitedTooLongEnds() {
    Search old = new Search();
    cursors.keep("users", 101, old);
    now += ListCursors.MAX_IDLE_MILLIS;
    Search young = new Search();
    cursors.keep("users", 201, young);
    now += 1;
    assertTrue(cursors.take("users", 101).isEmpty());
    assertTrue(old.closed);
    assertSame(young, cursors.take("users", 201).orElseThrow());
  }

  @Test
  void theSweepEndsThoseThatWaitedTooLongWithoutAnyListAsking() {
    Search old = new Search();
    cursors.keep("users", 101, old);
    now += ListCursors.MAX_IDLE_MILLIS / 2;
    Search young = new Search();
    cursors.keep("users", 201, young);
    now += ListCursors.MAX_IDLE_MILLIS / 2 + 1;
    cursors.sweep();
    assertTrue(old.closed);
    assertFalse(young.closed);
    assertEquals(1, cursors.size());
  }

  @Test
  void closingEndsThemAllAndAnyKeptAfter() {
    Search waiting = new Search();
    cursors.keep("users", 101, waiting);
    cursors.close();
    assertTrue(waiting.closed);
    Search late = new Search();
    cursors.keep("users", 201, late);
    assertTrue(late.closed);
    assertEquals(0, cursors.size());
  }

  @Test
  void endingAllLeavesRoomForMore() {
    Search waiting = new Search();
    cursors.keep("users", 101, waiting);
    cursors.endAll();
    assertTrue(waiting.closed);
    Search next = new Search();
    cursors.keep("users", 101, next);
    assertSame(next, cursors.take("users", 101).orElseThrow());
    assertFalse(next.closed);
  }

  private static final class Search implements PagedSearch {
    boolean closed;

    @Override
    public boolean next(int size, Consumer<Entry> sink) {
      return false;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
