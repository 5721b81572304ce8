package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/** An address that keeps failing to authenticate is slowed down: 429 with Retry-After. */
class RepeatedFailuresTest {
  @Test
  void tenFailuresInAMinuteGet429UntilItIsOverEvenWithAGoodToken() throws Exception {
    try (GatewayUnderTest gateway = GatewayUnderTest.embedded()) {
      ScimClient wrong = gateway.client("wrong-token-0123456789-0123456789-0123");
      for (int i = 0; i < 10; i++) {
        assertEquals(401, wrong.get("/Users").status(), "failure " + (i + 1));
      }
      for (ScimClient client : new ScimClient[] {wrong, gateway.client()}) {
        Response r = client.get("/Users");
        assertEquals(429, r.status(), r.toString());
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals("429", r.json().path("status").asText(), r.raw());
        assertEquals(
            "urn:ietf:params:scim:api:messages:2.0:Error",
            r.json().path("schemas").get(0).asText());
      }
    }
  }

  @Test
  void requestsWithoutCredentialsAreNotCountedAsGuesses() throws Exception {
    try (GatewayUnderTest gateway = GatewayUnderTest.embedded()) {
      for (int i = 0; i < 12; i++) {
        assertEquals(401, gateway.client(null).get("/Users").status());
      }
      assertEquals(200, gateway.client().get("/Users").status());
    }
  }
}
