package org.scimldap.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimldap.scim.JsonText;

/** A ListResponse written around resources' texts is the one written from their trees. */
class ListResponsesTest {
  private static ObjectNode user(String id, String name) {
    ObjectNode u = JsonNodeFactory.instance.objectNode().put("id", id).put("userName", name);
    u.putObject("name").put("formatted", "Zoë \uD83D\uDE00 \"quoted\" \\ back");
    return u;
  }

  @Test
  void theTextIsTheSameAsTheTree() {
    List<ObjectNode> users = List.of(user("1", "alice"), user("2", "bob"), user("3", "carol"));

    byte[] text = ListResponses.text(4_000_000_000L, 7, users.stream().map(JsonText::of).toList());

    assertArrayEquals(ScimJson.bytes(ListResponses.of(4_000_000_000L, 7, users)), text);
    assertEquals(ListResponses.of(4_000_000_000L, 7, users), JsonText.object(text));
  }

  @Test
  void anEmptyPageToo() {
    assertArrayEquals(
        ScimJson.bytes(ListResponses.of(0, 1, List.of())), ListResponses.text(0, 1, List.of()));
    assertArrayEquals(
        ScimJson.bytes(ListResponses.of(1, 1, List.of(user("1", "a")))),
        ListResponses.text(1, 1, List.of(JsonText.of(user("1", "a")))));
  }
}
