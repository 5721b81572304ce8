package org.scimldap.testsupport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class SlapdAvailabilityTest {

  @Test
  void installedBinariesNeedNothing() {
    assertDoesNotThrow(() -> Slapd.requireAvailable(List.of(), true));
    assertDoesNotThrow(() -> Slapd.requireAvailable(List.of(), false));
  }

  @Test
  void missingSlapdFailsWhereRequired() {
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class, () -> Slapd.requireAvailable(List.of("slapd"), true));
    assertTrue(
        failure
            .getMessage()
            .startsWith("slapd not installed; CI requires the real-directory tests"));
  }

  @Test
  void missingSlapdSkipsElsewhere() {
    TestAbortedException skip =
        assertThrows(
            TestAbortedException.class,
            () -> Slapd.requireAvailable(List.of("slapd", "slapadd"), false));
    assertTrue(skip.getMessage().contains("slapd, slapadd"));
  }
}
