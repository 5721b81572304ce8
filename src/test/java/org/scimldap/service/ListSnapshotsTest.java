package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When a list snapshot is reused for a later page: never for the first page, and for later pages of
 * the same query only while it is young and no write went through since; at most eight are kept,
 * the least recently used going first.
 */
class ListSnapshotsTest {
  private static final List<String> IDS = List.of("id-1", "id-2", "id-3");
  private static final int MAX_KEPT = 8;

  private final ListSnapshots snapshots = new ListSnapshots();

  @Test
  void aSnapshotIsNeverReusedForTheFirstPage() {
    ListSnapshots.Snapshot kept = fresh();
    snapshots.keep("q", kept);

    assertEquals(Optional.empty(), snapshots.reusable("q", 1));
    assertEquals(Optional.empty(), snapshots.reusable("q", 0), "startIndex below 1 means 1");
    assertEquals(Optional.of(kept), snapshots.reusable("q", 2), "it is still kept");
  }

  @Test
  void aYoungSnapshotIsReusedForLaterPagesOfTheSameQuery() {
    ListSnapshots.Snapshot kept = fresh();
    snapshots.keep("q", kept);

    assertEquals(Optional.of(kept), snapshots.reusable("q", 2));
    assertEquals(Optional.of(kept), snapshots.reusable("q", 1001));
    assertEquals(IDS, snapshots.reusable("q", 4).orElseThrow().ids());
    assertEquals(Optional.empty(), snapshots.reusable("other query", 2));
  }

  @Test
  void aWriteMakesEverySnapshotStale() {
    snapshots.keep("q", fresh());
    snapshots.keep("r", fresh());

    snapshots.written();

    assertEquals(Optional.empty(), snapshots.reusable("q", 2));
    assertEquals(Optional.empty(), snapshots.reusable("r", 2));
    ListSnapshots.Snapshot after = fresh();
    snapshots.keep("q", after);
    assertEquals(Optional.of(after), snapshots.reusable("q", 2), "a snapshot after the write is");
  }

  @Test
  void aNewMappingMakesEverySnapshotStale() {
    snapshots.keep("q", fresh());

    snapshots.forgetAll();

    assertEquals(Optional.empty(), snapshots.reusable("q", 2));
  }

  /** A write between reading the generation and keeping the snapshot (a racing request). */
  @Test
  void aSnapshotTakenBeforeAWriteIsNotReusedEvenIfKeptAfterIt() {
    ListSnapshots.Snapshot taken = new ListSnapshots.Snapshot(IDS, snapshots.generation(), now());
    snapshots.written();

    snapshots.keep("q", taken);

    assertEquals(Optional.empty(), snapshots.reusable("q", 2));
  }

  @Test
  void aSnapshotOlderThanTheMaximumAgeIsNotReused() {
    long now = now();
    snapshots.keep("old", takenAt(now - ListSnapshots.MAX_AGE_MILLIS - 1_000));
    snapshots.keep("young", takenAt(now - ListSnapshots.MAX_AGE_MILLIS + 10_000));

    assertEquals(Optional.empty(), snapshots.reusable("old", 2));
    assertTrue(snapshots.reusable("young", 2).isPresent(), "younger than the limit");
  }

  @Test
  void atMostEightSnapshotsAreKeptAndTheEldestGoesFirst() {
    for (int i = 0; i < MAX_KEPT + 1; i++) {
      snapshots.keep("q" + i, fresh());
    }

    assertEquals(Optional.empty(), snapshots.reusable("q0", 2), "the eldest was evicted");
    for (int i = 1; i <= MAX_KEPT; i++) {
      assertTrue(snapshots.reusable("q" + i, 2).isPresent(), "q" + i + " is kept");
    }
  }

  @Test
  void reusingASnapshotMakesItTheYoungestForEviction() {
    for (int i = 0; i < MAX_KEPT; i++) {
      snapshots.keep("q" + i, fresh());
    }
    assertTrue(snapshots.reusable("q0", 2).isPresent());

    snapshots.keep("q" + MAX_KEPT, fresh());

    assertTrue(snapshots.reusable("q0", 2).isPresent(), "q0 was used, so it stays");
    assertEquals(Optional.empty(), snapshots.reusable("q1", 2), "q1 is now the least used");
    for (int i = 2; i <= MAX_KEPT; i++) {
      assertTrue(snapshots.reusable("q" + i, 2).isPresent(), "q" + i + " is kept");
    }
  }

  @Test
  void keepingUnderAKnownKeyReplacesItsSnapshotWithoutEvictingAnother() {
    for (int i = 0; i < MAX_KEPT; i++) {
      snapshots.keep("q" + i, fresh());
    }
    ListSnapshots.Snapshot replacement =
        new ListSnapshots.Snapshot(List.of("id-9"), snapshots.generation(), now());

    snapshots.keep("q3", replacement);

    assertEquals(Optional.of(replacement), snapshots.reusable("q3", 2));
    for (int i = 0; i < MAX_KEPT; i++) {
      assertTrue(snapshots.reusable("q" + i, 2).isPresent(), "q" + i + " is kept");
    }
  }

  @Test
  void aSnapshotKeepsItsOwnCopyOfTheIds() {
    List<String> ids = new ArrayList<>(IDS);
    snapshots.keep("q", new ListSnapshots.Snapshot(ids, snapshots.generation(), now()));

    ids.clear();

    assertEquals(IDS, snapshots.reusable("q", 2).orElseThrow().ids());
  }

  private ListSnapshots.Snapshot fresh() {
    return takenAt(now());
  }

  private ListSnapshots.Snapshot takenAt(long millis) {
    return new ListSnapshots.Snapshot(IDS, snapshots.generation(), millis);
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
