package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.testsupport.Slapd;
import org.scimldap.testsupport.SlapdExtension;

/**
 * A search kept between pages hands out the entries a page at a time, in the order of a plain
 * search of the same entries, on a connection of its own that it gives back once it is over (also
 * when the directory ended it with an error), for the next such search; one ended before its last
 * page ends with its connection, and a connection idle for too long is closed.
 */
@ExtendWith(SlapdExtension.class)
class KeptPagedSearchTest {
  private static final Filter PEOPLE = Filter.createEqualityFilter("objectClass", "inetOrgPerson");

  private DN unit;
  private List<String> inOrder;

  @BeforeEach
  void tenPeople(Slapd slapd) throws Exception {
    unit = new DN("ou=kp" + UUID.randomUUID().toString().substring(0, 8) + "," + slapd.baseDn());
    try (LDAPConnection admin = slapd.connect()) {
      admin.add(
          "dn: " + unit,
          "objectClass: organizationalUnit",
          "ou: " + unit.getRDN().getAttributeValues()[0]);
      // Added out of name order, so that the directory's order is not the names'.
      for (int i : new int[] {5, 2, 9, 0, 7, 1, 8, 3, 6, 4}) {
        admin.add(
            "dn: uid=p" + i + "," + unit,
            "objectClass: inetOrgPerson",
            "uid: p" + i,
            "cn: p" + i,
            "sn: p");
      }
      inOrder = new ArrayList<>();
      for (SearchResultEntry e :
          admin.search(unit.toString(), SearchScope.ONE, PEOPLE, "1.1").getSearchEntries()) {
        inOrder.add(e.getDN());
      }
    }
    assertEquals(10, inOrder.size());
  }

  @Test
  void pagesComeInTheDirectorysOrderUntilTheLast(Slapd slapd) throws Exception {
    LdapConfig ldap = GatewayConfig.defaults().ldap().withUrls(List.of(slapd.url()));
    try (Directory directory =
        DirectoryConnector.connect(ldap, slapd.adminDn(), slapd.adminPassword())) {
      PagedSearch search =
          directory.pagedSearch(unit, SearchScope.ONE, PEOPLE, List.of("uid")).orElseThrow();
      List<String> read = new ArrayList<>();
      List<Integer> pageSizes = new ArrayList<>();
      boolean more;
      do {
        int before = read.size();
        more = search.next(3, e -> read.add(e.getDN()));
        pageSizes.add(read.size() - before);
      } while (more);
      assertEquals(inOrder, read);
      assertEquals(List.of(3, 3, 3, 1), pageSizes);
      assertFalse(search.next(3, e -> read.add(e.getDN())), "over after the last page");
      assertEquals(10, read.size());
      search.close();

      // Pages of other sizes from one to the next, as clients may ask.
      PagedSearch sizes =
          directory.pagedSearch(unit, SearchScope.ONE, PEOPLE, List.of("uid")).orElseThrow();
      read.clear();
      assertTrue(sizes.next(4, e -> read.add(e.getDN())));
      assertTrue(sizes.next(1, e -> read.add(e.getDN())));
      assertFalse(sizes.next(7, e -> read.add(e.getDN())));
      assertEquals(inOrder, read);
      assertTrue(
          directory.pagedSearch(unit, SearchScope.BASE, PEOPLE, List.of("uid")).isEmpty(),
          "a base-scope search has one entry at most: nothing to keep");
    }
  }

  @Test
  void aConnectionServesTheNextSearchOnceItsSearchIsOver(Slapd slapd) throws Exception {
    List<LDAPConnection> opened = new ArrayList<>();
    try (IdleConnections idle = new IdleConnections(opening(slapd, opened));
        LDAPConnectionPool pool = new LDAPConnectionPool(slapd.connect(), 1)) {
      PooledCalls calls = new PooledCalls(pool, 1, 5_000, 1_000);

      KeptPagedSearch early = kept(idle, calls, unit);
      List<String> read = new ArrayList<>();
      assertTrue(early.next(4, e -> read.add(e.getDN())));
      early.close();
      assertEquals(0, idle.size(), "a search ended before its last page ends with its connection");
      assertFalse(opened.get(0).isConnected());

      KeptPagedSearch whole = kept(idle, calls, unit);
      read.clear();
      while (whole.next(4, e -> read.add(e.getDN()))) {
        assertEquals(0, idle.size(), "held while the search goes on");
      }
      assertEquals(inOrder, read);
      assertEquals(2, opened.size());
      assertEquals(1, idle.size(), "given back at the end");

      // The directory ends a search under a missing base with an error: the connection is fine.
      KeptPagedSearch failing = kept(idle, calls, new DN("ou=missing," + unit));
      DirectoryException e =
          assertThrows(DirectoryException.class, () -> failing.next(4, x -> read.add("?")));
      assertTrue(e.isNoSuchEntry(), e.getMessage());
      assertFalse(failing.next(4, x -> read.add("?")), "and the search is over");
      failing.close();
      assertEquals(1, idle.size(), "given back");

      KeptPagedSearch again = kept(idle, calls, unit);
      read.clear();
      while (again.next(10, x -> read.add(x.getDN()))) {}
      assertEquals(inOrder, read);
      assertEquals(2, opened.size(), "the last two searches took the same connection");
    }
  }

  @Test
  void aConnectionIdleForTooLongIsClosed(Slapd slapd) throws Exception {
    List<LDAPConnection> opened = new ArrayList<>();
    long[] now = {0};
    try (IdleConnections idle = new IdleConnections(opening(slapd, opened), () -> now[0])) {
      idle.give(idle.take());
      now[0] += IdleConnections.MAX_IDLE_MILLIS;
      assertSame(opened.get(0), idle.take(), "idle for as long as allowed");
      idle.give(opened.get(0));
      now[0] += IdleConnections.MAX_IDLE_MILLIS + 1;
      LDAPConnection taken = idle.take();
      assertEquals(2, opened.size());
      assertSame(opened.get(1), taken);
      assertFalse(opened.get(0).isConnected(), "closed");
      taken.close();
    }
  }

  private static PooledDirectory.Dedicated opening(Slapd slapd, List<LDAPConnection> opened) {
    return () -> {
      LDAPConnection c = slapd.connect();
      opened.add(c);
      return c;
    };
  }

  private static KeptPagedSearch kept(IdleConnections idle, PooledCalls calls, DN base) {
    return new KeptPagedSearch(
        idle,
        calls,
        new RangedValues((dn, attribute) -> Optional.empty()),
        DirectoryException::of,
        base,
        SearchScope.ONE,
        PEOPLE,
        List.of("uid"));
  }
}
