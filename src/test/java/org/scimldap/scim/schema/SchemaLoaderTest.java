package org.scimldap.scim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.scimldap.scim.schema.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaLoaderTest {

  @ParameterizedTest
  @ValueSource(strings = {"core-user.json", "core-group.json", "enterprise-user.json"})
  void bundledSchemaFilesRoundTripExactly(String file) {
    JsonNode raw = CoreSchemas.readResource(file);
    assertEquals(raw, SchemaLoader.toJson(SchemaLoader.fromJson(raw)));
  }

  @Test
  void coreSchemasAreTheBundledFiles() {
    assertEquals(
        CoreSchemas.readResource("core-user.json"), SchemaLoader.toJson(CoreSchemas.user()));
    assertEquals(
        CoreSchemas.readResource("core-group.json"), SchemaLoader.toJson(CoreSchemas.group()));
    assertEquals(
        CoreSchemas.readResource("enterprise-user.json"),
        SchemaLoader.toJson(CoreSchemas.enterpriseUser()));
    assertEquals(CoreSchemas.USER_URN, CoreSchemas.user().id());
    assertEquals(CoreSchemas.GROUP_URN, CoreSchemas.group().id());
    assertEquals(CoreSchemas.ENTERPRISE_USER_URN, CoreSchemas.enterpriseUser().id());
  }

  @Test
  void userHasEveryAttributeOfRfc7643() {
    List<String> names =
        CoreSchemas.user().attributes().stream().map(AttributeDefinition::name).toList();
    assertEquals(
        List.of(
            "id",
            "externalId",
            "meta",
            "userName",
            "name",
            "displayName",
            "nickName",
            "profileUrl",
            "title",
            "userType",
            "preferredLanguage",
            "locale",
            "timezone",
            "active",
            "password",
            "emails",
            "phoneNumbers",
            "ims",
            "photos",
            "addresses",
            "groups",
            "entitlements",
            "roles",
            "x509Certificates"),
        names);
    assertEquals(
        List.of(
            "formatted",
            "familyName",
            "givenName",
            "middleName",
            "honorificPrefix",
            "honorificSuffix"),
        subNames(CoreSchemas.user(), "name"));
    assertEquals(
        List.of(
            "formatted",
            "streetAddress",
            "locality",
            "region",
            "postalCode",
            "country",
            "type",
            "primary"),
        subNames(CoreSchemas.user(), "addresses"));
    assertEquals(
        List.of("resourceType", "created", "lastModified", "location", "version"),
        subNames(CoreSchemas.user(), "meta"));
    assertEquals(
        List.of("value", "$ref", "displayName"), subNames(CoreSchemas.enterpriseUser(), "manager"));
  }

  /**
   * Columns: schema, attribute (or attribute.sub), type, multiValued, required, caseExact,
   * mutability, returned, uniqueness.
   */
  @ParameterizedTest
  @CsvSource({
    "user,  id,                   string,    false, false, true,  readOnly,  always,  server",
    "user,  externalId,           string,    false, false, true,  readWrite, default, none",
    "user,  meta,                 complex,   false, false, false, readOnly,  default, none",
    "user,  meta.lastModified,    dateTime,  false, false, false, readOnly,  default, none",
    "user,  userName,             string,    false, true,  false, readWrite, default, server",
    "user,  name.givenName,       string,    false, false, false, readWrite, default, none",
    "user,  profileUrl,           reference, false, false, false, readWrite, default, none",
    "user,  active,               boolean,   false, false, false, readWrite, default, none",
    "user,  password,             string,    false, false, false, writeOnly, never,   none",
    "user,  emails,               complex,   true,  false, false, readWrite, default, none",
    "user,  emails.primary,       boolean,   false, false, false, readWrite, default, none",
    "user,  groups,               complex,   true,  false, false, readOnly,  default, none",
    "user,  groups.value,         string,    false, false, false, readOnly,  default, none",
    "user,  x509Certificates.value, binary,  false, false, false, readWrite, default, none",
    "group, displayName,          string,    false, false, false, readWrite, default, none",
    "group, members,              complex,   true,  false, false, readWrite, default, none",
    "group, members.value,        string,    false, false, false, immutable, default, none",
    "group, members.$ref,         reference, false, false, false, immutable, default, none",
    "group, members.type,         string,    false, false, false, immutable, default, none",
    "ent,   employeeNumber,       string,    false, false, false, readWrite, default, none",
    "ent,   manager.value,        string,    false, false, false, readWrite, default, none",
    "ent,   manager.displayName,  string,    false, false, false, readOnly,  default, none",
  })
  void characteristicsMatchRfc7643(
      String schema,
      String attribute,
      String type,
      boolean multiValued,
      boolean required,
      boolean caseExact,
      String mutability,
      String returned,
      String uniqueness) {
    AttributeDefinition a = definition(schema, attribute);
    assertEquals(type, a.type().wireName());
    assertEquals(multiValued, a.multiValued());
    assertEquals(required, a.required());
    assertEquals(caseExact, a.caseExact());
    assertEquals(mutability, a.mutability().wireName());
    assertEquals(returned, a.returned().wireName());
    assertEquals(uniqueness, a.uniqueness().wireName());
  }

  @Test
  void canonicalValuesAndReferenceTypes() {
    assertEquals(
        List.of("work", "home", "other"), definition("user", "emails.type").canonicalValues());
    assertEquals(
        List.of("work", "home", "mobile", "fax", "pager", "other"),
        definition("user", "phoneNumbers.type").canonicalValues());
    assertEquals(
        List.of("direct", "indirect"), definition("user", "groups.type").canonicalValues());
    assertEquals(List.of("User", "Group"), definition("group", "members.type").canonicalValues());
    assertEquals(List.of("User", "Group"), definition("group", "members.$ref").referenceTypes());
    assertEquals(List.of("external"), definition("user", "photos.value").referenceTypes());
    assertEquals(List.of("uri"), definition("user", "meta.location").referenceTypes());
    assertEquals(List.of("User"), definition("ent", "manager.$ref").referenceTypes());
  }

  @Test
  void missingCharacteristicsTakeTheRfcDefaults() {
    ScimSchema s =
        SchemaLoader.fromJson(json("{'id': 'urn:example:S', 'attributes': [{'name': 'a'}]}"));
    AttributeDefinition a = s.attributes().get(0);
    assertEquals(AttributeType.STRING, a.type());
    assertFalse(a.multiValued() || a.required() || a.caseExact());
    assertEquals(Mutability.READ_WRITE, a.mutability());
    assertEquals(Returned.DEFAULT, a.returned());
    assertEquals(Uniqueness.NONE, a.uniqueness());
    assertTrue(a.canonicalValues().isEmpty() && a.subAttributes().isEmpty());
    assertEquals("", s.name());
  }

  @Test
  void schemasResponseMembersAreIgnored() {
    ScimSchema s =
        SchemaLoader.fromJson(
            json(
                "{'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Schema'], 'id': 'urn:x:S',"
                    + " 'name': 'S', 'meta': {'resourceType': 'Schema'}, 'attributes': []}"));
    assertEquals(json("{'id': 'urn:x:S', 'name': 'S', 'attributes': []}"), SchemaLoader.toJson(s));
  }

  static Stream<Arguments> invalidSchemas() {
    String a0 = "schema urn:x:S: attributes[0]: ";
    return Stream.of(
        arguments("[]", "a schema must be a JSON object"),
        arguments("{'name': 'S'}", "schema: 'id' is required"),
        arguments("{'id': 7}", "schema: 'id' must be a string"),
        arguments(
            "{'id': 'urn:x:S', 'attributes': {}}", "schema urn:x:S: attributes must be an array"),
        arguments(
            "{'id': 'urn:x:S', 'attributes': ['a']}",
            "schema urn:x:S: attributes[0] must be an object"),
        arguments(
            "{'id': 'urn:x:S', 'attributes': [{'type': 'string'}]}", a0 + "'name' is required"),
        arguments(
            "{'id': 'urn:x:S', 'attributes': [{'name': 'a', 'type': 'text'}]}",
            a0 + "unknown SCIM attribute type: text"),
        arguments(
            "{'id': 'urn:x:S', 'attributes': [{'name': 'a', 'required': 'yes'}]}",
            a0 + "'required' must be a boolean"),
        arguments(
            "{'id': 'urn:x:S', 'attributes': [{'name': 'a', 'returned': 'sometimes'}]}",
            a0 + "unknown returned: sometimes"),
        arguments(
            "{'id': 'urn:x:S', 'attributes': [{'name': 'a', 'canonicalValues': [1]}]}",
            a0 + "'canonicalValues' must hold only strings"),
        arguments(
            "{'id': 'urn:x:S', 'attributes': [{'name': 'a', 'referenceTypes': 'User'}]}",
            a0 + "'referenceTypes' must be an array of strings"),
        arguments(
            "{'id': 'urn:x:S', 'attributes': [{'name': 'a', 'subAttributes': [{'name': 'b'}]}]}",
            a0 + "only complex attributes have subAttributes"),
        arguments(
            "{'id': 'urn:x:S', 'attributes': [{'name': 'a', 'type': 'complex',"
                + " 'subAttributes': [{'name': 'b', 'mutability': 'rw'}]}]}",
            "schema urn:x:S: attributes[0].subAttributes[0]: unknown mutability: rw"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("invalidSchemas")
  void invalidSchemasAreRejectedWithTheirLocation(String schema, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SchemaLoader.fromJson(json(schema)));
    assertEquals(message, e.getMessage());
  }

  private static AttributeDefinition definition(String schema, String attribute) {
    ScimSchema s =
        switch (schema) {
          case "user" -> CoreSchemas.user();
          case "group" -> CoreSchemas.group();
          default -> CoreSchemas.enterpriseUser();
        };
    String[] parts = attribute.split("\\.");
    AttributeDefinition a = s.attribute(parts[0]).orElseThrow();
    return parts.length == 1 ? a : a.subAttribute(parts[1]).orElseThrow();
  }

  private static List<String> subNames(ScimSchema schema, String attribute) {
    return schema.attribute(attribute).orElseThrow().subAttributes().stream()
        .map(AttributeDefinition::name)
        .toList();
  }
}
