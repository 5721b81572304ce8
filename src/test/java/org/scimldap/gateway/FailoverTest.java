package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.testsupport.FreezableDirectory;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * With several directory URLs, a dead first one fails over to the next that answers, and the
 * connections go back to the first once it answers again and they have aged out ({@code
 * ldap.maxConnectionAgeMillis}).
 */
class FailoverTest {
  @TempDir Path dir;

  @Test
  void deadFirstUrlFailsOverToTheSecond() throws Exception {
    int dead = freePort();
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
      assertEquals(1, people(alive), "on the second");
    }
  }

  @Test
  void connectionsReturnToTheFirstUrlOnceItAnswersAgain() throws Exception {
    int first = freePort();
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, "ldap:\n  poolSize: 1\n  maxConnectionAgeMillis: 1\n");
    try (FreezableDirectory second = FreezableDirectory.start();
        GatewayUnderTest gateway =
            GatewayUnderTest.external(
                "ldap://127.0.0.1:" + first + " " + second.url(),
                FreezableDirectory.ADMIN_DN,
                FreezableDirectory.PASSWORD,
                Map.of("GATEWAY_CONFIG", config.toString()))) {
      ScimClient scim = gateway.client();
      assertEquals(
          201,
          scim.post("/Users", GatewayTest.user("olga", "Olga", "Berg", "olga@example.com"))
              .status());
      assertEquals(1, people(second), "written to the second while the first is down");

      try (FreezableDirectory back = FreezableDirectory.start(first)) {
        assertEquals(200, scim.get("/Users?count=1").status());
        Response created =
            scim.post("/Users", GatewayTest.user("piet", "Piet", "Mol", "piet@example.com"));
        assertEquals(201, created.status(), created.toString());
        assertEquals(1, people(back), "written to the first once it is back");
        assertEquals(1, people(second));
      }
    }
  }

  private static int people(FreezableDirectory directory) throws Exception {
    return directory.server().countEntriesBelow("ou=people,dc=example,dc=com") - 1;
  }

  /** A port nothing listens on (it was free a moment ago). */
  private static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return free.getLocalPort();
    }
  }
}
