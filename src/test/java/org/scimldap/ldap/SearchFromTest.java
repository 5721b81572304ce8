package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.Slapd;

/**
 * Where the bind account's rights end at the containers, slapd answers a search from above them as
 * if there were no entry there: {@link Directory#search} finds nothing, and {@link
 * Directory#searchFrom} says that the search did not run.
 */
class SearchFromTest {
  private static final String BASE = "dc=example,dc=com";
  private static final String MDB = "olcDatabase={1}mdb,cn=config";

  @Test
  void aBaseHiddenFromTheBindAccountIsNoAnswer() throws Exception {
    try (Slapd slapd = Slapd.start();
        LDAPConnection admin = slapd.connect()) {
      admin.add(
          "dn: uid=reader," + slapd.peopleDn(),
          "objectClass: inetOrgPerson",
          "uid: reader",
          "cn: Reader",
          "sn: Reader",
          "userPassword: reader-secret");
      // Nobody but the root DN sees the suffix entry itself; everything under it stays readable.
      admin.modify(
          MDB,
          new Modification(
              ModificationType.ADD, "olcAccess", "{0}to dn.base=\"" + BASE + "\" by * none"));
      try (Directory reader =
          PostReadTest.connect(slapd.url(), "uid=reader," + slapd.peopleDn(), "reader-secret")) {
        Filter people = Filter.createEqualityFilter("objectClass", "inetOrgPerson");
        List<Entry> found = new ArrayList<>();

        assertFalse(
            reader.searchFrom(new DN(BASE), SearchScope.SUB, people, List.of("1.1"), found::add));
        reader.search(new DN(BASE), SearchScope.SUB, people, List.of("1.1"), found::add);
        assertEquals(List.of(), found, "a plain search finds nothing, and says no more");

        assertTrue(
            reader.searchFrom(
                new DN(slapd.peopleDn()), SearchScope.SUB, people, List.of("1.1"), found::add));
        assertEquals(1, found.size(), found.toString());
      }
    }
  }
}
