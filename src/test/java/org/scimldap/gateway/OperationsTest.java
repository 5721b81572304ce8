package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimldap.http.ScimServer;
import org.scimldap.service.ResourceService;
import org.scimldap.testsupport.CapturedLog;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.RawHttp;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * What operators see, black box: health endpoints without credentials, request ids on every answer,
 * one log line naming the reason of each refused request, and Prometheus metrics.
 */
class OperationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GatewayUnderTest gateway;
  private static ScimClient scim;

  @BeforeAll
  static void start() throws Exception {
    gateway = GatewayUnderTest.embedded();
    scim = gateway.client();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void liveAndReadyAnswerWithoutCredentials() throws Exception {
    HttpResponse<String> live = get("/health/live");
    assertEquals(200, live.statusCode(), live.body());
    assertEquals("UP", JSON.readTree(live.body()).path("status").asText());

    HttpResponse<String> ready = get("/health/ready");
    assertEquals(200, ready.statusCode(), ready.body());
    JsonNode body = JSON.readTree(ready.body());
    assertEquals("UP", body.path("status").asText(), ready.body());
    for (String check : List.of("directory", "store", "mapping")) {
      assertEquals("UP", body.path("checks").path(check).path("status").asText(), ready.body());
    }
  }

  @Test
  void everyAnswerCarriesARequestIdTheClientsWhenSane() throws Exception {
    String generated = scim.get("/ServiceProviderConfig").header("X-Request-Id");
    assertTrue(generated != null && generated.length() >= 32, String.valueOf(generated));
    assertEquals(4, java.util.UUID.fromString(generated).version(), generated);
    assertEquals(2, java.util.UUID.fromString(generated).variant(), generated);
    assertNotEquals(generated, scim.get("/ServiceProviderConfig").header("X-Request-Id"));

    ScimClient named = scim.withHeaders(Map.of("X-Request-Id", "idp-42.abc"));
    assertEquals("idp-42.abc", named.get("/Users/nobody").header("X-Request-Id"));

    ScimClient insane = scim.withHeaders(Map.of("X-Request-Id", "a b<script>"));
    String replaced = insane.get("/ServiceProviderConfig").header("X-Request-Id");
    assertFalse(replaced.contains("script"), replaced);

    ScimClient tooLong = scim.withHeaders(Map.of("X-Request-Id", "x".repeat(129)));
    assertNotEquals("x".repeat(129), tooLong.get("/Users").header("X-Request-Id"));

    assertTrue(get("/health/live").headers().firstValue("X-Request-Id").isPresent());
    RawHttp.Answer unreadable =
        RawHttp.send(
            gateway.httpPort(),
            "GET /scim/v2/Users HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000),
            new byte[0],
            false);
    assertEquals(431, unreadable.status(), unreadable.head());
    assertTrue(unreadable.head().toLowerCase().contains("x-request-id: "), unreadable.head());
    Response refused = gateway.client("wrong-token").get("/Users");
    assertEquals(401, refused.status());
    assertTrue(refused.header("X-Request-Id") != null, refused.toString());
  }

  @Test
  void aRefusedRequestIsLoggedOnceWithItsReason() {
    try (CapturedLog captured = CapturedLog.of(ScimServer.class, Level.INFO)) {
      Response r =
          scim.withHeaders(Map.of("X-Request-Id", "bad-filter-1"))
              .get("/Users?filter=" + ScimClient.q("userName eq"));
      assertEquals(400, r.status(), r.toString());
      List<String> lines =
          captured.messages().stream().filter(m -> m.contains("bad-filter-1")).toList();
      assertEquals(1, lines.size(), lines.toString());
      String line = lines.get(0);
      assertTrue(line.startsWith("GET /scim/v2/Users 400 "), line);
      assertTrue(line.contains("client=GATEWAY_TOKEN"), line);
      assertTrue(line.contains("scimType=invalidFilter"), line);
      assertTrue(line.contains(r.json().path("detail").asText()), line);
    }
  }

  @Test
  void linesLoggedWhileARequestIsServedCarryItsId() {
    try (CapturedLog captured = CapturedLog.of(ResourceService.class, Level.INFO)) {
      Response created =
          scim.withHeaders(Map.of("X-Request-Id", "create-77"))
              .post("/Users", GatewayTest.user("mdc", "Md", "C", "mdc@example.com"));
      assertEquals(201, created.status(), created.toString());
      List<ILoggingEvent> lines =
          captured.events().stream()
              .filter(e -> e.getFormattedMessage().startsWith("Created User"))
              .toList();
      assertEquals(1, lines.size(), lines.toString());
      assertEquals("create-77", lines.get(0).getMDCPropertyMap().get("requestId"));
    }
  }

  @Test
  void metricsCountRequestsDirectoryAndStoreOperations() throws Exception {
    Response created =
        scim.post("/Users", GatewayTest.user("metra", "Met", "Ra", "metra@example.com"));
    assertEquals(201, created.status(), created.toString());
    scim.get("/Users/" + created.json().path("id").asText());

    HttpResponse<String> metrics = get("/metrics");
    assertEquals(200, metrics.statusCode());
    assertTrue(
        metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        metrics.headers().toString());
    String text = metrics.body();
    for (String expected :
        List.of(
            "http_server_requests_seconds_count{method=\"POST\",resource=\"Users\",status=\"201\"}",
            "http_server_requests_seconds_bucket{method=\"POST\",resource=\"Users\",status=\"201\"",
            "ldap_operations_seconds_count{operation=\"add\",outcome=\"success\"}",
            "ldap_operations_seconds_count{operation=\"read\",outcome=\"success\"}",
            "store_operations_seconds_count{operation=\"save\",outcome=\"success\"}",
            "ldap_pool_max ",
            "ldap_pool_waits_total ",
            "jvm_memory_used_bytes")) {
      assertTrue(text.contains(expected), expected + " missing from\n" + text);
    }
    assertFalse(text.contains(created.json().path("id").asText()), "no ids in labels");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
