package org.scimldap.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;

class PatchRequestParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          add     | ADD
          Add     | ADD
          REPLACE | REPLACE
          Remove  | REMOVE
          """)
  void opKeywordsIgnoreCase(String keyword, PatchOperation.Op expected) {
    List<PatchOperation> ops =
        PatchRequestParser.parse(
            body("{\"op\":\"" + keyword + "\",\"path\":\"title\",\"value\":\"x\"}"));
    assertEquals(expected, ops.get(0).op());
    assertEquals("title", ops.get(0).path().orElseThrow().attribute().name());
  }

  @Test
  void removeMayCarryTheValuesToRemove() {
    PatchOperation op =
        PatchRequestParser.parse(
                body("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"id1\"}]}"))
            .get(0);
    assertEquals(PatchOperation.Op.REMOVE, op.op());
    assertEquals("id1", op.value().orElseThrow().get(0).get("value").asText());
  }

  @Test
  void removeWithAnEmptyStringOrNullValueCarriesNoValue() {
    for (String value : List.of("\"\"", "null")) {
      PatchOperation op =
          PatchRequestParser.parse(
                  body("{\"op\":\"remove\",\"path\":\"members\",\"value\":" + value + "}"))
              .get(0);
      assertTrue(op.value().isEmpty(), value);
    }
    PatchOperation emptyList =
        PatchRequestParser.parse(body("{\"op\":\"remove\",\"path\":\"members\",\"value\":[]}"))
            .get(0);
    assertTrue(emptyList.value().orElseThrow().isArray(), "an empty list stays a list");
    PatchOperation blankTitle =
        PatchRequestParser.parse(body("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"\"}"))
            .get(0);
    assertEquals("", blankTitle.value().orElseThrow().asText(), "only remove drops it");
  }

  @Test
  void noPathReplaceKeepsTheValueObject() {
    PatchOperation op =
        PatchRequestParser.parse(body("{\"op\":\"replace\",\"value\":{\"active\":false}}")).get(0);
    assertTrue(op.path().isEmpty());
    assertEquals(false, op.value().orElseThrow().get("active").asBoolean());
  }

  @Test
  void acceptsUpToTheLimitAndRejectsMore() {
    ObjectNode request = request(3);
    assertEquals(3, PatchRequestParser.parse(request, 3).size());
    ScimException e = assertThrows(ScimException.class, () -> PatchRequestParser.parse(request, 2));
    assertEquals(ScimType.INVALID_SYNTAX, e.scimType().orElseThrow());
    assertTrue(e.detail().contains("at most 2"), e.detail());
  }

  @Test
  void defaultLimitIsAThousandOperations() {
    assertEquals(1000, PatchRequestParser.parse(request(1000)).size());
    assertThrows(ScimException.class, () -> PatchRequestParser.parse(request(1001)));
  }

  @Test
  void theSameMemberInTwoCasesIsAmbiguous() {
    ScimException e =
        assertThrows(
            ScimException.class,
            () ->
                PatchRequestParser.parse(body("{\"op\":\"add\",\"Op\":\"remove\",\"value\":{}}")));
    assertEquals(ScimType.INVALID_SYNTAX, e.scimType().orElseThrow());
    assertTrue(e.detail().startsWith("Operations[0]: "), e.detail());
  }

  @Test
  void pathMustBeAString() {
    ScimException e =
        assertThrows(
            ScimException.class,
            () -> PatchRequestParser.parse(body("{\"op\":\"remove\",\"path\":[\"title\"]}")));
    assertEquals(ScimType.INVALID_SYNTAX, e.scimType().orElseThrow());
  }

  @Test
  void operationsIsAnArray() {
    ObjectNode request = JSON.createObjectNode();
    request.putArray("schemas").add(PatchRequestParser.PATCH_OP_URN);
    request.putObject("Operations").put("op", "add");
    ScimException e = assertThrows(ScimException.class, () -> PatchRequestParser.parse(request));
    assertEquals(ScimType.INVALID_SYNTAX, e.scimType().orElseThrow());
  }

  private static ObjectNode request(int operations) {
    ObjectNode request = JSON.createObjectNode();
    request.putArray("schemas").add(PatchRequestParser.PATCH_OP_URN);
    ArrayNode ops = request.putArray("Operations");
    for (int i = 0; i < operations; i++) {
      ops.addObject().put("op", "add").put("path", "title").put("value", "t" + i);
    }
    return request;
  }

  private static JsonNode body(String operation) {
    try {
      return JSON.readTree(
          "{\"schemas\":[\""
              + PatchRequestParser.PATCH_OP_URN
              + "\"],\"Operations\":["
              + operation
              + "]}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
