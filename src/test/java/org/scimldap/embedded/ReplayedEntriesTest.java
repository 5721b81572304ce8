package org.scimldap.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Change records replayed on a snapshot without a server: each row is one record and the entries
 * with the references it leaves, as the directory's referential integrity left them.
 */
class ReplayedEntriesTest {
  private static final String BASE = "dc=example,dc=com";

  /** People under two units, and a group whose members are all of them (and a stranger). */
  private static ReplayedEntries snapshot() throws Exception {
    List<Entry> entries = new ArrayList<>();
    entries.add(new Entry("dn: " + BASE, "objectClass: domain", "dc: example"));
    for (String ou : new String[] {"people", "staff", "groups"}) {
      entries.add(
          new Entry("dn: ou=" + ou + "," + BASE, "objectClass: organizationalUnit", "ou: " + ou));
    }
    entries.add(person("ann", "people"));
    entries.add(person("bob", "staff"));
    entries.add(
        new Entry(
            "dn: cn=g,ou=groups," + BASE,
            "objectClass: groupOfNames",
            "cn: g",
            "member: uid=ann,ou=people," + BASE,
            "member: uid=bob,ou=staff," + BASE,
            "member: cn=stranger"));
    return new ReplayedEntries(entries, Set.of("member"));
  }

  private static Entry person(String uid, String ou) throws Exception {
    return new Entry(
        "dn: uid=" + uid + ",ou=" + ou + "," + BASE,
        "objectClass: inetOrgPerson",
        "uid: " + uid,
        "sn: " + uid);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      delete a leaf drops it from the group | dn: uid=ann,ou=people,dc=example,dc=com;changetype: delete | uid=bob,ou=staff;cn=g,ou=groups;ou=groups;ou=people;ou=staff | uid=bob,ou=staff,dc=example,dc=com;cn=stranger
      delete a unit with what is below it | dn: ou=staff,dc=example,dc=com;changetype: delete | uid=ann,ou=people;cn=g,ou=groups;ou=groups;ou=people | uid=ann,ou=people,dc=example,dc=com;cn=stranger
      rename a leaf renames the member | dn: uid=ann,ou=people,dc=example,dc=com;changetype: modrdn;newrdn: uid=anna;deleteoldrdn: 0 | uid=anna,ou=people;uid=bob,ou=staff;cn=g,ou=groups;ou=groups;ou=people;ou=staff | uid=anna,ou=people,dc=example,dc=com;uid=bob,ou=staff,dc=example,dc=com;cn=stranger
      move a unit moves what is below it | dn: ou=staff,dc=example,dc=com;changetype: moddn;newrdn: ou=staff;deleteoldrdn: 0;newsuperior: ou=people,dc=example,dc=com | uid=ann,ou=people;uid=bob,ou=staff,ou=people;cn=g,ou=groups;ou=groups;ou=people;ou=staff,ou=people | uid=ann,ou=people,dc=example,dc=com;uid=bob,ou=staff,ou=people,dc=example,dc=com;cn=stranger
      add replaces the whole entry | dn: cn=g,ou=groups,dc=example,dc=com;changetype: add;objectClass: groupOfNames;cn: g;member: cn=someone | uid=ann,ou=people;uid=bob,ou=staff;cn=g,ou=groups;ou=groups;ou=people;ou=staff | cn=someone
      rename of what is not there changes nothing | dn: uid=zed,ou=people,dc=example,dc=com;changetype: modrdn;newrdn: uid=zoe;deleteoldrdn: 0 | uid=ann,ou=people;uid=bob,ou=staff;cn=g,ou=groups;ou=groups;ou=people;ou=staff | uid=ann,ou=people,dc=example,dc=com;uid=bob,ou=staff,dc=example,dc=com;cn=stranger
      """)
  void aRecordLeavesTheseEntriesAndMembers(
      String name, String record, String entriesBelowBase, String members) throws Exception {
    ReplayedEntries replayed = snapshot();
    replayed.apply(LDIFReader.decodeChangeRecord(record.split(";")));

    Map<String, Entry> byDn = new LinkedHashMap<>();
    for (Entry e : replayed.parentsFirst()) {
      byDn.put(e.getParsedDN().toNormalizedString(), e);
    }
    List<String> expected = new ArrayList<>(List.of(BASE));
    for (String dn : entriesBelowBase.split(";")) {
      expected.add(dn + "," + BASE);
    }
    assertEquals(
        expected.stream().map(ReplayedEntriesTest::normalized).sorted().toList(),
        byDn.keySet().stream().sorted().toList(),
        name);
    assertEquals(
        List.of(members.split(";")),
        List.of(byDn.get(normalized("cn=g,ou=groups," + BASE)).getAttributeValues("member")),
        name);
  }

  @Test
  void entriesComeEachAfterItsParent() throws Exception {
    ReplayedEntries replayed = snapshot();
    replayed.apply(
        LDIFReader.decodeChangeRecord(
            "dn: ou=staff," + BASE,
            "changetype: moddn",
            "newrdn: ou=staff",
            "deleteoldrdn: 0",
            "newsuperior: ou=people," + BASE));
    List<String> seen = new ArrayList<>();
    for (Entry e : replayed.parentsFirst()) {
      if (!e.getParsedDN().equals(new DN(BASE))) {
        assertTrue(
            seen.contains(e.getParsedDN().getParent().toNormalizedString()),
            e.getDN() + " after its parent");
      }
      seen.add(e.getParsedDN().toNormalizedString());
    }
  }

  @Test
  void aModifyRecordIsRefused() throws Exception {
    ReplayedEntries replayed = snapshot();
    assertThrows(
        LDAPException.class,
        () ->
            replayed.apply(
                LDIFReader.decodeChangeRecord(
                    "dn: uid=ann,ou=people," + BASE,
                    "changetype: modify",
                    "replace: sn",
                    "sn: x")));
  }

  private static String normalized(String dn) {
    try {
      return new DN(dn).toNormalizedString();
    } catch (LDAPException e) {
      throw new IllegalArgumentException(dn, e);
    }
  }
}
