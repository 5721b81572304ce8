package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import org.junit.jupiter.api.Test;

class WrittenEntriesTest {
  private static Entry entry(String uid, String marker, String value) {
    return new Entry("uid=" + uid + ",ou=people,dc=example,dc=com", new Attribute(marker, value));
  }

  @Test
  void keepsTheLatestEntriesUpToItsCapacityDroppingTheLeastRecentlyUsed() {
    WrittenEntries written = new WrittenEntries(2);
    written.remember("a", entry("a", "entryCSN", "1"));
    written.remember("b", entry("b", "entryCSN", "2"));
    assertTrue(written.recall("a").isPresent());
    written.remember("c", entry("c", "uSNChanged", "3"));

    assertEquals(2, written.size());
    assertTrue(written.recall("a").isPresent(), "used last but one");
    assertTrue(written.recall("b").isEmpty(), "the least recently used went");
    assertEquals("3", written.recall("c").orElseThrow().getAttributeValue("uSNChanged"));
  }

  @Test
  void anEntryWithoutAPreciseChangeMarkerIsNotKeptAndReplacesNothing() {
    WrittenEntries written = new WrittenEntries(10);
    written.remember("a", entry("a", "entryCSN", "1"));
    written.remember("a", entry("a", "modifyTimestamp", "20261130000000Z"));
    assertTrue(written.recall("a").isEmpty(), "a second's precision cannot tell two changes apart");
  }

  @Test
  void givesBackTheEntryAsRemembered() {
    Entry entry =
        new Entry(
            "uid=J\\2C Doe+cn=Jö,ou=people,dc=example,dc=com",
            new Attribute("entryCSN", "20261130000000.000001Z#000000#000#000000"),
            new Attribute("mail", "a@example.com", "b@example.com"),
            new Attribute("userCertificate;binary", new byte[] {0, -1, 7, 0}),
            new Attribute("description", "ünïcødé ✓"));
    WrittenEntries written = new WrittenEntries(10);
    written.remember("j", entry);

    Entry back = written.recall("j").orElseThrow();
    assertEquals(entry, back);
    assertEquals(entry.getDN(), back.getDN());
    assertArrayEquals(
        new byte[] {0, -1, 7, 0}, back.getAttributeValueBytes("userCertificate;binary"));
  }

  @Test
  void keepsTheEntriesWithinItsBudgetOfBytesAndNoneTooLarge() {
    WrittenEntries written = new WrittenEntries(100, 1_000);
    for (int i = 0; i < 20; i++) {
      written.remember("u" + i, entry("u" + i, "entryCSN", "csn" + i));
    }
    assertTrue(written.bytes() <= 1_000, written.bytes() + " bytes");
    assertTrue(written.size() < 20, "the least recently used went");
    assertTrue(written.recall("u19").isPresent(), "the latest stays");

    Entry photo = entry("big", "entryCSN", "1");
    photo.addAttribute("jpegPhoto", new byte[WrittenEntries.LARGEST]);
    WrittenEntries roomy = new WrittenEntries(100);
    roomy.remember("big", entry("big", "entryCSN", "0"));
    roomy.remember("big", photo);
    assertTrue(roomy.recall("big").isEmpty(), "too large: forgotten, not kept stale");
    assertEquals(0, roomy.bytes());
  }

  @Test
  void forgetsOnRequest() {
    WrittenEntries written = new WrittenEntries(10);
    written.remember("a", entry("a", "entryCSN", "1"));
    written.forget("a");
    assertTrue(written.recall("a").isEmpty());
    assertEquals(0, written.size());
  }
}
