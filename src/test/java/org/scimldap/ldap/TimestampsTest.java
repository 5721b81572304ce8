package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.util.StaticUtils;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
}
