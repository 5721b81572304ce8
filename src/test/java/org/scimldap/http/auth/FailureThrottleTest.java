package org.scimldap.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Failed attempts per address, on a clock the test moves by hand. */
class FailureThrottleTest {
  /** A clock that stands still until moved. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final HandClock clock = new HandClock();
  private final FailureThrottle throttle =
      new FailureThrottle(3, Duration.ofMinutes(1), 100, clock);

  @Test
  void anAddressIsRefusedAfterTooManyFailuresUntilTheWindowEnds() {
    for (int i = 0; i < 2; i++) {
      throttle.failed("10.0.0.1");
    }
    assertEquals(Optional.empty(), throttle.refusedFor("10.0.0.1"), "two failures are allowed");
    assertFalse(throttle.refusesAny(), "no address is refused yet");
    clock.advance(Duration.ofSeconds(20));
    throttle.failed("10.0.0.1");
    assertTrue(throttle.refusesAny());
    assertEquals(Optional.of(40L), throttle.refusedFor("10.0.0.1"));
    assertEquals(Optional.empty(), throttle.refusedFor("10.0.0.2"), "other addresses go on");
    clock.advance(Duration.ofSeconds(39));
    assertTrue(throttle.refusesAny());
    assertEquals(Optional.of(1L), throttle.refusedFor("10.0.0.1"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), throttle.refusedFor("10.0.0.1"), "the window is over");
    assertFalse(throttle.refusesAny(), "no window that refuses is open");
  }

  @Test
  void anyRefusalLastsUntilTheLatestWindowEnds() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("10.0.0.1");
    }
    clock.advance(Duration.ofSeconds(30));
    for (int i = 0; i < 3; i++) {
      throttle.failed("10.0.0.2");
    }
    clock.advance(Duration.ofSeconds(30));
    assertEquals(Optional.empty(), throttle.refusedFor("10.0.0.1"));
    assertTrue(throttle.refusesAny(), "the second address is refused for 30 s more");
    assertEquals(Optional.of(30L), throttle.refusedFor("10.0.0.2"));
    clock.advance(Duration.ofSeconds(30));
    assertFalse(throttle.refusesAny());
  }

  @Test
  void anEarlierWindowThatFillsLaterDoesNotShortenTheRefusal() {
    throttle.failed("10.0.0.1");
    clock.advance(Duration.ofSeconds(10));
    for (int i = 0; i < 3; i++) {
      throttle.failed("10.0.0.2");
    }
    clock.advance(Duration.ofSeconds(10));
    throttle.failed("10.0.0.1");
    throttle.failed("10.0.0.1");
    clock.advance(Duration.ofSeconds(45));
    assertEquals(Optional.empty(), throttle.refusedFor("10.0.0.1"), "its window ended at 60 s");
    assertTrue(throttle.refusesAny(), "the second address's window ends at 70 s");
    assertEquals(Optional.of(5L), throttle.refusedFor("10.0.0.2"));
  }

  @Test
  void aRefusalEndingWithinAMillisecondIsStillSeen() {
    clock.advance(Duration.ofNanos(500_000));
    for (int i = 0; i < 3; i++) {
      throttle.failed("10.0.0.1");
    }
    clock.advance(Duration.ofMinutes(1).minusNanos(1_000));
    assertEquals(Optional.of(1L), throttle.refusedFor("10.0.0.1"));
    assertTrue(throttle.refusesAny(), "a microsecond of the window is left");
  }

  @Test
  void failuresInAnOldWindowDoNotCount() {
    throttle.failed("10.0.0.1");
    throttle.failed("10.0.0.1");
    clock.advance(Duration.ofMinutes(1));
    throttle.failed("10.0.0.1");
    throttle.failed("10.0.0.1");
    assertEquals(Optional.empty(), throttle.refusedFor("10.0.0.1"));
  }

  @Test
  void memoryIsBoundedByTheNumberOfAddresses() {
    for (int i = 0; i < 1_000; i++) {
      throttle.failed("10.0." + (i / 250) + "." + (i % 250));
    }
    assertTrue(throttle.addresses() <= 100, "addresses kept: " + throttle.addresses());
  }
}
