package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Requests built to make the gateway work for minutes: a value the directory refuses and repeats in
 * its message, and many values for one attribute. Each is answered with a SCIM error that says what
 * was wrong, and nothing is written. The time bound only guards against a hang (such requests used
 * to cost the square of their size: minutes of CPU); the assertions are on the answers.
 */
class HostilePayloadTest extends BlackBoxContract {
  private static final Duration HANG = Duration.ofSeconds(60);

  private static Response answered(Supplier<Response> request) {
    return assertTimeoutPreemptively(HANG, request::get);
  }

  @Test
  void aRefusedValueOfManySpacesIsA400WithAShortDetail() throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add(USER_URN);
    body.put("userName", "phony");
    body.putArray("phoneNumbers")
        .addObject()
        .put("type", "work")
        .put("value", "@" + " ".repeat(80_000) + "x");

    Response r = answered(() -> scim.post("/Users", body.toString()));

    JsonNode error = error(r, 400, "invalidValue");
    assertTrue(error.path("detail").asText().length() < 2_000, "the detail is cut short");
    assertEquals(null, entry(userDn("phony")));
  }

  @Test
  void aPatchAddingTensOfThousandsOfEmailsIsRefusedNamingTheAttribute() throws Exception {
    String id = newUser("many-mails");
    ArrayNode emails = JSON.createArrayNode();
    for (int i = 0; i < 24_000; i++) {
      emails.addObject().put("value", i + "@x.io");
    }
    String ops = "[{\"op\":\"add\",\"path\":\"emails\",\"value\":" + emails + "}]";

    Response r = answered(() -> scim.patch("/Users/" + id, patch(ops)));

    JsonNode error = error(r, 400, "tooMany");
    assertTrue(error.path("detail").asText().contains("'emails'"), error.toString());
    assertTrue(error.path("detail").asText().contains("1000"), error.toString());
    JsonNode user = ok(scim.get("/Users/" + id));
    assertTrue(user.path("emails").isMissingNode(), "nothing was written: " + user);
  }

  @Test
  void manySmallOperationsCountTogether() {
    String id = newUser("many-ops");
    StringBuilder ops = new StringBuilder("[");
    for (int op = 0; op < 3; op++) {
      ArrayNode emails = JSON.createArrayNode();
      for (int i = 0; i < 400; i++) {
        emails.addObject().put("value", op + "-" + i + "@x.io");
      }
      ops.append(op == 0 ? "" : ",")
          .append("{\"op\":\"add\",\"path\":\"emails\",\"value\":")
          .append(emails)
          .append("}");
    }
    ops.append("]");

    Response r = answered(() -> scim.patch("/Users/" + id, patch(ops.toString())));

    error(r, 400, "tooMany");
  }

  @Test
  void aThousandDistinctValuesAreAcceptedAndDuplicatesMerge() {
    String id = newUser("thousand");
    ArrayNode emails = JSON.createArrayNode();
    for (int i = 0; i < 500; i++) {
      emails.addObject().put("value", "t" + i + "@example.com").put("type", "other");
      emails.addObject().put("value", "T" + i + "@EXAMPLE.com").put("type", "other");
    }
    String ops = "[{\"op\":\"add\",\"path\":\"emails\",\"value\":" + emails + "}]";

    JsonNode user = answered(() -> scim.patch("/Users/" + id, patch(ops))).json();

    assertEquals(500, user.path("emails").size(), user.toString());
  }

  @Test
  void aPostWithTooManyValuesIsRefused() {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add(USER_URN);
    body.put("userName", "post-many");
    ArrayNode emails = body.putArray("emails");
    for (int i = 0; i < 5_000; i++) {
      emails.addObject().put("value", "p" + i + "@example.com");
    }

    Response r = answered(() -> scim.post("/Users", body.toString()));

    JsonNode error = error(r, 400, "tooMany");
    assertTrue(error.path("detail").asText().contains("'emails'"), error.toString());
  }
}
