package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;

/**
 * {@code /metrics} is open on loopback; from another address it needs a client with the admin
 * right. The other address is one of this machine's own, so that the gateway sees a caller that is
 * not on loopback.
 */
class MetricsAccessTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String IDP_TOKEN = "idp-token-0123456789-0123456789-0123";

  @Test
  void metricsFromElsewhereNeedTheAdminRight() throws Exception {
    Optional<InetAddress> own = ownNonLoopbackAddress();
    Assumptions.assumeTrue(own.isPresent(), "this machine has no address besides loopback");
    Path config = Files.createTempFile("metrics-clients", ".yaml");
    Files.writeString(
        config,
        """
        auth:
          clients:
            - name: idp
              tokenHashes: [%s]
        """
            .formatted(AuthenticationTest.sha256(IDP_TOKEN)));
    config.toFile().deleteOnExit();
    try (GatewayUnderTest gateway =
        GatewayUnderTest.embedded(
            Map.of(
                "GATEWAY_HTTP_HOST",
                "0.0.0.0",
                "GATEWAY_HTTP_ALLOW_PLAIN_HTTP",
                "true",
                "GATEWAY_CONFIG",
                config.toString()))) {
      String remote = "http://" + own.get().getHostAddress() + ":" + gateway.httpPort();
      String local = "http://127.0.0.1:" + gateway.httpPort();

      assertEquals(200, get(local + "/metrics", null).statusCode());
      HttpResponse<String> refused = get(remote + "/metrics", null);
      assertEquals(401, refused.statusCode(), refused.body());
      assertTrue(refused.body().contains("urn:ietf:params:scim:api:messages:2.0:Error"));
      assertEquals(401, get(remote + "/metrics", "not-the-token").statusCode());
      assertEquals(403, get(remote + "/metrics", IDP_TOKEN).statusCode(), "an IdP is no admin");
      HttpResponse<String> allowed = get(remote + "/metrics", GatewayUnderTest.TOKEN);
      assertEquals(200, allowed.statusCode(), allowed.body());
      assertTrue(allowed.body().contains("http_server_requests_seconds_count"), allowed.body());
      assertEquals(200, get(remote + "/health/ready", null).statusCode());
    }
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Optional<InetAddress> ownNonLoopbackAddress() throws Exception {
    return NetworkInterface.networkInterfaces()
        .filter(
            i -> {
              try {
                return i.isUp() && !i.isLoopback();
              } catch (SocketException e) {
                return false;
              }
            })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .findFirst();
  }
}
