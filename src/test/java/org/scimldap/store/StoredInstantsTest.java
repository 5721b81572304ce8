package org.scimldap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.RandomInstants;

/** The store's instants read back as {@link Instant#parse} reads them. */
class StoredInstantsTest {
  @Test
  void readsWhatInstantToStringWritesWithAnyFraction() {
    // up to 9999-12-31T23:59:59Z
    for (Instant written : RandomInstants.of(7, 20_000, 0, 253_402_300_799L)) {
      assertEquals(written, StoredInstants.parse(written.toString()), written.toString());
    }
  }

  @Test
  void otherFormsAreReadOrRefusedAsInstantParseDoes() {
    for (String text :
        List.of(
            "2026-11-30T08:15:30.1Z",
            "2026-11-30T08:15:30.12Z",
            "1970-01-01T00:00:00Z",
            "2026-11-30T08:15:30.Z",
            "2024-02-29T23:59:59.999999999Z",
            "+12026-11-30T08:15:30Z")) {
      assertEquals(Instant.parse(text), StoredInstants.parse(text), text);
    }
    for (String text :
        List.of(
            "2026-13-30T08:15:30Z",
            "2026-02-30T08:15:30Z",
            "2026-11-30T24:15:30Z",
            "2026-11-3OT08:15:30Z",
            "2026-11-30 08:15:30Z",
            "2026-11-30T08:15:30.1234567890Z")) {
      assertThrows(DateTimeParseException.class, () -> StoredInstants.parse(text), text);
    }
  }
}
