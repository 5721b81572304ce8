package org.scimldap.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaConformanceTest {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
  private static final String CORE = "urn:example:params:scim:schemas:Gadget";
  private static final String EXT = "urn:example:params:scim:schemas:GadgetExtension";

  /** Published as a /Schemas response would publish them: with schemas and meta members. */
  private static final List<JsonNode> PUBLISHED =
      List.of(
          json(
              """
              {'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
               'id': 'CORE', 'name': 'Gadget', 'attributes': [
                 {'name': 'userName', 'type': 'string', 'required': true},
                 {'name': 'count', 'type': 'integer'},
                 {'name': 'ratio', 'type': 'decimal'},
                 {'name': 'enabled', 'type': 'boolean'},
                 {'name': 'since', 'type': 'dateTime'},
                 {'name': 'photo', 'type': 'binary'},
                 {'name': 'home', 'type': 'reference', 'referenceTypes': ['external']},
                 {'name': 'secret', 'mutability': 'writeOnly', 'returned': 'never'},
                 {'name': 'tags', 'multiValued': true},
                 {'name': 'emails', 'type': 'complex', 'multiValued': true, 'subAttributes': [
                   {'name': 'value', 'required': true},
                   {'name': 'type'},
                   {'name': 'primary', 'type': 'boolean'}]},
                 {'name': 'name', 'type': 'complex', 'subAttributes': [{'name': 'givenName'}]}],
               'meta': {'resourceType': 'Schema', 'location': 'http://h/Schemas/CORE'}}
              """),
          json(
              """
              {'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
               'id': 'EXT', 'name': 'GadgetExtension', 'attributes': [
                 {'name': 'department'},
                 {'name': 'level', 'type': 'integer', 'required': true}]}
              """));

  private static final String META =
      "{'resourceType': 'Gadget', 'created': '2024-01-02T03:04:05Z',"
          + " 'lastModified': '2024-01-02T03:04:05.123+01:00', 'location': 'http://h/Gadgets/1',"
          + " 'version': 'W/\\\"1\\\"'}";

  @Test
  void fullResourceConforms() {
    JsonNode resource =
        json(
            """
            {'schemas': ['CORE', 'EXT'], 'id': 'abc', 'externalId': 'x1', 'meta': META,
             'userName': 'u', 'count': 3, 'ratio': 1.5, 'enabled': true,
             'since': '2024-01-02T03:04:05Z', 'photo': 'aGk=', 'home': 'https://example.com/',
             'tags': ['a', 'b'], 'emails': [{'value': 'a@example.com', 'type': 'work', 'primary': true}],
             'name': {'givenName': 'G'}, 'EXT': {'department': 'D', 'level': 2}}
            """);
    assertEquals(List.of(), check(resource));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'schemas': ['CORE'], 'id': '1', 'userName': 'u'}",
        "{'SCHEMAS': ['urn:example:params:scim:schemas:GADGET'], 'ID': '1', 'USERNAME': 'u',"
            + " 'Emails': [{'VALUE': 'a'}]}",
        "{'schemas': ['CORE'], 'id': '1', 'userName': 'u', 'ratio': 2, 'secret': null}",
        "{'schemas': ['CORE', 'EXT'], 'id': '1', 'userName': 'u'}",
        "{'schemas': ['CORE', 'EXT'], 'id': '1', 'userName': 'u',"
            + " 'urn:example:params:scim:schemas:gadgetextension': {'LEVEL': 1}}",
        "{'schemas': ['CORE'], 'id': '1', 'userName': 'u', 'emails': []}",
      })
  void minimalAndCaseInsensitiveResourcesConform(String resource) {
    assertEquals(List.of(), check(json(resource)));
  }

  static Stream<Arguments> coreViolations() {
    return Stream.of(
        arguments("'nickName': 'n'", "nickName: not an attribute of CORE"),
        arguments("'count': '3'", "count: expected integer, got string"),
        arguments("'count': 1.5", "count: expected integer, got number"),
        arguments("'ratio': 'x'", "ratio: expected decimal, got string"),
        arguments("'enabled': 'true'", "enabled: expected boolean, got string"),
        arguments("'since': 'yesterday'", "since: not an xsd:dateTime with offset: 'yesterday'"),
        arguments(
            "'since': '2024-01-02T03:04:05'",
            "since: not an xsd:dateTime with offset: '2024-01-02T03:04:05'"),
        arguments("'photo': 12", "photo: expected binary, got number"),
        arguments("'home': {}", "home: expected reference, got object"),
        arguments("'tags': 'a'", "tags: multi-valued, must be an array"),
        arguments("'tags': [1]", "tags[0]: expected string, got number"),
        arguments("'name': [{'givenName': 'g'}]", "name: single-valued, must not be an array"),
        arguments("'name': 'G'", "name: expected complex (a JSON object), got string"),
        arguments("'name': {'nick': 'n'}", "name.nick: not a sub-attribute of name"),
        arguments("'emails': [{'type': 'work'}]", "emails[0].value: required but missing"),
        arguments(
            "'emails': [{'value': 'a'}, {'value': 'b', 'primary': 'yes'}]",
            "emails[1].primary: expected boolean, got string"),
        arguments("'secret': 's'", "secret: returned 'never', must not appear in a response"),
        arguments("'externalId': 5", "externalId: must be a string"),
        arguments("'meta': 'x'", "meta: must be a JSON object"),
        arguments(
            "'meta': {'resourceType': 'Gadget', 'created': '2024-01-02T03:04:05Z',"
                + " 'lastModified': 'nope', 'location': 'l', 'version': 'v'}",
            "meta.lastModified: not an xsd:dateTime with offset: 'nope'"),
        arguments(
            "'meta': {'resourceType': 'Gadget', 'created': '2024-01-02T03:04:05Z',"
                + " 'lastModified': '2024-01-02T03:04:05Z', 'location': 'l'}",
            "meta.version: must be a string"),
        arguments(
            "'urn:example:Unknown': {'a': 1}", "urn:example:Unknown: not an attribute of CORE"),
        arguments("'EXT': 'x'", "EXT: an extension must be a JSON object"));
  }

  @ParameterizedTest
  @MethodSource("coreViolations")
  void violationOfOneAttributeIsReportedWithItsPath(String member, String expected) {
    JsonNode resource = json("{'schemas': ['CORE'], 'id': '1', 'userName': 'u', " + member + "}");
    assertEquals(List.of(expected.replace("CORE", CORE).replace("EXT", EXT)), check(resource));
  }

  static Stream<Arguments> documentViolations() {
    return Stream.of(
        arguments("{'id': '1', 'userName': 'u'}", "schemas: missing"),
        arguments(
            "{'schemas': 'CORE', 'id': '1', 'userName': 'u'}",
            "schemas: must be an array of strings"),
        arguments(
            "{'schemas': [], 'id': '1', 'userName': 'u'}",
            "schemas: does not list the core schema CORE"),
        arguments(
            "{'schemas': ['CORE', 'urn:x'], 'id': '1', 'userName': 'u'}",
            "schemas: lists urn:x, which is not a published schema"),
        arguments(
            "{'schemas': ['CORE'], 'id': '1', 'userName': 'u', 'EXT': {'level': 1}}",
            "schemas: does not list EXT, whose attributes are present"),
        arguments(
            "{'schemas': ['CORE', 'EXT'], 'id': '1', 'userName': 'u', 'EXT': {'department': 'd'}}",
            "EXT:level: required but missing"),
        arguments(
            "{'schemas': ['CORE', 'EXT'], 'id': '1', 'userName': 'u', 'EXT': {'level': 1, 'floor': 2}}",
            "EXT:floor: not an attribute of EXT"),
        arguments(
            "{'schemas': ['CORE', 'EXT'], 'id': '1', 'userName': 'u', 'EXT': {'level': '1'}}",
            "EXT:level: expected integer, got string"),
        arguments("{'schemas': ['CORE'], 'userName': 'u'}", "id: missing"),
        arguments(
            "{'schemas': ['CORE'], 'id': '', 'userName': 'u'}", "id: must be a non-empty string"),
        arguments(
            "{'schemas': ['CORE'], 'id': 7, 'userName': 'u'}", "id: must be a non-empty string"),
        arguments("{'schemas': ['CORE'], 'id': '1'}", "userName: required but missing"),
        arguments(
            "{'schemas': ['CORE'], 'id': '1', 'userName': null}", "userName: required but missing"),
        arguments("['CORE']", "resource: must be a JSON object"));
  }

  @ParameterizedTest
  @MethodSource("documentViolations")
  void violationOfTheDocumentIsReported(String resource, String expected) {
    assertEquals(
        List.of(expected.replace("CORE", CORE).replace("EXT", EXT)), check(json(resource)));
  }

  @Test
  void everyViolationIsReported() {
    JsonNode resource = json("{'schemas': ['CORE'], 'count': 'x', 'secret': 's'}");
    assertEquals(
        List.of(
            "id: missing",
            "count: expected integer, got string",
            "secret: returned 'never', must not appear in a response",
            "userName: required but missing"),
        check(resource));
  }

  @Test
  void unpublishedCoreSchemaIsReported() {
    JsonNode resource = json("{'schemas': ['urn:x'], 'id': '1'}");
    assertEquals(
        List.of("schemas: no published schema urn:x"),
        SchemaConformance.violations(resource, PUBLISHED, "urn:x"));
  }

  private static List<String> check(JsonNode resource) {
    return SchemaConformance.violations(resource, PUBLISHED, CORE);
  }

  private static JsonNode json(String text) {
    String expanded =
        text.replace("META", META)
            .replace("'CORE'", "'" + CORE + "'")
            .replace("'EXT'", "'" + EXT + "'");
    try {
      return MAPPER.readTree(expanded);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad test JSON: " + expanded, e);
    }
  }
}
