package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.scimldap.scim.ScimException;

class ResourceLocksTest {
  private static final String ID = "2819c223-7f76-453a-919d-413861904646";

  @Test
  void aSecondWriteOfOneResourceWaitsForTheFirst() throws Exception {
    ResourceLocks locks = new ResourceLocks(5_000);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean firstDone = new AtomicBoolean();
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(
            () ->
                locks.holding(
                    ID,
                    () -> {
                      inside.countDown();
                      await(release);
                      firstDone.set(true);
                    }));
    assertTrue(inside.await(5, TimeUnit.SECONDS));
    CompletableFuture<Boolean> second =
        CompletableFuture.supplyAsync(() -> locks.holding(ID.toUpperCase(), firstDone::get));
    assertFalse(second.isDone(), "the same id, in other case, waits");
    assertEquals("other", locks.holding(otherStripe(), () -> "other"), "another id does not");
    release.countDown();
    first.get(5, TimeUnit.SECONDS);
    assertTrue(second.get(5, TimeUnit.SECONDS), "it ran after the first had finished");
  }

  @Test
  void aWriteThatWaitsTooLongIsARetryableUnavailable() throws Exception {
    ResourceLocks locks = new ResourceLocks(50);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(
            () ->
                locks.holding(
                    ID,
                    () -> {
                      inside.countDown();
                      await(release);
                    }));
    assertTrue(inside.await(5, TimeUnit.SECONDS));
    ScimException e = assertThrows(ScimException.class, () -> locks.holding(ID, () -> "late"));
    assertEquals(503, e.status());
    assertTrue(e.getMessage().contains(ID), e.getMessage());
    release.countDown();
    holder.get(5, TimeUnit.SECONDS);
    assertEquals("now", locks.holding(ID, () -> "now"));
  }

  /** An id whose lock is not the one {@link #ID} takes. */
  private static String otherStripe() {
    for (int i = 0; ; i++) {
      String candidate = "id-" + i;
      if (Math.floorMod(candidate.hashCode(), 64) != Math.floorMod(ID.hashCode(), 64)) {
        return candidate;
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
