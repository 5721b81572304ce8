package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.testsupport.GatewayUnderTest;

/**
 * A client that trickles its request body cannot hold a server thread past {@code
 * http.bodyReadDeadlineMillis}: it gets 408 (or its connection closed), and other requests are
 * served meanwhile; a connection that falls silent mid-request is closed after {@code
 * http.idleTimeoutMillis}.
 */
class SlowClientTest {
  @TempDir Path dir;

  @Test
  void tricklingBodyIsCutOffAndOthersAreServed() throws Exception {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, "http:\n  bodyReadDeadlineMillis: 1000\n");
    ExecutorService tricklers = Executors.newFixedThreadPool(4);
    try (GatewayUnderTest gateway =
        GatewayUnderTest.embedded(Map.of("GATEWAY_CONFIG", config.toString()))) {
      int port = gateway.httpPort();
      Future<?>[] slow = new Future<?>[4];
      for (int i = 0; i < slow.length; i++) {
        slow[i] = tricklers.submit(() -> trickle(port));
      }
      for (int i = 0; i < 5; i++) {
        assertEquals(200, gateway.client().get("/Users?count=1").status());
      }
      for (Future<?> each : slow) {
        String answer = (String) each.get();
        assertTrue(
            answer.isEmpty() || answer.startsWith("HTTP/1.1 408"),
            "408 or the connection closed, got: " + answer);
        if (!answer.isEmpty()) {
          assertTrue(answer.contains("urn:ietf:params:scim:api:messages:2.0:Error"), answer);
        }
      }
    } finally {
      tricklers.shutdownNow();
    }
  }

  @Test
  void connectionSilentMidRequestIsClosed() throws Exception {
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, "http:\n  idleTimeoutMillis: 500\n");
    try (GatewayUnderTest gateway =
            GatewayUnderTest.embedded(Map.of("GATEWAY_CONFIG", config.toString()));
        Socket socket = new Socket("127.0.0.1", gateway.httpPort())) {
      // Far below Jetty's own default (30 s): only the configured idle timeout closes it in time.
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("GET /scim/v2/Users HTTP/1.1\r\nHost: 12".getBytes());
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(
          answer.isEmpty() || answer.startsWith("HTTP/1.1 408"), "closed, or 408, got: " + answer);
      assertEquals(200, gateway.client().get("/Users?count=1").status());
    }
  }

  /**
   * Sends a POST that announces 400 bytes and then sends one every 100 ms, until the server answers
   * or closes; returns what it answered (empty when it only closed).
   */
  private static String trickle(int port) throws IOException, InterruptedException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(100);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Authorization: Bearer "
                  + GatewayUnderTest.TOKEN
                  + "\r\nContent-Type: application/scim+json\r\nContent-Length: 400\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      for (int sent = 0; sent < 400; sent++) {
        try {
          out.write('{');
          out.flush();
        } catch (IOException closed) {
          break;
        }
        try {
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          answer.write(buffer, 0, n);
          if (answer.toString(StandardCharsets.UTF_8).contains("}")) {
            break;
          }
        } catch (java.net.SocketTimeoutException nothingYet) {
          // the server is still reading
        } catch (IOException reset) {
          break;
        }
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}
