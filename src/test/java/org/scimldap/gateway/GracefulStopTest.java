package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.FreezableDirectory;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Stopping the gateway lets the requests under way finish, and takes no new ones: they are refused
 * (or answered 503) while it waits.
 */
class GracefulStopTest {
  @Test
  void requestUnderWayFinishesAndNewOnesAreRefused() throws Exception {
    try (FreezableDirectory directory = FreezableDirectory.start()) {
      GatewayUnderTest gateway =
          GatewayUnderTest.external(
              directory.url(), FreezableDirectory.ADMIN_DN, FreezableDirectory.PASSWORD);
      try {
        ScimClient scim = gateway.client();
        int port = gateway.httpPort();
        Response created =
            scim.post("/Users", GatewayTest.user("olga", "Olga", "Berg", "olga@example.com"));
        assertEquals(201, created.status(), created.toString());
        String id = created.json().path("id").asText();

        directory.freeze();
        CompletableFuture<Response> slow =
            CompletableFuture.supplyAsync(() -> scim.get("/Users/" + id));
        assertTrue(directory.awaitHeldRequest(), "the slow request reached the directory");
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(gateway::stop);
        awaitRefused(port);

        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        assertTrue(!stopping.isDone(), "the stop waits for the request under way");
        directory.thaw();
        Response finished = slow.get();
        assertEquals(200, finished.status(), finished.toString());
        assertEquals("olga", finished.json().path("userName").asText());
        stopping.get();
      } finally {
        directory.thaw();
        gateway.close();
      }
    }
  }

  /** Waits until the server no longer accepts connections (it has begun to stop). */
  private static void awaitRefused(int port) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      try {
        new Socket("127.0.0.1", port).close();
      } catch (IOException refused) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the server kept accepting connections while stopping");
  }
}
