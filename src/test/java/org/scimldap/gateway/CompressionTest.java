package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;

/**
 * Answers of 1,500 bytes or more go out gzip-compressed to a client that accepts gzip, as SCIM JSON
 * with its media type; other clients, and small answers, get them as they are.
 */
class CompressionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GatewayUnderTest gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = GatewayUnderTest.embedded();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aLargeAnswerIsGzippedForAClientThatAcceptsIt() throws Exception {
    HttpResponse<byte[]> r = get("/scim/v2/Schemas", "gzip, deflate");
    assertEquals(200, r.statusCode());
    assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(null));
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/scim+json"),
        r.headers().map().toString());
    JsonNode schemas = JSON.readTree(gunzip(r.body()));
    assertTrue(schemas.path("totalResults").asInt() > 1, schemas.toString());
  }

  @Test
  void otherwiseTheAnswerIsSentAsItIs() throws Exception {
    HttpResponse<byte[]> plain = get("/scim/v2/Schemas", null);
    assertEquals(200, plain.statusCode());
    assertNull(plain.headers().firstValue("Content-Encoding").orElse(null));
    assertTrue(JSON.readTree(plain.body()).path("totalResults").asInt() > 1);

    HttpResponse<byte[]> small = get("/scim/v2/Users?count=0", "gzip");
    assertEquals(200, small.statusCode());
    assertNull(small.headers().firstValue("Content-Encoding").orElse(null));
    assertEquals(0, JSON.readTree(small.body()).path("Resources").size());
  }

  private static HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
            .header("Authorization", "Bearer " + GatewayUnderTest.TOKEN);
    if (acceptEncoding != null) {
      b.header("Accept-Encoding", acceptEncoding);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }
}
