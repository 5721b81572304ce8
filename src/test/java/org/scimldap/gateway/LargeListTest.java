package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.LDAPConnection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Results larger than one directory page (500) come out whole, also after concurrent requests have
 * grown the connection pool (paging cookies belong to one connection).
 */
class LargeListTest extends BlackBoxContract {
  private static final int USERS = 1203;

  @Test
  void moreThanOneDirectoryPageListsCompletely() throws Exception {
    try (LDAPConnection ldap = gateway().ldap()) {
      for (int i = 0; i < USERS; i++) {
        ldap.add(
            "dn: uid=bulk" + i + "," + PEOPLE,
            "objectClass: inetOrgPerson",
            "uid: bulk" + i,
            "cn: Bulk " + i,
            "sn: Bulk");
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Response>> parallel = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        parallel.add(pool.submit(() -> scim.get("/Users?count=0")));
      }
      for (Future<Response> f : parallel) {
        assertEquals(USERS, ok(f.get()).path("totalResults").asInt());
      }
    } finally {
      pool.shutdown();
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(USERS, ok(scim.get("/Users?count=0")).path("totalResults").asInt());
    }
    Set<String> seen = new HashSet<>();
    for (int start = 1; start <= USERS; start += 200) {
      seen.addAll(ids(scim.get("/Users?startIndex=" + start + "&count=200")));
    }
    assertEquals(USERS, seen.size());
  }
}
