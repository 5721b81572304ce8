package org.scimldap.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WindowsRangedValues} answers as a Windows domain controller: a large attribute comes as
 * its first slice, a slice asked for comes named by what it holds, the last one ending in {@code
 * *}, and small attributes come plain.
 */
class WindowsRangedValuesTest {
  private static final String GROUP = "cn=big," + WindowsLikeDirectory.GROUPS_DN;

  private WindowsLikeDirectory directory;

  @AfterEach
  void stop() {
    if (directory != null) {
      directory.close();
    }
  }

  @Test
  void aPlainRequestGetsOnlyTheFirstSliceOfALargeAttribute() throws Exception {
    start(4);
    group("big", 10);

    SearchResultEntry entry = read(GROUP, "cn", "member");

    assertNull(entry.getAttribute("member"), "no plain member beside the slice");
    assertEquals(members(0, 4), values(entry, "member;range=0-3"));
    assertEquals("big", entry.getAttributeValue("cn"), "other attributes come as they are");
    assertEquals(List.of("cn", "member;range=0-3"), names(entry));
  }

  @Test
  void aSmallAttributeComesPlain() throws Exception {
    start(4);
    group("big", 4);

    SearchResultEntry entry = read(GROUP, "member");

    assertEquals(List.of("member"), names(entry));
    assertEquals(members(0, 4), values(entry, "member"));
  }

  @Test
  void eachSliceAskedForIsNamedByTheValuesItHolds() throws Exception {
    start(4);
    group("big", 10);

    assertEquals(List.of("member;range=4-7"), names(read(GROUP, "member;range=4-*")));
    assertEquals(members(4, 8), values(read(GROUP, "member;range=4-*"), "member;range=4-7"));
    assertEquals(members(2, 4), values(read(GROUP, "member;Range=2-3"), "member;range=2-3"));
    assertEquals(
        members(1, 5), values(read(GROUP, "member;range=1-100"), "member;range=1-4"), "the limit");
  }

  @Test
  void theLastSliceEndsInAStar() throws Exception {
    start(4);
    group("big", 10);

    assertEquals(members(8, 10), values(read(GROUP, "member;range=8-*"), "member;range=8-*"));
    assertEquals(members(6, 10), values(read(GROUP, "member;range=6-9"), "member;range=6-*"));
    assertEquals(List.of(), names(read(GROUP, "member;range=10-*")), "past the last value");
  }

  @Test
  void aSmallAttributeAskedWithARangeComesAsOneLastSlice() throws Exception {
    start(4);
    group("big", 3);

    assertEquals(members(0, 3), values(read(GROUP, "member;range=0-*"), "member;range=0-*"));
  }

  @Test
  void windowsHandsOutFifteenHundredValuesAtOnce() throws Exception {
    start(WindowsRangedValues.WINDOWS_LIMIT);
    group("big", 3001);

    assertEquals(1500, values(read(GROUP, "member"), "member;range=0-1499").size());
    assertEquals(1500, values(read(GROUP, "member;range=1500-*"), "member;range=1500-2999").size());
    assertEquals(
        members(3000, 3001), values(read(GROUP, "member;range=3000-*"), "member;range=3000-*"));
  }

  @Test
  void theRootDseComesWhole() throws Exception {
    start(1);

    SearchResultEntry dse = read("", "supportedControl");

    assertEquals(List.of("supportedControl"), names(dse));
    assertTrue(dse.getAttribute("supportedControl").size() > 1);
  }

  @Test
  void everyEntryOfASearchIsSliced() throws Exception {
    start(4);
    group("big", 10);
    group("small", 2);

    List<SearchResultEntry> entries;
    try (LDAPConnection c = directory.connect()) {
      entries =
          c.search(WindowsLikeDirectory.GROUPS_DN, SearchScope.ONE, "(cn=*)", "member")
              .getSearchEntries();
    }

    List<List<String>> names = new ArrayList<>();
    entries.forEach(e -> names.add(names(e)));
    assertEquals(List.of(List.of("member;range=0-3"), List.of("member")), names);
  }

  private void start(int limit) throws Exception {
    directory = WindowsLikeDirectory.start(limit);
  }

  /** A group whose members are {@code uid=m0, uid=m1, …}, in that order. */
  private void group(String cn, int members) throws Exception {
    directory
        .server()
        .add(
            new Entry(
                "cn=" + cn + "," + WindowsLikeDirectory.GROUPS_DN,
                new Attribute("objectClass", "groupOfNames"),
                new Attribute("cn", cn),
                new Attribute("member", members(0, members))));
  }

  private static List<String> members(int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(i -> "uid=m" + i + "," + WindowsLikeDirectory.PEOPLE_DN)
        .toList();
  }

  private SearchResultEntry read(String dn, String... attributes) throws Exception {
    try (LDAPConnection c = directory.connect()) {
      return c.getEntry(dn, attributes);
    }
  }

  private static List<String> names(Entry entry) {
    return entry.getAttributes().stream().map(Attribute::getName).toList();
  }

  private static List<String> values(Entry entry, String attribute) {
    Attribute a = entry.getAttribute(attribute);
    return a == null ? null : List.of(a.getValues());
  }
}
