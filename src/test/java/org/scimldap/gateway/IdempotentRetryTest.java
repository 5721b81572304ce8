package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * An identity provider that timed out and sends the same request again: a create sent twice makes
 * one resource (the second gets 409 naming the first's id), and a PATCH applied twice leaves what
 * applying it once left.
 */
class IdempotentRetryTest extends BlackBoxContract {

  @Test
  void createSentTwiceMakesOneResourceAndTheSecondNamesItsId() {
    String body = GatewayTest.user("repeat", "Re", "Peat", "repeat@example.com");
    Response first = scim.post("/Users", body);
    assertEquals(201, first.status(), first.toString());
    String id = first.json().path("id").asText();

    Response again = scim.post("/Users", body);
    assertEquals(409, again.status(), again.toString());
    assertEquals(ERROR_URN, again.json().path("schemas").path(0).asText());
    assertEquals("uniqueness", again.json().path("scimType").asText());
    assertTrue(again.json().path("detail").asText().contains("(id " + id + ")"), again.toString());
    Response found = scim.get("/Users?filter=" + ScimClient.q("userName eq \"repeat\""));
    assertEquals(1, found.json().path("totalResults").asInt(), found.toString());
    assertEquals(id, found.json().path("Resources").path(0).path("id").asText());
  }

  @Test
  void patchAppliedTwiceLeavesTheSameState() {
    String user =
        scim.post("/Users", GatewayTest.user("twice", "Two", "Times", "twice@example.com"))
            .json()
            .path("id")
            .asText();
    String group = scim.post("/Groups", groupBody("twice-group")).json().path("id").asText();
    String userPatch =
        """
        {"schemas":["%s"],"Operations":[
          {"op":"replace","path":"displayName","value":"Twice Times"},
          {"op":"add","path":"emails","value":[{"value":"second@example.com","type":"home"}]},
          {"op":"remove","path":"emails[type eq \\"work\\"]"}]}
        """
            .formatted(PATCH_URN);
    String groupPatch =
        """
        {"schemas":["%s"],"Operations":[
          {"op":"add","path":"members","value":[{"value":"%s"}]}]}
        """
            .formatted(PATCH_URN, user);

    apply("/Users/" + user, userPatch);
    apply("/Groups/" + group, groupPatch);
    JsonNode userOnce = read("/Users/" + user);
    JsonNode groupOnce = read("/Groups/" + group);
    apply("/Users/" + user, userPatch);
    apply("/Groups/" + group, groupPatch);
    JsonNode userTwice = read("/Users/" + user);
    JsonNode groupTwice = read("/Groups/" + group);

    assertEquals(userOnce, userTwice);
    assertEquals(groupOnce, groupTwice);
    assertEquals(1, groupTwice.path("members").size(), groupTwice.toString());
    assertEquals(1, userTwice.path("emails").size(), userTwice.toString());
  }

  private void apply(String path, String patch) {
    Response answer = scim.patch(path, patch);
    assertTrue(answer.status() == 200 || answer.status() == 204, answer.toString());
  }

  /** The resource without its meta (its version changes with every write). */
  private JsonNode read(String path) {
    Response read = scim.get(path);
    assertEquals(200, read.status(), read.toString());
    ObjectNode resource = (ObjectNode) read.json();
    resource.remove("meta");
    return resource;
  }
}
