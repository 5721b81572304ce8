package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.scimldap.gateway.BlackBoxContract.filter;
import static org.scimldap.gateway.BlackBoxContract.ok;
import static org.scimldap.gateway.BlackBoxContract.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.testsupport.ActiveDirectoryLikeServer;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;

/**
 * Entries named as Active Directory names them ({@code CN=Alice}, escapes as the directory wrote
 * them) under a mapping whose template spells the name otherwise ({@code cn={userName}}): a write
 * that leaves the name alone sends no modify DN, while a new name, or a new case of it, does.
 */
class ActiveDirectoryNamesTest {
  private static final String MAPPING =
      """
      version: 1
      resourceTypes:
        User:
          objectClasses: [top, person, organizationalPerson, inetOrgPerson]
          container: "ou=people,{baseDn}"
          rdn: "cn={userName}"
          attributes:
            - scim: userName
              ldap: cn
            - scim: name.familyName
              ldap: sn
              fallback: [userName]
            - scim: displayName
              ldap: displayName
            - scim: title
              ldap: title
      """;

  @TempDir static Path dir;

  private static ActiveDirectoryLikeServer directory;
  private static GatewayUnderTest gateway;
  private static ScimClient scim;

  @BeforeAll
  static void start() throws Exception {
    directory = ActiveDirectoryLikeServer.start();
    Path mapping = dir.resolve("cn-users.yaml");
    Files.writeString(mapping, MAPPING);
    gateway =
        GatewayUnderTest.external(
            directory.url(),
            directory.adminDn(),
            directory.adminPassword(),
            Map.of("GATEWAY_MAPPING", mapping.toString()));
    scim = gateway.client();
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (directory != null) {
      directory.close();
    }
  }

  @Test
  void aPatchOrPutOfAnotherAttributeSendsNoModifyDn() throws Exception {
    String dn = "CN=Alice," + ActiveDirectoryLikeServer.PEOPLE_DN;
    String id = stored(dn, "Alice");
    int before = directory.modifyDnRequests();

    ok(scim.patch("/Users/" + id, replace("title", "Engineer")));
    ok(
        scim.put(
            "/Users/" + id,
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"Alice",
             "name":{"familyName":"Smith"},"displayName":"Alice Smith","title":"Lead"}"""));

    assertEquals(before, directory.modifyDnRequests(), "no modify DN sent");
    assertEquals(dn, storedDn("Alice"), "the entry keeps its name as the directory spells it");
    assertEquals("Lead", ok(scim.get("/Users/" + id)).path("title").asText());
  }

  @Test
  void aNameWrittenWithOtherEscapesIsTheSameName() throws Exception {
    String dn = "CN=Doe\\2C Jane," + ActiveDirectoryLikeServer.PEOPLE_DN;
    String id = stored(dn, "Doe, Jane");
    int before = directory.modifyDnRequests();

    ok(scim.patch("/Users/" + id, replace("displayName", "Jane Doe")));

    assertEquals(before, directory.modifyDnRequests(), "no modify DN sent");
    assertEquals(dn, storedDn("Doe, Jane"));
  }

  @Test
  void aNewNameOrANewCaseOfItIsARename() throws Exception {
    String id = stored("CN=Bob," + ActiveDirectoryLikeServer.PEOPLE_DN, "Bob");
    int before = directory.modifyDnRequests();

    // A new case is a new name as people see it; this directory (as the embedded one) refuses to
    // rename an entry to a name it compares as equal, and the entry keeps its name.
    ok(scim.patch("/Users/" + id, replace("userName", "BOB")));
    assertEquals(before + 1, directory.modifyDnRequests(), "a rename was asked for");

    JsonNode renamed = ok(scim.patch("/Users/" + id, replace("userName", "Robert")));
    assertEquals("Robert", renamed.path("userName").asText());
    assertEquals(before + 2, directory.modifyDnRequests());
    assertEquals("cn=Robert," + ActiveDirectoryLikeServer.PEOPLE_DN, storedDn("Robert"));
  }

  /** Adds a person at {@code dn} behind the gateway's back; its SCIM id. */
  private static String stored(String dn, String cn) throws Exception {
    try (LDAPConnection ldap = directory.admin()) {
      ldap.add("dn: " + dn, "objectClass: inetOrgPerson", "cn: " + cn, "sn: Smith");
    }
    JsonNode found =
        ok(scim.get("/Users?" + filter("userName eq " + BlackBoxContract.literal(cn))));
    assertEquals(1, found.path("totalResults").asInt(), found.toString());
    return found.path("Resources").get(0).path("id").asText();
  }

  /** The DN of the one person whose cn is {@code cn}, as the directory spells it. */
  private static String storedDn(String cn) throws Exception {
    try (LDAPConnection ldap = directory.admin()) {
      return ldap.search(
              ActiveDirectoryLikeServer.PEOPLE_DN,
              SearchScope.ONE,
              Filter.createEqualityFilter("cn", cn),
              "1.1")
          .getSearchEntries()
          .get(0)
          .getDN();
    }
  }

  private static String replace(String path, String value) {
    return patch(
        "[{\"op\":\"replace\",\"path\":\""
            + path
            + "\",\"value\":"
            + BlackBoxContract.literal(value)
            + "}]");
  }
}
