package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.FreezableDirectory;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/** With several directory URLs, a dead first one fails over to the next that answers. */
class FailoverTest {
  @Test
  void deadFirstUrlFailsOverToTheSecond() throws Exception {
    int dead;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = free.getLocalPort();
    }
    try (FreezableDirectory alive = FreezableDirectory.start();
        GatewayUnderTest gateway =
            GatewayUnderTest.external(
                "ldap://127.0.0.1:" + dead + " " + alive.url(),
                FreezableDirectory.ADMIN_DN,
                FreezableDirectory.PASSWORD)) {
      ScimClient scim = gateway.client();
      Response created =
          scim.post("/Users", GatewayTest.user("olga", "Olga", "Berg", "olga@example.com"));
      assertEquals(201, created.status(), created.toString());
      assertEquals(
          200, scim.get("/Users/" + created.json().path("id").asText()).status(), "read back");
      assertEquals(
          1, alive.server().countEntriesBelow("ou=people,dc=example,dc=com") - 1, "on the second");
    }
  }
}
