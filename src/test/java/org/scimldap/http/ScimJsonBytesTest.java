package org.scimldap.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Answers are written as UTF-8 JSON, also where a string cannot be encoded as UTF-8. */
class ScimJsonBytesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesUtf8() throws Exception {
    ObjectNode node = JSON.createObjectNode().put("displayName", "Zoë \"Z\" 😀\n");
    assertArrayEquals(
        JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8), ScimJson.bytes(node));
  }

  @Test
  void halfASurrogatePairIsEscaped() {
    ObjectNode node = JSON.createObjectNode().put("displayName", "a\ud800b");
    assertArrayEquals(
        "{\"displayName\":\"a\\uD800b\"}".getBytes(StandardCharsets.UTF_8), ScimJson.bytes(node));
  }
}
