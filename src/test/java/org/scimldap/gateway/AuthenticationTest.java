package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Who may call the gateway, black box: named clients with hashed tokens (two at once while one is
 * rotated), HTTP Basic, per-client rights, and the answers to a missing, wrong or insufficient
 * credential (RFC 7644 §3.12 errors with RFC 6750 / RFC 7617 challenges).
 *
 * <p>The gateway slows an address down after 10 refused credentials a minute: the tests of this
 * class share one gateway, so they present fewer than 10 refused credentials in all.
 */
class AuthenticationTest {
  static final String OKTA_OLD = "okta-old-token-0123456789-0123456789";
  static final String OKTA_NEW = "okta-new-token-0123456789-0123456789";
  static final String READER = "reader-token-0123456789-0123456789-01";
  static final String USERS_ONLY = "users-only-token-0123456789-01234567";
  static final String BASIC_PASSWORD = "basic-password-0123456789-0123456789";

  private static GatewayUnderTest gateway;

  @BeforeAll
  static void start() throws Exception {
    Path config = Files.createTempFile("auth-clients", ".yaml");
    Files.writeString(
        config,
        """
        auth:
          clients:
            - name: okta
              tokenHashes: [%s, %s]
              rights: {read: [User, Group], write: [User]}
            - name: reader
              tokenHashes: [%s]
              rights: {write: []}
            - name: users-only
              tokenHashes: [%s]
              rights: {read: [User], write: []}
            - name: legacy-idp
              username: legacy
              passwordHash: %s
        """
            .formatted(
                sha256(OKTA_OLD),
                sha256(OKTA_NEW),
                sha256(READER),
                sha256(USERS_ONLY),
                sha256(BASIC_PASSWORD)));
    config.toFile().deleteOnExit();
    gateway = GatewayUnderTest.embedded(Map.of("GATEWAY_CONFIG", config.toString()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  static String sha256(String secret) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
  }

  private static ScimClient as(String token) {
    return gateway.client(token);
  }

  private static ScimClient basic(String user, String password) {
    String encoded =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return gateway.client(null).withHeaders(Map.of("Authorization", "Basic " + encoded));
  }

  private static String user(String userName) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
         "name":{"givenName":"A","familyName":"B"}}
        """
        .formatted(userName);
  }

  private static void assertError(Response r, int status) {
    assertEquals(status, r.status(), r.toString());
    assertEquals(
        "urn:ietf:params:scim:api:messages:2.0:Error",
        r.json().path("schemas").get(0).asText(),
        r.raw());
    assertEquals(String.valueOf(status), r.json().path("status").asText(), r.raw());
    assertFalse(r.json().path("detail").asText().isBlank(), r.raw());
    assertTrue(r.header("Content-Type").startsWith("application/scim+json"), r.toString());
  }

  private static boolean entryExists(String uid) throws Exception {
    try (LDAPConnection c = gateway.ldap()) {
      return c.search("dc=example,dc=com", SearchScope.SUB, "(uid=" + uid + ")", "1.1")
              .getEntryCount()
          > 0;
    }
  }

  @Test
  void bothTokensOfARotatingClientAreAccepted() {
    assertEquals(200, as(OKTA_OLD).get("/Users").status());
    assertEquals(200, as(OKTA_NEW).get("/Users").status());
  }

  @Test
  void theEnvironmentTokenIsOneMoreClientWithEveryRight() {
    String name = "env-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(201, gateway.client().post("/Users", user(name)).status());
  }

  @Test
  void noCredentialIs401WithEveryChallenge() {
    Response r = gateway.client(null).get("/Users");
    assertError(r, 401);
    List<String> challenges = r.headers().get("www-authenticate");
    assertTrue(challenges.contains("Bearer realm=\"scim\""), challenges.toString());
    assertTrue(
        challenges.stream().anyMatch(c -> c.startsWith("Basic realm=\"scim\"")),
        challenges.toString());
  }

  @Test
  void aWrongTokenIs401InvalidToken() {
    Response r = as("not-a-token-of-anyone-0123456789-0123456789").get("/Users");
    assertError(r, 401);
    assertTrue(
        r.headers()
            .get("www-authenticate")
            .contains("Bearer realm=\"scim\", error=\"invalid_token\""),
        r.headers().toString());
  }

  @Test
  void aReadOnlyClientReadsButWritesNothing() throws Exception {
    assertEquals(200, as(READER).get("/Users").status());
    assertEquals(200, as(READER).get("/Groups").status());
    assertEquals(
        200,
        as(READER)
            .post(
                "/Users/.search",
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]}")
            .status());
    String name = "ro-" + UUID.randomUUID().toString().substring(0, 8);
    Response r = as(READER).post("/Users", user(name));
    assertError(r, 403);
    assertTrue(r.json().path("detail").asText().contains("reader"), r.raw());
    assertFalse(entryExists(name), "nothing was written");
  }

  @Test
  void aClientWritesOnlyTheTypesItMayWrite() throws Exception {
    String name = "okta-" + UUID.randomUUID().toString().substring(0, 8);
    Response created = as(OKTA_NEW).post("/Users", user(name));
    assertEquals(201, created.status(), created.toString());
    String id = created.json().path("id").asText();
    assertEquals(200, as(OKTA_NEW).get("/Groups").status());
    Response group =
        as(OKTA_NEW)
            .post(
                "/Groups",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"g-"
                    + name
                    + "\"}");
    assertError(group, 403);

    Response deleted = as(READER).delete("/Users/" + id);
    assertError(deleted, 403);
    assertTrue(entryExists(name), "a refused delete deletes nothing");
    assertEquals(204, as(OKTA_NEW).delete("/Users/" + id).status());
  }

  @Test
  void aClientReadsOnlyTheTypesItMayRead() {
    assertEquals(200, as(USERS_ONLY).get("/Users").status());
    assertError(as(USERS_ONLY).get("/Groups"), 403);
    assertError(as(USERS_ONLY).get("/Groups/" + UUID.randomUUID()), 403);
  }

  @Test
  void theSearchAcrossTypesNeedsReadingEveryType() {
    String search = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]}";
    assertEquals(200, as(OKTA_OLD).post("/.search", search).status());
    assertError(as(USERS_ONLY).post("/.search", search), 403);
  }

  @Test
  void discoveryNeedsOnlyACredential() {
    assertEquals(200, as(USERS_ONLY).get("/ServiceProviderConfig").status());
    assertEquals(200, as(READER).get("/Schemas").status());
    assertError(gateway.client(null).get("/ResourceTypes"), 401);
  }

  @Test
  void basicClientsSignInWithUserAndPassword() {
    assertEquals(200, basic("legacy", BASIC_PASSWORD).get("/Users").status());
    Response wrong = basic("legacy", "wrong-password-0123456789-0123456789").get("/Users");
    assertError(wrong, 401);
    assertNull(
        wrong.headers().get("www-authenticate").stream()
            .filter(c -> c.contains("invalid_token"))
            .findFirst()
            .orElse(null),
        "a wrong password is not a wrong token");
  }

  @Test
  void malformedAuthorizationHeadersAre401Errors() {
    for (String header :
        List.of(
            "Bearer", "Bearer    ", "Digest username=\"x\"", "Basic %%%", "Basic bm9jb2xvbg==")) {
      Response r = gateway.client(null).withHeaders(Map.of("Authorization", header)).get("/Users");
      assertError(r, 401);
      assertTrue(r.headers().containsKey("www-authenticate"), header + ": " + r.headers());
    }
  }
}
