package org.scimldap.mapping.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UuidTextTest {
  private static final Pattern USUAL =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @Test
  void acceptsTheUsualLowerCaseForm() {
    assertTrue(EntryMapper.isUuid("0a1b2c3d-4e5f-6789-abcd-ef0123456789"));
    for (int i = 0; i < 100; i++) {
      assertTrue(EntryMapper.isUuid(UUID.randomUUID().toString()));
    }
  }

  @Test
  void refusesEveryOtherText() {
    for (String text :
        List.of(
            "",
            "0A1B2C3D-4E5F-6789-ABCD-EF0123456789",
            "0a1b2c3d-4e5f-6789-abcd-ef012345678",
            "0a1b2c3d-4e5f-6789-abcd-ef01234567890",
            "0a1b2c3d4-e5f-6789-abcd-ef0123456789",
            "0a1b2c3d-4e5f-6789-abcd-ef012345678g",
            "0a1b2c3d-4e5f-6789-abcd_ef0123456789",
            "0a1b2c3d04e5f06789-abcd-ef0123456789",
            "{0a1b2c3d-4e5f-6789-abcd-ef012345678}",
            "0a1b2c3d-4e5f-6789-abcd-ef0123456789\n")) {
      assertFalse(EntryMapper.isUuid(text), text);
    }
  }

  /** Texts one character away from a UUID, and random ones, judged as the usual pattern does. */
  @Test
  void agreesWithTheUsualPattern() {
    Random random = new Random(7);
    String alphabet = "0123456789abcdefABCDEFg-_ ";
    for (int i = 0; i < 20_000; i++) {
      char[] text = UUID.randomUUID().toString().toCharArray();
      text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      String s = new String(text);
      assertEquals(USUAL.matcher(s).matches(), EntryMapper.isUuid(s), s);
    }
  }
}
