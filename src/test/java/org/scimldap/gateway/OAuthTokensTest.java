package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * OAuth 2.0 access tokens that are JWTs, black box: signed by a key of the configured key set, from
 * the configured issuer, for the configured audience, within their validity (with the clock skew);
 * the client named by its {@code sub}, its rights by its scopes. Keys are made by the test.
 *
 * <p>The gateway slows an address down after 10 refused credentials a minute: the tests of this
 * class share one gateway, so they present fewer than 10 refused tokens in all.
 */
class OAuthTokensTest {
  private static final String ISSUER = "https://idp.example.com";
  private static final String AUDIENCE = "scim-gateway";

  private static RSAKey key;
  private static RSAKey otherKey;
  private static GatewayUnderTest gateway;

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    Path jwks = Files.createTempFile("jwks", ".json");
    jwks.toFile().deleteOnExit();
    Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
    Path config = Files.createTempFile("oauth", ".yaml");
    config.toFile().deleteOnExit();
    Files.writeString(
        config,
        """
        auth:
          oauth:
            issuer: %s
            audience: %s
            jwksFile: %s
        """
            .formatted(ISSUER, AUDIENCE, jwks));
    gateway = GatewayUnderTest.embedded(Map.of("GATEWAY_CONFIG", config.toString()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static JWTClaimsSet.Builder valid(String scope) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(List.of(AUDIENCE, "other-api"))
        .subject("entra-app-1")
        .claim("scope", scope)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
  }

  private static String sign(RSAKey with, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(with.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    jwt.sign(new RSASSASigner(with));
    return jwt.serialize();
  }

  private static String token(String scope, Consumer<JWTClaimsSet.Builder> change)
      throws Exception {
    JWTClaimsSet.Builder b = valid(scope);
    change.accept(b);
    return sign(key, b.build());
  }

  private static String user() {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"jwt-%s",
         "name":{"givenName":"A","familyName":"B"}}
        """
        .formatted(UUID.randomUUID().toString().substring(0, 8));
  }

  private static void assertInvalidToken(String token, String because) {
    Response r = gateway.client(token).get("/Users");
    assertEquals(401, r.status(), because + ": " + r);
    assertTrue(
        r.headers()
            .get("www-authenticate")
            .contains("Bearer realm=\"scim\", error=\"invalid_token\""),
        because + ": " + r.headers());
    assertEquals("401", r.json().path("status").asText(), r.raw());
  }

  @Test
  void scopesGiveTheRights() throws Exception {
    String readUsers = token("openid scim:read:User", b -> {});
    assertEquals(200, gateway.client(readUsers).get("/Users").status());
    Response groups = gateway.client(readUsers).get("/Groups");
    assertEquals(403, groups.status(), groups.toString());
    assertTrue(groups.json().path("detail").asText().contains("entra-app-1"), groups.raw());
    assertEquals(403, gateway.client(readUsers).post("/Users", user()).status());

    String writer = token("scim:write", b -> {});
    assertEquals(201, gateway.client(writer).post("/Users", user()).status());

    String listed = sign(key, valid("").claim("scope", List.of("scim:read")).build());
    assertEquals(200, gateway.client(listed).get("/Groups").status(), "a list of scopes works");
  }

  @Test
  void expiryAndNotBeforeAllowTheClockSkewOnly() throws Exception {
    Instant now = Instant.now();
    String justExpired =
        token("scim:read", b -> b.expirationTime(Date.from(now.minus(Duration.ofSeconds(20)))));
    assertEquals(200, gateway.client(justExpired).get("/Users").status(), "within the skew");
    assertInvalidToken(
        token("scim:read", b -> b.expirationTime(Date.from(now.minus(Duration.ofMinutes(5))))),
        "expired");
    assertInvalidToken(
        token("scim:read", b -> b.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5))))),
        "not yet valid");
    assertInvalidToken(token("scim:read", b -> b.expirationTime(null)), "no exp");
  }

  @Test
  void theIssuerAudienceAndSignatureMustBeRight() throws Exception {
    assertInvalidToken(token("scim:read", b -> b.issuer("https://evil.example.com")), "issuer");
    assertInvalidToken(token("scim:read", b -> b.audience("another-api")), "audience");
    assertInvalidToken(sign(otherKey, valid("scim:read").build()), "signed by another key");
    assertInvalidToken(token("scim:read", b -> b.subject(null)), "no client name");

    SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), valid("scim:read").build());
    hmac.sign(
        new MACSigner("a-shared-secret-of-at-least-256-bits!!".getBytes(StandardCharsets.UTF_8)));
    assertInvalidToken(hmac.serialize(), "HMAC, not a key of the set");

    String[] parts = token("scim:read", b -> {}).split("\\.");
    assertInvalidToken("eyJhbGciOiJub25lIn0." + parts[1] + ".", "alg none, unsigned");
  }

  @Test
  void keysCanComeFromAUrl() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/jwks.json",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    Path config = Files.createTempFile("oauth-url", ".yaml");
    Files.writeString(
        config,
        """
        auth:
          oauth:
            issuer: %s
            audience: %s
            jwksUrl: http://127.0.0.1:%d/jwks.json
            clientClaim: client_id
        """
            .formatted(ISSUER, AUDIENCE, server.getAddress().getPort()));
    try (GatewayUnderTest fromUrl =
        GatewayUnderTest.embedded(Map.of("GATEWAY_CONFIG", config.toString()))) {
      String token = sign(key, valid("scim:read").claim("client_id", "okta-app").build());
      assertEquals(200, fromUrl.client(token).get("/Users").status());
    } finally {
      server.stop(0);
      Files.delete(config);
    }
  }

  @Test
  void anUnreachableKeySetIsARetryable503NotARefusal() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path config = Files.createTempFile("oauth-down", ".yaml");
    Files.writeString(
        config,
        """
        auth:
          oauth:
            issuer: %s
            audience: %s
            jwksUrl: http://127.0.0.1:%d/jwks.json
        """
            .formatted(ISSUER, AUDIENCE, closedPort));
    try (GatewayUnderTest down =
        GatewayUnderTest.embedded(Map.of("GATEWAY_CONFIG", config.toString()))) {
      Response r = down.client(token("scim:read", b -> {})).get("/Users");
      assertEquals(503, r.status(), r.toString());
      assertEquals("5", r.header("Retry-After"));
      assertEquals("503", r.json().path("status").asText(), r.raw());
      assertEquals(200, down.client().get("/Users").status(), "other clients go on");
    } finally {
      Files.delete(config);
    }
  }
}
