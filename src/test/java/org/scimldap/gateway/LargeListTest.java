package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;
import org.scimldap.testsupport.SizeLimitedDirectory;

/**
 * Results larger than the directory's size limit come out whole, because the gateway pages through
 * them with Simple Paged Results (RFC 2696), also after concurrent requests have grown its
 * connection pool (a paging cookie belongs to one connection). Each directory gives the gateway's
 * account fewer entries per search than there are users, so these tests fail where paging is off or
 * broken. The embedded directory is not among them: it has no size limit, and the gateway searches
 * it without paging.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(SizeLimitedDirectory.class)
class LargeListTest {
  private static final int USERS = 1203;

  @Parameter SizeLimitedDirectory kind;

  private SizeLimitedDirectory.Running directory;
  private GatewayUnderTest gateway;
  private ScimClient scim;

  @BeforeEach
  void start() throws Exception {
    directory = kind.start();
    try (LDAPConnection admin = directory.admin()) {
      for (int i = 0; i < USERS; i++) {
        String uid = userName(i);
        admin.add(
            "dn: uid=" + uid + "," + SizeLimitedDirectory.PEOPLE_DN,
            "objectClass: inetOrgPerson",
            "uid: " + uid,
            "cn: Bulk " + i,
            "sn: Bulk");
      }
    }
    gateway =
        GatewayUnderTest.external(
            directory.url(), directory.accountDn(), directory.accountPassword());
    scim = gateway.client();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (directory != null) {
      directory.close();
    }
  }

  @Test
  void moreUsersThanTheSizeLimitListCompletelyAlsoInParallel() throws Exception {
    assertAnUnpagedSearchIsCutShort();

    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Response>> parallel = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        parallel.add(pool.submit(() -> scim.get("/Users?count=0")));
      }
      for (Future<Response> f : parallel) {
        assertEquals(USERS, BlackBoxContract.ok(f.get()).path("totalResults").asInt());
      }
    } finally {
      pool.shutdown();
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(
          USERS, BlackBoxContract.ok(scim.get("/Users?count=0")).path("totalResults").asInt());
    }
    Set<String> seen = new HashSet<>();
    for (int start = 1; start <= USERS; start += 200) {
      seen.addAll(BlackBoxContract.ids(scim.get("/Users?startIndex=" + start + "&count=200")));
    }
    assertEquals(USERS, seen.size());
  }

  @Test
  void aSortedPageBeyondTheSizeLimitHoldsTheRightUsers() throws Exception {
    assertAnUnpagedSearchIsCutShort();

    JsonNode page =
        BlackBoxContract.ok(
            scim.get("/Users?sortBy=userName&sortOrder=descending&startIndex=1101&count=3"));

    assertEquals(USERS, page.path("totalResults").asInt());
    assertEquals(3, page.path("itemsPerPage").asInt());
    List<String> names = new ArrayList<>();
    page.path("Resources").forEach(r -> names.add(r.path("userName").asText()));
    assertEquals(List.of(userName(102), userName(101), userName(100)), names);
  }

  /** The directory's own answer to a search without paging: the limit, then an error. */
  private void assertAnUnpagedSearchIsCutShort() throws Exception {
    try (LDAPConnection account = directory.account()) {
      LDAPSearchException cut =
          assertThrows(
              LDAPSearchException.class,
              () ->
                  account.search(
                      SizeLimitedDirectory.PEOPLE_DN, SearchScope.ONE, "(objectClass=*)", "1.1"));
      assertEquals(ResultCode.SIZE_LIMIT_EXCEEDED, cut.getResultCode());
      assertEquals(SizeLimitedDirectory.SIZE_LIMIT, cut.getEntryCount());
    }
  }

  private static String userName(int i) {
    return String.format("bulk%04d", i);
  }
}
