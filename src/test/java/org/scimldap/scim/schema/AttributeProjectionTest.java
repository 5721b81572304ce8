package org.scimldap.scim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.scimldap.scim.schema.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.path.AttributePath;

class AttributeProjectionTest {
  private static final String CORE = CoreSchemas.USER_URN;
  private static final String ENT = CoreSchemas.ENTERPRISE_USER_URN;

  private static final String USER =
      """
      {'schemas': ['$CORE', '$ENT'],
       'id': 'u1',
       'externalId': 'e1',
       'userName': 'bjensen',
       'name': {'givenName': 'Barbara', 'familyName': 'Jensen'},
       'displayName': 'Babs',
       'password': 'secret',
       'emails': [{'value': 'b@x.org', 'type': 'work', 'primary': true},
                  {'value': 'babs@home.org', 'type': 'home'}],
       'groups': [{'value': 'g1', 'display': 'Admins'}],
       'meta': {'resourceType': 'User', 'lastModified': '2024-01-01T00:00:00Z'},
       '$ENT': {'department': 'R&D', 'manager': {'value': 'm1', 'displayName': 'Boss'}}}
      """;

  /** The user as sent with no parameters: everything but the password. */
  private static final String USER_DEFAULT =
      """
      {'schemas': ['$CORE', '$ENT'],
       'id': 'u1',
       'externalId': 'e1',
       'userName': 'bjensen',
       'name': {'givenName': 'Barbara', 'familyName': 'Jensen'},
       'displayName': 'Babs',
       'emails': [{'value': 'b@x.org', 'type': 'work', 'primary': true},
                  {'value': 'babs@home.org', 'type': 'home'}],
       'groups': [{'value': 'g1', 'display': 'Admins'}],
       'meta': {'resourceType': 'User', 'lastModified': '2024-01-01T00:00:00Z'},
       '$ENT': {'department': 'R&D', 'manager': {'value': 'm1', 'displayName': 'Boss'}}}
      """;

  private static final String GROUP =
      """
      {'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Group'],
       'id': 'g1', 'displayName': 'Admins',
       'members': [{'value': 'u1', 'type': 'User', 'display': 'Babs'}, {'value': 'u2', 'type': 'User'}],
       'meta': {'resourceType': 'Group'}}
      """;

  private static final String THING =
      """
      {'schemas': ['$THING'], 'id': 't1', 'kind': 'widget', 'hint': 'psst', 'count': 3,
       'detail': {'summary': 's', 'secret': 'x', 'key': 'k', 'hash': 'h'}}
      """;

  private static JsonNode fixture(String text) {
    return json(
        text.replace("$ENT", ENT).replace("$CORE", CORE).replace("$THING", TestJson.THING_URN));
  }

  static Stream<Arguments> userProjections() {
    return Stream.of(
        arguments("", "", USER_DEFAULT),
        arguments("userName", "", "{'schemas': ['$CORE'], 'id': 'u1', 'userName': 'bjensen'}"),
        arguments(
            "USERNAME,DisplayName",
            "",
            "{'schemas': ['$CORE'], 'id': 'u1', 'userName': 'bjensen', 'displayName': 'Babs'}"),
        arguments(
            "name.givenName",
            "",
            "{'schemas': ['$CORE'], 'id': 'u1', 'name': {'givenName': 'Barbara'}}"),
        arguments(
            "emails.value",
            "",
            "{'schemas': ['$CORE'], 'id': 'u1', 'emails': [{'value': 'b@x.org'}, {'value':"
                + " 'babs@home.org'}]}"),
        arguments("emails.display", "", "{'schemas': ['$CORE'], 'id': 'u1'}"),
        arguments(
            "name.givenName,name",
            "",
            "{'schemas': ['$CORE'], 'id': 'u1', 'name': {'givenName': 'Barbara', 'familyName':"
                + " 'Jensen'}}"),
        arguments("password", "", "{'schemas': ['$CORE'], 'id': 'u1'}"),
        arguments("noSuchThing", "", "{'schemas': ['$CORE'], 'id': 'u1'}"),
        arguments(
            "meta.lastModified",
            "",
            "{'schemas': ['$CORE'], 'id': 'u1', 'meta': {'lastModified': '2024-01-01T00:00:00Z'}}"),
        arguments(
            "$CORE:userName", "", "{'schemas': ['$CORE'], 'id': 'u1', 'userName': 'bjensen'}"),
        arguments(
            "$CORE:name.familyName",
            "",
            "{'schemas': ['$CORE'], 'id': 'u1', 'name': {'familyName': 'Jensen'}}"),
        arguments(
            "$ENT:manager",
            "",
            "{'schemas': ['$CORE', '$ENT'], 'id': 'u1', '$ENT': {'manager': {'value': 'm1',"
                + " 'displayName': 'Boss'}}}"),
        arguments(
            "$ENT:manager.value",
            "",
            "{'schemas': ['$CORE', '$ENT'], 'id': 'u1', '$ENT': {'manager': {'value': 'm1'}}}"),
        arguments(
            "department",
            "",
            "{'schemas': ['$CORE', '$ENT'], 'id': 'u1', '$ENT': {'department': 'R&D'}}"),
        arguments(
            "$ENT",
            "",
            "{'schemas': ['$CORE', '$ENT'], 'id': 'u1', '$ENT': {'department': 'R&D', 'manager':"
                + " {'value': 'm1', 'displayName': 'Boss'}}}"),
        arguments(
            "urn:ietf:params:scim:schemas:extension:ENTERPRISE:2.0:user",
            "",
            "{'schemas': ['$CORE', '$ENT'], 'id': 'u1', '$ENT': {'department': 'R&D', 'manager':"
                + " {'value': 'm1', 'displayName': 'Boss'}}}"),
        arguments(
            "$CORE",
            "",
            """
            {'schemas': ['$CORE'], 'id': 'u1', 'externalId': 'e1', 'userName': 'bjensen',
             'name': {'givenName': 'Barbara', 'familyName': 'Jensen'}, 'displayName': 'Babs',
             'emails': [{'value': 'b@x.org', 'type': 'work', 'primary': true},
                        {'value': 'babs@home.org', 'type': 'home'}],
             'groups': [{'value': 'g1', 'display': 'Admins'}],
             'meta': {'resourceType': 'User', 'lastModified': '2024-01-01T00:00:00Z'}}
            """),
        arguments(
            "",
            "emails,groups,meta,name,externalId,displayName",
            "{'schemas': ['$CORE', '$ENT'], 'id': 'u1', 'userName': 'bjensen', '$ENT':"
                + " {'department': 'R&D', 'manager': {'value': 'm1', 'displayName': 'Boss'}}}"),
        arguments(
            "id,userName",
            "id,schemas",
            "{'schemas': ['$CORE'], 'id': 'u1', 'userName': 'bjensen'}"),
        arguments("userName", "userName", "{'schemas': ['$CORE'], 'id': 'u1'}"),
        arguments(
            "userName,$ENT:department",
            "$ENT",
            "{'schemas': ['$CORE'], 'id': 'u1', 'userName': 'bjensen'}"),
        arguments(
            "userName,$ENT",
            "$ENT:manager",
            "{'schemas': ['$CORE', '$ENT'], 'id': 'u1', 'userName': 'bjensen', '$ENT':"
                + " {'department': 'R&D'}}"),
        arguments(
            "userName", "manager", "{'schemas': ['$CORE'], 'id': 'u1', 'userName': 'bjensen'}"),
        arguments(
            "name",
            "name.familyName",
            "{'schemas': ['$CORE'], 'id': 'u1', 'name': {'givenName': 'Barbara'}}"),
        arguments("name", "Name.GivenName,name.familyName", "{'schemas': ['$CORE'], 'id': 'u1'}"),
        arguments(
            "emails",
            "emails.type,emails.primary",
            "{'schemas': ['$CORE'], 'id': 'u1', 'emails': [{'value': 'b@x.org'}, {'value':"
                + " 'babs@home.org'}]}"),
        arguments("emails.type", "emails.type", "{'schemas': ['$CORE'], 'id': 'u1'}"),
        arguments("$ENT:department", "$ENT:department", "{'schemas': ['$CORE'], 'id': 'u1'}"));
  }

  @ParameterizedTest(name = "[{index}] attributes={0} excludedAttributes={1}")
  @MethodSource("userProjections")
  void projectsUser(String attributes, String excluded, String expected) {
    ObjectNode resource = (ObjectNode) fixture(USER);
    JsonNode before = resource.deepCopy();
    ObjectNode out =
        AttributeProjection.project(
            resource,
            CoreSchemas.userResource(),
            AttributeProjection.parseList(attributes.replace("$ENT", ENT).replace("$CORE", CORE)),
            AttributeProjection.parseList(excluded.replace("$ENT", ENT).replace("$CORE", CORE)));
    assertEquals(fixture(expected), out);
    assertEquals("schemas", out.fieldNames().next(), "schemas comes first");
    assertEquals(before, resource, "the input is left untouched");
  }

  static Stream<Arguments> otherProjections() {
    return Stream.of(
        arguments(
            "Group",
            GROUP,
            "",
            "members",
            "{'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Group'], 'id': 'g1',"
                + " 'displayName': 'Admins', 'meta': {'resourceType': 'Group'}}"),
        arguments(
            "Group",
            GROUP,
            "members.value",
            "",
            "{'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Group'], 'id': 'g1', 'members':"
                + " [{'value': 'u1'}, {'value': 'u2'}]}"),
        arguments(
            "Group",
            GROUP,
            "",
            "members.display,meta",
            "{'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Group'], 'id': 'g1',"
                + " 'displayName': 'Admins', 'members': [{'value': 'u1', 'type': 'User'}, {'value':"
                + " 'u2', 'type': 'User'}]}"),
        // returned: always, request and never (RFC 7643 §7)
        arguments(
            "Thing",
            THING,
            "",
            "",
            "{'schemas': ['$THING'], 'id': 't1', 'kind': 'widget', 'count': 3, 'detail':"
                + " {'summary': 's', 'key': 'k'}}"),
        arguments(
            "Thing",
            THING,
            "hint",
            "",
            "{'schemas': ['$THING'], 'id': 't1', 'kind': 'widget', 'hint': 'psst'}"),
        arguments(
            "Thing",
            THING,
            "count",
            "kind,id",
            "{'schemas': ['$THING'], 'id': 't1', 'kind': 'widget', 'count': 3}"),
        arguments(
            "Thing",
            THING,
            "detail",
            "",
            "{'schemas': ['$THING'], 'id': 't1', 'kind': 'widget', 'detail': {'summary': 's',"
                + " 'secret': 'x', 'key': 'k'}}"),
        arguments(
            "Thing",
            THING,
            "detail.secret",
            "",
            "{'schemas': ['$THING'], 'id': 't1', 'kind': 'widget', 'detail': {'secret': 'x', 'key':"
                + " 'k'}}"),
        arguments(
            "Thing",
            THING,
            "detail.summary",
            "",
            "{'schemas': ['$THING'], 'id': 't1', 'kind': 'widget', 'detail': {'summary': 's',"
                + " 'key': 'k'}}"),
        arguments(
            "Thing",
            THING,
            "",
            "detail.key,detail.summary",
            "{'schemas': ['$THING'], 'id': 't1', 'kind': 'widget', 'count': 3, 'detail': {'key':"
                + " 'k'}}"),
        arguments(
            "Thing",
            THING,
            "detail.hash",
            "",
            "{'schemas': ['$THING'], 'id': 't1', 'kind': 'widget', 'detail': {'key': 'k'}}"),
        arguments(
            "Thing",
            THING,
            "",
            "detail",
            "{'schemas': ['$THING'], 'id': 't1', 'kind': 'widget', 'count': 3}"),
        arguments(
            "Thing",
            THING,
            "$THING",
            "",
            "{'schemas': ['$THING'], 'id': 't1', 'kind': 'widget', 'hint': 'psst', 'count': 3,"
                + " 'detail': {'summary': 's', 'secret': 'x', 'key': 'k'}}"),
        // attributes a resource carries beyond its schema count as returned: default
        arguments(
            "Group",
            "{'id': 'g1', 'extra': 1, 'displayName': 'A'}",
            "",
            "displayName",
            "{'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Group'], 'id': 'g1', 'extra': 1}"),
        arguments(
            "Group",
            "{'id': 'g1', 'extra': 1, 'displayName': 'A'}",
            "extra",
            "",
            "{'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Group'], 'id': 'g1', 'extra':"
                + " 1}"));
  }

  @ParameterizedTest(name = "[{index}] {0} attributes={2} excludedAttributes={3}")
  @MethodSource("otherProjections")
  void projectsOtherResources(
      String type, String resource, String attributes, String excluded, String expected) {
    ResourceSchema schema = type.equals("Group") ? CoreSchemas.groupResource() : TestJson.thing();
    String thing = TestJson.THING_URN;
    assertEquals(
        fixture(expected),
        AttributeProjection.project(
            (ObjectNode) fixture(resource),
            schema,
            AttributeProjection.parseList(attributes.replace("$THING", thing)),
            AttributeProjection.parseList(excluded.replace("$THING", thing))));
  }

  /**
   * Without parameters, a resource the projection would leave as it is comes back itself, and any
   * other is projected: either way the answer is what the full projection writes, in its order.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        USER_DEFAULT,
        USER,
        "{'schemas': ['$CORE'], 'id': 'u1', 'userName': 'b'}",
        "{'id': 'u1', 'schemas': ['$CORE'], 'userName': 'b'}",
        "{'schemas': ['$CORE', '$ENT'], 'id': 'u1'}",
        "{'schemas': ['$CORE'], 'id': 'u1', '$ENT': {'department': 'R&D'}}",
        "{'schemas': ['$ENT', '$CORE'], 'id': 'u1', '$ENT': {'department': 'R&D'}}",
        "{'schemas': ['$CORE', '$ENT'], 'id': 'u1', '$ENT': {}}",
        "{'schemas': ['$CORE', '$ENT'], 'id': 'u1', '$ENT': 'odd'}",
        "{'schemas': ['$CORE', '$ENT', '$ENT'], 'id': 'u1', '$ENT': {'a': 1}, 'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER': {'b': 2}}",
        "{'schemas': ['$CORE'], 'id': 'u1', 'emails': []}",
        "{'schemas': ['$CORE'], 'id': 'u1', 'emails': [{}]}",
        "{'schemas': ['$CORE'], 'id': 'u1', 'emails': ['odd', {'value': 'a@b'}]}",
        "{'schemas': ['$CORE'], 'id': 'u1', 'name': {}}",
        "{'schemas': ['$CORE'], 'id': 'u1', 'name': 'odd'}",
        "{'schemas': ['$CORE'], 'id': 'u1', 'password': 'secret'}",
        "{'schemas': ['$CORE'], 'id': 'u1', 'Schemas': ['$CORE']}",
        "{'schemas': ['$CORE'], 'id': 'u1', 'unknown': [], 'x509Certificates': []}",
        "{'schemas': ['$CORE'], 'id': 'u1', 'groups': [{'value': 'g', '$ref': 'r', 'type': 'direct'}]}",
        "{'schemas': [], 'id': 'u1'}",
        "{'schemas': 'odd', 'id': 'u1'}",
        "{'schemas': ['$CORE', 'urn:other'], 'id': 'u1'}",
        "{'schemas': ['$CORE'], 'id': 'u1', 'urn:other': {'a': 1}}"
      })
  void withoutParametersTheAnswerIsTheFullProjection(String text) {
    ObjectNode resource = (ObjectNode) fixture(text);
    JsonNode before = resource.deepCopy();
    ResourceSchema schema = CoreSchemas.userResource();
    ObjectNode full = AttributeProjection.projectAll(resource, schema, List.of(), List.of());
    ObjectNode out = AttributeProjection.project(resource, schema, List.of(), List.of());
    assertEquals(full.toString(), out.toString(), text);
    assertEquals(before, resource, "the input is left untouched");
  }

  @Test
  void aResourceLeftAsItIsComesBackItself() {
    ObjectNode resource = (ObjectNode) fixture(USER_DEFAULT);
    assertSame(
        resource,
        AttributeProjection.project(resource, CoreSchemas.userResource(), List.of(), List.of()));
  }

  @Test
  void extensionsNotPresentAreLeftOutOfSchemas() {
    ObjectNode user = (ObjectNode) fixture("{'schemas': ['$CORE', '$ENT'], 'id': 'u1'}");
    assertEquals(
        fixture("{'schemas': ['$CORE'], 'id': 'u1'}"),
        AttributeProjection.project(user, CoreSchemas.userResource(), List.of(), List.of()));
  }

  /** Columns: resource type, attributes, excludedAttributes, attribute asked about, expected. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Group |                     |                  | members          | true",
        "Group |                     | members          | members          | false",
        "Group |                     | MEMBERS          | Members          | false",
        "Group | displayName         |                  | members          | false",
        "Group | members.value       |                  | members          | true",
        "Group |                     | members.display  | members          | true",
        "Group | displayName         |                  | id               | true",
        "Group |                     | id               | id               | true",
        "Group | displayName         |                  | meta             | false",
        "Group |                     |                  | members.display  | true",
        "Group |                     | members.display  | members.display  | false",
        "Group | members.value       |                  | members.display  | false",
        "User  |                     |                  | userName         | true",
        "User  |                     |                  | password         | false",
        "User  | password            |                  | password         | false",
        "User  | userName            |                  | groups           | false",
        "User  |                     | groups           | groups           | false",
        "User  |                     |                  | manager          | true",
        "User  |                     | $ENT:manager     | manager          | false",
        "User  |                     | manager          | $ENT:manager     | false",
        "User  | userName            |                  | $ENT:department  | false",
        "User  |                     |                  | $ENT             | true",
        "User  |                     | $ENT             | $ENT             | false",
        "User  | userName            |                  | $ENT             | false",
        "User  | $ENT:manager.value  |                  | $ENT             | true",
        "User  | $ENT                |                  | $ENT:manager     | true",
        "User  | $ENT                |                  | userName         | false",
        "Thing |                     |                  | hint             | false",
        "Thing | hint                |                  | hint             | true",
        "Thing | count               | kind             | kind             | true",
        "Thing | detail              |                  | detail.secret    | true",
        "Thing |                     |                  | detail.secret    | false",
      })
  void needsTellsWhetherAnAttributeWillBeSent(
      String type, String attributes, String excluded, String attribute, boolean expected) {
    ResourceSchema schema =
        switch (type) {
          case "Group" -> CoreSchemas.groupResource();
          case "User" -> CoreSchemas.userResource();
          default -> TestJson.thing();
        };
    assertEquals(
        expected,
        AttributeProjection.needs(
            schema,
            AttributeProjection.parseList(withUrns(attributes)),
            AttributeProjection.parseList(withUrns(excluded)),
            withUrns(attribute)));
  }

  private static String withUrns(String text) {
    return text == null ? null : text.replace("$ENT", ENT);
  }

  static Stream<Arguments> parsedLists() {
    return Stream.of(
        arguments(
            "userName,name.givenName, emails",
            List.of(
                AttributePath.of("userName"),
                AttributePath.of("name", "givenName"),
                AttributePath.of("emails"))),
        arguments("  displayName  ", List.of(AttributePath.of("displayName"))),
        arguments("members.$ref", List.of(AttributePath.of("members", "$ref"))),
        arguments(
            "x509Certificates,user_type-2",
            List.of(AttributePath.of("x509Certificates"), AttributePath.of("user_type-2"))),
        arguments(CORE + ":name.givenName", List.of(new AttributePath(CORE, "name", "givenName"))),
        arguments(ENT + ":manager", List.of(new AttributePath(ENT, "manager", null))),
        arguments(
            ENT,
            List.of(
                new AttributePath(
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User", null))),
        arguments("", List.of()),
        arguments("   ", List.of()),
        arguments(null, List.of()));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("parsedLists")
  void parsesAttributeLists(String parameter, List<AttributePath> expected) {
    assertEquals(expected, AttributeProjection.parseList(parameter));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "userName,,emails",
        "userName,",
        "user name",
        "name.givenName.x",
        "name.",
        ".givenName",
        "1stName",
        "na$me",
        "emails[type eq \"work\"]",
        "foo:userName",
        ":userName",
        "urn:ietf:params:scim:schemas:core:2.0:User:",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0",
      })
  void rejectsBadAttributeNames(String parameter) {
    ScimException e =
        assertThrows(ScimException.class, () -> AttributeProjection.parseList(parameter));
    assertEquals(400, e.status());
    assertEquals(Optional.empty(), e.scimType());
  }
}
