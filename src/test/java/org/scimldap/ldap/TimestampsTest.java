package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.util.StaticUtils;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimldap.testsupport.RandomInstants;

/** Generalized Time values read as the SDK's general parser reads them, in every form. */
class TimestampsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "20261129224216Z",
        "20261129224216.0Z",
        "20261129224216.123Z",
        "20261129224216.123456789Z",
        "19700101000000Z",
        "20240229235959.999Z",
        "2026112922Z",
        "202611292242Z",
        "20261129224216+0200",
        "20261129224216.25-0130"
      })
  void readsEveryFormAsTheSdkDoes(String value) throws Exception {
    Instant expected = StaticUtils.decodeGeneralizedTime(value).toInstant();
    assertEquals(Optional.of(expected), Timestamps.parse(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Z", "20261329224216Z", "20261129224216,5Z", "yesterday"})
  void nonsenseIsNoTime(String value) {
    assertTrue(Timestamps.parse(value).isEmpty(), value);
  }

  /** Written as {@link Instant#toString()} writes it, for instants with and without fractions. */
  @Test
  void isoIsWhatInstantWrites() {
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.parse("2026-11-30T03:15:00Z"),
                Instant.parse("1999-12-31T23:59:59.5Z"),
                Instant.parse("2024-02-29T00:00:00.000001Z"),
                Instant.parse("2024-02-29T00:00:00.000000001Z"),
                Instant.parse("1000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("0999-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.EPOCH));
    instants.addAll(RandomInstants.of(7, 10_000, -40_000_000_000L, 260_000_000_000L));
    for (Instant instant : instants) {
      assertEquals(instant.toString(), Timestamps.iso(instant));
    }
  }
}
