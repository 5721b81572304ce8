package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link RangedValues} on answers written by hand: which slices it asks for, in which order, and
 * what it makes of missing, stalled and unreadable slices.
 */
class RangedValuesTest {
  private static final String DN = "cn=big,ou=groups,dc=example,dc=com";

  /** Answers slice requests from a table, and remembers what was asked. */
  private final Map<String, Optional<Entry>> answers = new HashMap<>();

  private final List<String> asked = new ArrayList<>();
  private final RangedValues ranged =
      new RangedValues(
          (dn, attribute) -> {
            assertEquals(DN, dn);
            asked.add(attribute);
            return answers.getOrDefault(attribute, Optional.of(new Entry(dn)));
          });

  @Test
  void anEntryWithoutRangesIsHandedOnAsItIs() {
    Entry entry =
        new Entry(
            DN,
            new Attribute("cn", "big"),
            new Attribute("member", "uid=a"),
            new Attribute("userCertificate;binary", new byte[] {1, 2}));

    assertSame(entry, ranged.complete(entry).orElseThrow());
    assertEquals(List.of(), asked);
  }

  @Test
  void slicesAreReadUntilOneEndsInAStar() {
    answer("member;range=3-*", new Attribute("member;range=3-5", "uid=d", "uid=e", "uid=f"));
    answer("member;range=6-*", new Attribute("member;range=6-*", "uid=g"));
    Entry entry =
        new Entry(
            DN,
            new Attribute("cn", "big"),
            new Attribute("member;range=0-2", "uid=a", "uid=b", "uid=c"));

    Entry whole = ranged.complete(entry).orElseThrow();

    assertEquals(List.of("member;range=3-*", "member;range=6-*"), asked);
    assertEquals(List.of("cn", "member"), names(whole));
    assertEquals(
        List.of("uid=a", "uid=b", "uid=c", "uid=d", "uid=e", "uid=f", "uid=g"),
        List.of(whole.getAttributeValues("member")));
    assertEquals("big", whole.getAttributeValue("cn"));
  }

  @Test
  void everyRangedAttributeIsCompletedAndOtherOptionsStay() {
    answer("member;range=1-*", new Attribute("member;range=1-*", "uid=b"));
    answer(
        "userCertificate;binary;range=1-*",
        new Attribute("userCertificate;binary;Range=1-*", new byte[] {2}));
    Entry entry =
        new Entry(
            DN,
            new Attribute("member;range=0-0", "uid=a"),
            new Attribute("userCertificate;Range=0-0;binary", new byte[] {1}));

    Entry whole = ranged.complete(entry).orElseThrow();

    assertEquals(List.of("member", "userCertificate;binary"), names(whole));
    assertEquals(List.of("uid=a", "uid=b"), List.of(whole.getAttributeValues("member")));
    byte[][] certificates = whole.getAttribute("userCertificate;binary").getValueByteArrays();
    assertEquals(2, certificates.length);
    assertEquals(2, certificates[1][0]);
  }

  @Test
  void aSliceThatIsNoLongerThereEndsTheValues() {
    Entry entry = new Entry(DN, new Attribute("member;range=0-1", "uid=a", "uid=b"));

    Entry whole = ranged.complete(entry).orElseThrow();

    assertEquals(List.of("member;range=2-*"), asked);
    assertEquals(List.of("uid=a", "uid=b"), List.of(whole.getAttributeValues("member")));
  }

  @Test
  void anEntryDeletedWhileItsSlicesAreReadIsGone() {
    answers.put("member;range=2-*", Optional.empty());
    Entry entry = new Entry(DN, new Attribute("member;range=0-1", "uid=a", "uid=b"));

    assertEquals(Optional.empty(), ranged.complete(entry));
  }

  @Test
  void aSliceThatDoesNotAdvanceIsAServerFault() {
    answer("member;range=2-*", new Attribute("member;range=2-1"));
    Entry entry = new Entry(DN, new Attribute("member;range=0-1", "uid=a", "uid=b"));

    DirectoryException e = assertThrows(DirectoryException.class, () -> ranged.complete(entry));

    assertEquals(ResultCode.OTHER, e.resultCode());
    assertTrue(e.diagnostic().contains("does not advance"), e.getMessage());
  }

  @Test
  void anUnreadableRangeIsAServerFault() {
    Entry entry = new Entry(DN, new Attribute("member;range=zero-1", "uid=a"));

    DirectoryException e = assertThrows(DirectoryException.class, () -> ranged.complete(entry));

    assertEquals(ResultCode.OTHER, e.resultCode());
    assertEquals(List.of(), asked);
  }

  @Test
  void aFailedSliceReadIsTheReadersFailure() {
    Entry entry = new Entry(DN, new Attribute("member;range=0-1", "uid=a", "uid=b"));
    RangedValues failing =
        new RangedValues(
            (dn, attribute) -> {
              throw new DirectoryException("read " + dn, ResultCode.SERVER_DOWN, "", null);
            });

    DirectoryException e = assertThrows(DirectoryException.class, () -> failing.complete(entry));

    assertTrue(e.isOutage());
  }

  private void answer(String request, Attribute slice) {
    answers.put(request, Optional.of(new Entry(DN, slice)));
  }

  private static List<String> names(Entry entry) {
    return entry.getAttributes().stream().map(Attribute::getName).toList();
  }
}
