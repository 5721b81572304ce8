package org.scimldap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimldap.testsupport.TestClients.allowing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.HttpConfig;

/**
 * The server listens before the services exist (so the public URL is known when they are built);
 * meanwhile it answers every authenticated request with a retryable SCIM 503, never a 404 that an
 * identity provider could take for "deleted".
 */
class ScimServerStartTest {
  private static final String TOKEN = "a-token-of-twenty-characters";

  @Test
  void beforeItServesEveryRequestIsARetryable503() throws Exception {
    HttpConfig http = GatewayConfig.defaults().http().withPort(0);
    try (ScimServer server = ScimServer.listen(http, allowing(TOKEN))) {
      HttpResponse<String> r = get(server.port(), "/scim/v2/Users/abc", TOKEN);
      assertEquals(503, r.statusCode(), r.body());
      assertEquals("5", r.headers().firstValue("Retry-After").orElse(null));
      assertTrue(r.body().contains("urn:ietf:params:scim:api:messages:2.0:Error"), r.body());

      assertEquals(401, get(server.port(), "/scim/v2/Users/abc", "wrong").statusCode());
    }
  }

  /**
   * With the SCIM endpoints at the root ({@code http.basePath: /}), every path needs a credential.
   */
  @Test
  void aBasePathOfSlashGuardsEveryPath() throws Exception {
    HttpConfig defaults = GatewayConfig.defaults().http();
    HttpConfig http =
        new HttpConfig(
            defaults.host(),
            0,
            "/",
            defaults.publicUrl(),
            defaults.maxBodyBytes(),
            defaults.maxResults(),
            defaults.requestDeadlineMillis(),
            defaults.idleTimeoutMillis(),
            defaults.bodyReadDeadlineMillis(),
            defaults.shutdownGraceMillis(),
            defaults.allowPlainHttp(),
            defaults.tls());
    try (ScimServer server = ScimServer.listen(http, allowing(TOKEN))) {
      assertEquals(401, get(server.port(), "/Users/abc", "wrong").statusCode());
      assertEquals(401, get(server.port(), "/Schemas", "wrong").statusCode());
      HttpResponse<String> r = get(server.port(), "/Users/abc", TOKEN);
      assertEquals(503, r.statusCode(), r.body());
    }
  }

  /** The SCIM routes go first only where they cannot hide the operators' endpoints. */
  @Test
  void scimRoutesComeFirstUnlessTheBasePathHoldsTheOperatorsPaths() {
    assertTrue(ScimServer.scimRoutesFirst("/scim/v2"));
    assertTrue(ScimServer.scimRoutesFirst("/healthy"));
    assertFalse(ScimServer.scimRoutesFirst("/"));
    assertFalse(ScimServer.scimRoutesFirst("/health"));
    assertFalse(ScimServer.scimRoutesFirst("/metrics"));
  }

  private static HttpResponse<String> get(int port, String path, String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
