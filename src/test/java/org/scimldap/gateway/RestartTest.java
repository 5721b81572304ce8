package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;

/**
 * The embedded default keeps users, groups and their ids across restarts, even without the store.
 */
class RestartTest {

  @Test
  void usersGroupsAndIdsSurviveARestart() throws Exception {
    try (GatewayUnderTest gateway = GatewayUnderTest.embedded()) {
      ScimClient scim = gateway.client();
      String user =
          created(
              scim.post("/Users", GatewayTest.user("lena", "Lena", "Park", "lena@example.com")));
      String group =
          created(
              scim.post(
                  "/Groups",
                  """
          {"schemas":["%s"],"displayName":"Survivors","members":[{"value":"%s"}]}
          """
                      .formatted(GatewayTest.GROUP_URN, user)));

      gateway.stop();
      gateway.start();
      scim = gateway.client();

      JsonNode u = scim.get("/Users/" + user).json();
      assertEquals("lena", u.path("userName").asText());
      JsonNode g = scim.get("/Groups/" + group).json();
      assertEquals("Survivors", g.path("displayName").asText());
      assertEquals(user, g.path("members").get(0).path("value").asText());
      try (var ldap = gateway.ldap()) {
        assertNotNull(ldap.getEntry("uid=lena,ou=people,dc=example,dc=com"));
      }
    }
  }

  @Test
  void aDeletedStoreChangesNoId() throws Exception {
    try (GatewayUnderTest gateway = GatewayUnderTest.embedded()) {
      ScimClient scim = gateway.client();
      String user =
          created(
              scim.post("/Users", GatewayTest.user("milo", "Milo", "Stone", "milo@example.com")));
      String group =
          created(
              scim.post(
                  "/Groups",
                  """
          {"schemas":["%s"],"displayName":"Keepers","members":[{"value":"%s"}]}
          """
                      .formatted(GatewayTest.GROUP_URN, user)));

      gateway.stop();
      for (String f : new String[] {"gateway.db", "gateway.db-wal", "gateway.db-shm"}) {
        Files.deleteIfExists(gateway.dataDir().resolve(f));
      }
      gateway.start();
      scim = gateway.client();

      assertEquals("milo", scim.get("/Users/" + user).json().path("userName").asText());
      JsonNode found = scim.get("/Users?filter=" + ScimClient.q("userName eq \"milo\"")).json();
      assertEquals(user, found.path("Resources").get(0).path("id").asText());
      assertEquals(
          user, scim.get("/Groups/" + group).json().path("members").get(0).path("value").asText());
    }
  }

  private static String created(ScimClient.Response r) {
    assertEquals(201, r.status(), r.toString());
    return r.json().path("id").asText();
  }
}
