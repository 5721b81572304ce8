package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The correlation store is written when the gateway writes an entry, never when it reads: a lost
 * store changes no answer, and reading does not bring its rows back.
 */
class StoreWritesTest extends BlackBoxContract {

  @Test
  void readsAnswerTheSameWithoutTheStoreAndNeverWriteIt() {
    String boss = newUser("boss");
    ObjectNode body = (ObjectNode) read(userBody("ada"));
    body.putArray("schemas").add(USER_URN).add(ENTERPRISE_URN);
    body.putObject(ENTERPRISE_URN).putObject("manager").put("value", boss);
    String ada = createdId(scim.post("/Users", body.toString()));
    ObjectNode group = (ObjectNode) read(groupBody("Readers"));
    group.putArray("members").add(member(ada)).add(member(boss));
    String readers = createdId(scim.post("/Groups", group.toString()));

    gateway().wipeStore();

    JsonNode user = ok(scim.get("/Users/" + ada));
    assertEquals(boss, user.path(ENTERPRISE_URN).path("manager").path("value").asText());
    assertEquals(Set.of(ada, boss), memberIds(ok(scim.get("/Groups/" + readers))));
    assertEquals(Set.of(ada), usersWhere(ENTERPRISE_URN + ":manager.value eq " + literal(boss)));
    assertEquals(
        Set.of(readers), ids(scim.get("/Groups?" + filter("members.value eq " + literal(ada)))));
    assertEquals(0, gateway().correlationRows(), "reads wrote no row");

    ok(
        scim.patch(
            "/Users/" + ada,
            patch("[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Ada\"}]")));
    assertEquals(1, gateway().correlationRows(), "the write wrote the row of what it wrote");
  }

  private static ObjectNode member(String id) {
    return JSON.createObjectNode().put("value", id);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
