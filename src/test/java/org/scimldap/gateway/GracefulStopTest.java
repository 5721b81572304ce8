package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

        Socket open = new Socket("127.0.0.1", port);
        open.setSoTimeout(30_000);
        assertTrue(exchange(open, id).startsWith("HTTP/1.1 200"), "kept-alive connection works");

        directory.freeze();
        CompletableFuture<Response> slow =
            CompletableFuture.supplyAsync(() -> scim.get("/Users/" + id));
        assertTrue(directory.awaitHeldRequest(), "the slow request reached the directory");
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(gateway::stop);
        awaitRefused(port);

        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        String onOpen = exchange(open, id);
        assertTrue(
            onOpen.isEmpty() || onOpen.startsWith("HTTP/1.1 503"),
            "a new request on an open connection is refused or 503: " + onOpen);
        if (!onOpen.isEmpty()) {
          assertTrue(onOpen.contains("Retry-After: 5"), onOpen);
          assertTrue(onOpen.contains("urn:ietf:params:scim:api:messages:2.0:Error"), onOpen);
        }
        open.close();
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

  /**
   * Sends a GET of the user on a kept-alive connection and reads one answer (status line, headers
   * and a body of its Content-Length); empty when the server closed the connection instead.
   */
  private static String exchange(Socket socket, String id) throws IOException {
    try {
      socket
          .getOutputStream()
          .write(
              ("GET /scim/v2/Users/"
                      + id
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                      + GatewayUnderTest.TOKEN
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      int c;
      while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
        head.append((char) c);
      }
      Matcher length = Pattern.compile("(?i)Content-Length: *(\\d+)").matcher(head);
      byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
      return head + new String(body, StandardCharsets.UTF_8);
    } catch (SocketException closed) {
      return "";
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
