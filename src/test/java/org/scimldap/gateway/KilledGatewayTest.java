package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scimldap.testsupport.GatewayProcess;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.Slapd;
import org.scimldap.testsupport.SlapdExtension;

/**
 * The gateway in a JVM of its own, killed with SIGKILL right after it answered 201: started again
 * on the same data folder, it has every user it acknowledged, and its store and directory agree (no
 * store row without its entry, no entry listed twice or not at all). On its embedded directory, and
 * on a throwaway OpenLDAP.
 */
class KilledGatewayTest {
  private static final String PEOPLE = "ou=people,dc=example,dc=com";

  @Test
  void everyCreateAnsweredBeforeAKillSurvivesIt() throws Exception {
    Path data = Files.createTempDirectory("gateway-killed");
    Map<String, String> acknowledged = new HashMap<>();
    try (GatewayProcess gateway = GatewayProcess.embedded(data)) {
      ScimClient scim = gateway.client();
      for (int i = 0; i < 12; i++) {
        String userName = "killed" + i;
        ScimClient.Response r =
            scim.post(
                "/Users", GatewayTest.user(userName, "Kay", "Ill", userName + "@example.com"));
        assertEquals(201, r.status(), r.toString());
        acknowledged.put(r.json().path("id").asText(), userName);
      }
      gateway.kill();
    }
    try (GatewayUnderTest restarted = GatewayUnderTest.embeddedIn(data)) {
      assertSurvivedAndAgree(restarted, acknowledged);
    }
  }

  @Test
  void aStreamOfCreatesKilledMidwayLeavesStoreAndDirectoryAgreeing() throws Exception {
    Path data = Files.createTempDirectory("gateway-killed");
    Map<String, String> acknowledged = killedAmidCreates(GatewayProcess.embedded(data));
    try (GatewayUnderTest restarted = GatewayUnderTest.embeddedIn(data)) {
      assertSurvivedAndAgree(restarted, acknowledged);
    }
  }

  /** The same stream of creates, killed the same way, on OpenLDAP. */
  @Nested
  @ExtendWith(SlapdExtension.class)
  class OnOpenLdap {
    @Test
    void aStreamOfCreatesKilledMidwayLeavesStoreAndDirectoryAgreeing(Slapd slapd) throws Exception {
      Path data = Files.createTempDirectory("gateway-killed");
      Map<String, String> acknowledged =
          killedAmidCreates(
              GatewayProcess.start(
                  data,
                  Map.of(
                      "GATEWAY_LDAP_URL", slapd.url(),
                      "GATEWAY_LDAP_BIND_DN", slapd.adminDn(),
                      "GATEWAY_LDAP_BIND_PASSWORD", slapd.adminPassword())));
      try (GatewayUnderTest restarted =
          GatewayUnderTest.externalIn(data, slapd.url(), slapd.adminDn(), slapd.adminPassword())) {
        assertSurvivedAndAgree(restarted, acknowledged);
      }
    }
  }

  /**
   * Four writers create users through {@code started} until 40 are acknowledged; then it is killed
   * at once, with creates in flight. Returns the acknowledged users by id.
   */
  private static Map<String, String> killedAmidCreates(GatewayProcess started) throws Exception {
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    int writers = 4;
    CountDownLatch enough = new CountDownLatch(40);
    AtomicBoolean killed = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try (GatewayProcess gateway = started) {
      ScimClient scim = gateway.client();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        pool.submit(
            () -> {
              for (int n = 0; !killed.get(); n++) {
                String userName = "stream" + writer + "-" + n;
                ScimClient.Response r;
                try {
                  r =
                      scim.post(
                          "/Users",
                          GatewayTest.user(userName, "Stream", "User", userName + "@example.com"));
                } catch (AssertionError connectionLost) {
                  return;
                }
                if (r.status() == 201) {
                  acknowledged.put(r.json().path("id").asText(), userName);
                  enough.countDown();
                }
              }
            });
      }
      assertTrue(enough.await(120, TimeUnit.SECONDS), "40 creates answered: " + gateway.output());
      gateway.kill();
      killed.set(true);
    } finally {
      pool.shutdown();
      pool.awaitTermination(60, TimeUnit.SECONDS);
    }
    return acknowledged;
  }

  /**
   * Every acknowledged user reads back by its id; every user in the directory is listed exactly
   * once and reads back by the id it is listed with; every store row names an entry that exists,
   * with the entryUUID the row recorded.
   */
  private static void assertSurvivedAndAgree(
      GatewayUnderTest gateway, Map<String, String> acknowledged) throws Exception {
    ScimClient scim = gateway.client();
    acknowledged.forEach(
        (id, userName) -> {
          ScimClient.Response r = scim.get("/Users/" + id);
          assertEquals(200, r.status(), userName + " was acknowledged: " + r);
          assertEquals(userName, r.json().path("userName").asText());
        });

    Map<String, String> uuidByDn = new HashMap<>();
    List<String> uids = new ArrayList<>();
    try (LDAPConnection ldap = gateway.ldap()) {
      for (SearchResultEntry e :
          ldap.search(PEOPLE, SearchScope.ONE, "(uid=*)", "uid", "entryUUID").getSearchEntries()) {
        uuidByDn.put(e.getParsedDN().toNormalizedString(), e.getAttributeValue("entryUUID"));
        uids.add(e.getAttributeValue("uid"));
      }
    }
    assertTrue(uids.size() >= acknowledged.size(), uids + " vs " + acknowledged.values());
    for (String uid : uids) {
      JsonNode found =
          scim.get("/Users?filter=" + ScimClient.q("userName eq \"" + uid + "\"")).json();
      assertEquals(1, found.path("totalResults").asInt(), uid + " listed once: " + found);
      String id = found.path("Resources").get(0).path("id").asText();
      assertEquals(uid, scim.get("/Users/" + id).json().path("userName").asText());
    }

    Path store = gateway.dataDir().resolve("gateway.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT id, dn, immutable_id FROM correlation WHERE resource_type = 'User'")) {
      while (rows.next()) {
        String dn = new DN(rows.getString("dn")).toNormalizedString();
        assertNotNull(uuidByDn.get(dn), "store row " + rows.getString("id") + " has no entry");
        assertEquals(uuidByDn.get(dn), rows.getString("immutable_id"), dn);
      }
    }
  }
}
