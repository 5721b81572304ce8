package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.store.Correlation;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.ForwardingStore;
import org.scimldap.store.SqliteCorrelationStore;
import org.scimldap.store.StoreException;
import org.scimldap.store.StoredParts;

/**
 * Rows kept in front of a real SQLite store: lookups by id answered from memory, and never a row
 * older than the store's once a write is done, whichever way it went.
 */
class RecentRowsTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private SqliteCorrelationStore sqlite;
  private CountedStore counted;
  private RecentRows rows;

  @BeforeEach
  void open() {
    sqlite = SqliteCorrelationStore.open(dir.resolve("gateway.db"));
    counted = new CountedStore(sqlite);
    rows = new RecentRows(counted, 3, RecentRows.BUDGET);
  }

  @AfterEach
  void close() {
    rows.close();
  }

  @Test
  void aRowLookedUpOnceIsAnsweredFromMemory() {
    sqlite.save(row("a", "ext-a"));
    assertEquals("ext-a", rows.findById("a").orElseThrow().externalId());
    assertEquals("ext-a", rows.findById("a").orElseThrow().externalId());
    assertEquals(Optional.empty(), rows.findById("none"));
    assertEquals(Optional.empty(), rows.findById("none"));
    assertEquals(2, counted.lookups.get(), "one store query per id");
  }

  @Test
  void aKeptRowReadsAsStored() throws LDAPException {
    Correlation stored =
        new Correlation(
            "id-1",
            "Group",
            "guid-1",
            new DN("CN=Readers\\, Main,OU=Groups,DC=example,DC=com"),
            "ext",
            Instant.parse("2025-03-04T05:06:07.123Z"),
            AT,
            "W/\"v\"",
            "{\"k\":1}");
    sqlite.save(stored);
    assertEquals(stored, rows.findById("id-1").orElseThrow());
    Correlation kept = rows.findById("id-1").orElseThrow();
    assertEquals(1, counted.lookups.get(), "read from memory");
    assertEquals(stored, kept);
    assertEquals(stored.dn().toString(), kept.dn().toString(), "the DN as spelled");

    Correlation written =
        new Correlation(
            "id-2",
            "User",
            "guid-2",
            new DN("uid=b,ou=people,dc=example,dc=com"),
            null,
            AT,
            AT,
            "W/\"w\"",
            null);
    rows.save(written);
    assertEquals(Optional.of(written), rows.findById("id-2"));
    assertEquals(sqlite.findById("id-2"), rows.findById("id-2"), "as a fresh read gives it");
    assertEquals(1, counted.lookups.get());
  }

  @Test
  void writesPassOneAtATimeSoTheLastOneCommittedIsKept() throws Exception {
    CountDownLatch firstCommitted = new CountDownLatch(1);
    CountDownLatch letFirstFinish = new CountDownLatch(1);
    counted.afterSave =
        saved -> {
          if (saved.externalId().equals("first")) {
            firstCommitted.countDown();
            await(letFirstFinish);
          }
        };
    Thread first = new Thread(() -> rows.save(row("a", "first")));
    first.start();
    await(firstCommitted);
    Thread second = new Thread(() -> rows.save(row("a", "second")));
    second.start();
    // The second write waits for the first; were it let through, it would commit and be kept
    // before the first is, and the first would then be kept over it.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (second.getState() != Thread.State.BLOCKED
        && second.isAlive()
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    letFirstFinish.countDown();
    first.join();
    second.join();
    assertEquals("second", sqlite.findById("a").orElseThrow().externalId());
    assertEquals("second", rows.findById("a").orElseThrow().externalId());
  }

  @Test
  void aConditionalSaveThatRenamesTheRowForgetsTheOldId() {
    Correlation read = row("ALICE", "ext");
    rows.save(read);
    assertTrue(rows.saveIfUnchanged(row("alice", "ext"), Optional.of(read)));
    assertEquals(Optional.empty(), rows.findById("ALICE"));
    assertEquals("ext", rows.findById("alice").orElseThrow().externalId());
  }

  @Test
  void rowsTooLargeOrUnderTooLongAnIdAreNotKept() throws LDAPException {
    Correlation large =
        new Correlation(
            "big",
            "User",
            "big",
            new DN("uid=big,ou=people,dc=example,dc=com"),
            null,
            AT,
            AT,
            "W/\"v\"",
            "{\"k\":\"" + "x".repeat(RecentRows.LARGEST) + "\"}");
    rows.save(large);
    assertEquals(large, rows.findById("big").orElseThrow());
    rows.findById("i".repeat(RecentRows.LONGEST_ID + 1));
    assertEquals(0, rows.size());
    assertEquals(2, counted.lookups.get(), "both read from the store");
  }

  @Test
  void aClosedStoreAnswersNothingFromMemory() {
    rows.save(row("a", "one"));
    rows.close();
    assertThrows(StoreException.class, () -> rows.findById("a"));
    assertThrows(StoreException.class, () -> rows.storedParts(List.of("a")));
  }

  @Test
  void eachWriteIsSeenByTheNextLookup() {
    rows.save(row("a", "one"));
    assertEquals("one", rows.findById("a").orElseThrow().externalId());
    rows.save(row("a", "two"));
    assertEquals("two", rows.findById("a").orElseThrow().externalId());
    Correlation read = rows.findById("a").orElseThrow();
    assertTrue(rows.saveIfUnchanged(row("a", "three"), Optional.of(read)));
    assertEquals("three", rows.findById("a").orElseThrow().externalId());
    rows.delete("a");
    assertEquals(Optional.empty(), rows.findById("a"));
    assertEquals(Optional.empty(), rows.findById("b"));
    rows.save(row("b", "new"));
    assertEquals("new", rows.findById("b").orElseThrow().externalId(), "an absence is forgotten");
  }

  @Test
  void whatAWriteLeavesIsAnsweredWithoutAQuery() {
    rows.save(row("a", "one"));
    assertEquals("one", rows.findById("a").orElseThrow().externalId());
    Correlation read = rows.findById("a").orElseThrow();
    assertTrue(rows.saveIfUnchanged(row("a", "two"), Optional.of(read)));
    assertEquals("two", rows.findById("a").orElseThrow().externalId());
    assertTrue(rows.saveIfUnchanged(row("b", "new"), Optional.empty()));
    assertEquals("new", rows.findById("b").orElseThrow().externalId());
    rows.delete("a");
    assertEquals(Optional.empty(), rows.findById("a"));
    assertEquals(0, counted.lookups.get(), "no store query");
    assertEquals(Optional.empty(), sqlite.findById("a"), "deleted in the store too");
    assertEquals("new", sqlite.findById("b").orElseThrow().externalId(), "saved in the store too");
  }

  @Test
  void aRefusedSaveForgetsTheRowItWasGiven() {
    rows.save(row("a", "one"));
    Correlation read = rows.findById("a").orElseThrow();
    sqlite.save(row("a", "behind its back"));
    assertFalse(rows.saveIfUnchanged(row("a", "two"), Optional.of(read)));
    assertEquals("behind its back", rows.findById("a").orElseThrow().externalId());
  }

  @Test
  void aFailedWriteForgetsTheRowToo() {
    rows.save(row("a", "one"));
    Correlation read = rows.findById("a").orElseThrow();
    sqlite.save(row("a", "behind its back"));
    counted.failWrites = true;
    assertThrows(StoreException.class, () -> rows.save(row("a", "two")));
    counted.failWrites = false;
    assertEquals("behind its back", rows.findById("a").orElseThrow().externalId());

    rows.save(row("b", "one"));
    sqlite.save(row("b", "behind its back"));
    counted.failWrites = true;
    assertThrows(
        StoreException.class, () -> rows.saveIfUnchanged(row("b", "two"), Optional.of(read)));
    counted.failWrites = false;
    assertEquals("behind its back", rows.findById("b").orElseThrow().externalId());

    rows.save(row("c", "one"));
    sqlite.delete("c");
    counted.failWrites = true;
    assertThrows(StoreException.class, () -> rows.delete("c"));
    counted.failWrites = false;
    assertEquals(Optional.empty(), rows.findById("c"));
  }

  @Test
  void aLookupThatAWriteOverlappedIsNotKept() {
    sqlite.save(row("a", "old"));
    // The store answers the lookup with the old row; a write of another id ends before the
    // lookup does, so nothing tells the kept rows whether "a" was written meanwhile.
    counted.duringLookup = () -> rows.save(row("b", "b"));
    assertEquals("old", rows.findById("a").orElseThrow().externalId());
    counted.duringLookup = () -> {};
    sqlite.save(row("a", "new"));
    assertEquals("new", rows.findById("a").orElseThrow().externalId());
  }

  @Test
  void storedPartsComeFromKeptRowsAndTheStoreForTheRest() {
    sqlite.save(row("a", "ext-a"));
    sqlite.save(row("b", "ext-b"));
    rows.findById("a");
    rows.findById("gone");
    int queries = counted.partQueries.get();
    Map<String, StoredParts> parts = rows.storedParts(List.of("a", "b", "gone", "c"));
    assertEquals(
        Map.of("a", new StoredParts("ext-a", null), "b", new StoredParts("ext-b", null)), parts);
    assertEquals(List.of("b", "c"), counted.askedParts);
    assertEquals(queries + 1, counted.partQueries.get());
    counted.askedParts = null;
    assertEquals(
        Map.of("a", new StoredParts("ext-a", null)), rows.storedParts(List.of("a", "gone")));
    assertEquals(null, counted.askedParts, "no query when every id is kept");
  }

  @Test
  void theLeastRecentlyUsedRowsGoBeyondTheCapacity() {
    for (String id : List.of("a", "b", "c", "d")) {
      sqlite.save(row(id, id));
    }
    rows.findById("a");
    rows.findById("b");
    rows.findById("c");
    rows.findById("a");
    rows.findById("d");
    assertEquals(3, rows.size());
    int before = counted.lookups.get();
    rows.findById("a");
    rows.findById("d");
    assertEquals(before, counted.lookups.get(), "a and d are kept");
    rows.findById("b");
    assertEquals(before + 1, counted.lookups.get(), "b went first");
  }

  @Test
  void forgetAllReadsEveryRowAgain() {
    sqlite.save(row("a", "one"));
    rows.findById("a");
    sqlite.save(row("a", "two"));
    assertEquals("one", rows.findById("a").orElseThrow().externalId(), "kept");
    rows.forgetAll();
    assertEquals("two", rows.findById("a").orElseThrow().externalId());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(5, TimeUnit.SECONDS), "waited too long");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Correlation row(String id, String externalId) {
    try {
      return new Correlation(
          id,
          "User",
          id,
          new DN("uid=" + id + ",ou=people,dc=example,dc=com"),
          externalId,
          AT,
          AT,
          "W/\"" + externalId + "\"",
          null);
    } catch (LDAPException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A store that counts the queries it is asked, and can fail its writes. */
  private static final class CountedStore extends ForwardingStore {
    final AtomicInteger lookups = new AtomicInteger();
    final AtomicInteger partQueries = new AtomicInteger();
    volatile List<String> askedParts;
    volatile Runnable duringLookup = () -> {};
    volatile boolean failWrites;
    volatile Consumer<Correlation> afterSave = saved -> {};

    CountedStore(CorrelationStore store) {
      super(store);
    }

    @Override
    public Optional<Correlation> findById(String id) {
      lookups.incrementAndGet();
      Optional<Correlation> row = super.findById(id);
      duringLookup.run();
      return row;
    }

    @Override
    public Map<String, StoredParts> storedParts(Collection<String> ids) {
      partQueries.incrementAndGet();
      askedParts = List.copyOf(ids);
      return super.storedParts(ids);
    }

    @Override
    public void save(Correlation correlation) {
      refuseIfFailing();
      super.save(correlation);
      afterSave.accept(correlation);
    }

    @Override
    public boolean saveIfUnchanged(Correlation correlation, Optional<Correlation> read) {
      refuseIfFailing();
      return super.saveIfUnchanged(correlation, read);
    }

    @Override
    public void delete(String id) {
      refuseIfFailing();
      super.delete(id);
    }

    private void refuseIfFailing() {
      if (failWrites) {
        throw new StoreException("write refused", null);
      }
    }
  }
}
