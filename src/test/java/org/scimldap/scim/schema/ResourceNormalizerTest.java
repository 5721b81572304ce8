package org.scimldap.scim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.scimldap.scim.schema.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;
import org.scimldap.scim.path.AttributePath;

class ResourceNormalizerTest {

  /** {@code $ENT} and {@code $CORE} in a row stand for the enterprise and core User URNs. */
  private static JsonNode fixture(String text) {
    return json(
        text.replace("$ENT", CoreSchemas.ENTERPRISE_USER_URN)
            .replace("$CORE", CoreSchemas.USER_URN));
  }

  private static ResourceSchema schemaNamed(String name) {
    return switch (name) {
      case "User" -> CoreSchemas.userResource();
      case "Group" -> CoreSchemas.groupResource();
      default -> TestJson.thing();
    };
  }

  static Stream<Arguments> normalizedBodies() {
    return Stream.of(
        // names take the schema's case (RFC 7643 §2.1)
        arguments(
            "User",
            "{'USERNAME': 'bjensen', 'displayname': 'Babs'}",
            "{'userName': 'bjensen', 'displayName': 'Babs'}"),
        arguments(
            "User",
            "{'Name': {'GIVENNAME': 'Barbara', 'familyname': 'Jensen'}}",
            "{'name': {'givenName': 'Barbara', 'familyName': 'Jensen'}}"),
        arguments(
            "User",
            "{'EMAILS': [{'VALUE': 'b@x.org', 'Type': 'work', 'PRIMARY': true}]}",
            "{'emails': [{'value': 'b@x.org', 'type': 'work', 'primary': true}]}"),
        arguments(
            "User",
            "{'x509certificates': [{'value': 'MIIB'}]}",
            "{'x509Certificates': [{'value': 'MIIB'}]}"),
        arguments(
            "Group",
            "{'DISPLAYNAME': 'admins', 'Members': [{'VALUE': 'u1', '$REF': 'https://h/Users/u1',"
                + " 'TYPE': 'User'}]}",
            "{'displayName': 'admins', 'members': [{'value': 'u1', '$ref': 'https://h/Users/u1',"
                + " 'type': 'User'}]}"),
        // extension objects: any case of the URN, names inside canonicalized
        arguments(
            "User",
            "{'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER': {'DEPARTMENT': 'R&D',"
                + " 'Manager': {'VALUE': 'm1'}}}",
            "{'$ENT': {'department': 'R&D', 'manager': {'value': 'm1'}}}"),
        // URN-qualified attributes folded to their place (RFC 7644 §3.10)
        arguments("User", "{'$CORE:userName': 'bjensen'}", "{'userName': 'bjensen'}"),
        arguments(
            "User",
            "{'urn:ietf:params:scim:schemas:core:2.0:user:USERNAME': 'bjensen'}",
            "{'userName': 'bjensen'}"),
        arguments("User", "{'$ENT:department': 'R&D'}", "{'$ENT': {'department': 'R&D'}}"),
        arguments(
            "User",
            "{'$ENT': {'costCenter': '4130'}, '$ENT:Department': 'R&D'}",
            "{'$ENT': {'costCenter': '4130', 'department': 'R&D'}}"),
        arguments(
            "User",
            "{'$ENT:manager': {'value': 'm1'}, 'userName': 'b'}",
            "{'$ENT': {'manager': {'value': 'm1'}}, 'userName': 'b'}"),
        arguments(
            "User",
            "{'name': {'familyName': 'Jensen'}, '$CORE:name.givenName': 'Barbara'}",
            "{'name': {'familyName': 'Jensen', 'givenName': 'Barbara'}}"),
        arguments("User", "{'$ENT:manager.value': 'm1'}", "{'$ENT': {'manager': {'value': 'm1'}}}"),
        arguments("User", "{'$CORE': {'userName': 'bjensen'}}", "{'userName': 'bjensen'}"),
        // schemas kept as sent
        arguments(
            "User",
            "{'Schemas': ['urn:foo', 'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER'], 'userName':"
                + " 'b'}",
            "{'schemas': ['urn:foo', 'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER'], 'userName':"
                + " 'b'}"),
        // booleans and numbers sent as strings
        arguments("User", "{'active': 'True'}", "{'active': true}"),
        arguments("User", "{'active': 'FALSE'}", "{'active': false}"),
        arguments("User", "{'active': ' true '}", "{'active': true}"),
        arguments("User", "{'active': false}", "{'active': false}"),
        arguments(
            "User",
            "{'emails': [{'value': 'b@x.org', 'primary': 'true'}]}",
            "{'emails': [{'value': 'b@x.org', 'primary': true}]}"),
        arguments("Thing", "{'count': '42'}", "{'count': 42}"),
        arguments("Thing", "{'count': ' -7 '}", "{'count': -7}"),
        arguments("Thing", "{'count': '12345678901'}", "{'count': 12345678901}"),
        arguments("Thing", "{'count': 5.0}", "{'count': 5}"),
        arguments("Thing", "{'count': 9}", "{'count': 9}"),
        arguments("Thing", "{'ratio': '1.5'}", "{'ratio': 1.5}"),
        arguments("Thing", "{'ratio': 2}", "{'ratio': 2}"),
        arguments("Thing", "{'ratio': 0.25}", "{'ratio': 0.25}"),
        arguments(
            "Thing", "{'since': '2015-09-01T12:00:00Z'}", "{'since': '2015-09-01T12:00:00Z'}"),
        arguments(
            "Thing",
            "{'since': '2015-09-01T12:00:00.5+02:00'}",
            "{'since': '2015-09-01T12:00:00.5+02:00'}"),
        // single values in arrays, multiple values without one
        arguments("User", "{'userName': ['bjensen']}", "{'userName': 'bjensen'}"),
        arguments(
            "User", "{'name': [{'givenName': 'Barbara'}]}", "{'name': {'givenName': 'Barbara'}}"),
        arguments("User", "{'emails': {'value': 'b@x.org'}}", "{'emails': [{'value': 'b@x.org'}]}"),
        arguments("Thing", "{'tags': 'solo'}", "{'tags': ['solo']}"),
        arguments("Group", "{'members': {'value': 'u1'}}", "{'members': [{'value': 'u1'}]}"),
        // unknown attributes, sub-attributes and extensions dropped
        arguments("User", "{'userName': 'b', 'favouriteColour': 'blue'}", "{'userName': 'b'}"),
        arguments(
            "User",
            "{'name': {'givenName': 'B', 'nickname': 'x'}}",
            "{'name': {'givenName': 'B'}}"),
        arguments(
            "User",
            "{'emails': [{'value': 'b@x.org', 'label': 'x'}]}",
            "{'emails': [{'value': 'b@x.org'}]}"),
        arguments(
            "User",
            "{'$ENT': {'department': 'R&D', 'floor': 3}}",
            "{'$ENT': {'department': 'R&D'}}"),
        arguments(
            "User",
            "{'urn:example:ext:Badge': {'number': 7}, 'userName': 'b'}",
            "{'userName': 'b'}"),
        arguments(
            "User", "{'urn:example:ext:Badge:number': 7, 'userName': 'b'}", "{'userName': 'b'}"),
        arguments("User", "{'$ENT:floor': 3}", "{}"),
        arguments("User", "{'$CORE:emails.value': 'b@x.org'}", "{}"),
        arguments("User", "{'department': 'R&D'}", "{}"),
        arguments(
            "Group", "{'displayName': 'g', '$ENT': {'department': 'R&D'}}", "{'displayName': 'g'}"),
        // read-only attributes ignored (RFC 7644 §3.5.1)
        arguments(
            "User",
            "{'id': '2819c223', 'meta': {'resourceType': 'User'}, 'userName': 'b'}",
            "{'userName': 'b'}"),
        arguments("User", "{'groups': [{'value': 'g1'}], 'userName': 'b'}", "{'userName': 'b'}"),
        arguments(
            "User",
            "{'$ENT': {'manager': {'value': 'm1', 'displayName': 'Boss'}}}",
            "{'$ENT': {'manager': {'value': 'm1'}}}"),
        arguments("User", "{'$ENT': {'manager': {'displayName': 'Boss'}}}", "{}"),
        arguments("Group", "{'ID': 'x', 'displayName': 'g'}", "{'displayName': 'g'}"),
        arguments("User", "{'password': 't1meMa$heen'}", "{'password': 't1meMa$heen'}"),
        // null, empty arrays and empty complex values are unassigned (RFC 7643 §2.5)
        arguments("User", "{'displayName': null, 'userName': 'b'}", "{'userName': 'b'}"),
        arguments(
            "User",
            "{'name': {'givenName': null, 'familyName': 'J'}}",
            "{'name': {'familyName': 'J'}}"),
        arguments(
            "User",
            "{'emails': [null, {'value': 'b@x.org'}]}",
            "{'emails': [{'value': 'b@x.org'}]}"),
        arguments("User", "{'name': {}, 'emails': [], 'nickName': []}", "{}"),
        arguments("User", "{'emails': [{'type': null}]}", "{}"),
        arguments("User", "{'schemas': null}", "{}"),
        arguments("User", "{}", "{}"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("normalizedBodies")
  void normalizesBody(String resourceType, String body, String expected) {
    JsonNode input = fixture(body);
    JsonNode before = input.deepCopy();
    assertEquals(fixture(expected), ResourceNormalizer.normalize(input, schemaNamed(resourceType)));
    assertEquals(before, input, "the input is left untouched");
  }

  static Stream<Arguments> rejectedBodies() {
    return Stream.of(
        arguments(
            "User", "{'active': 'maybe'}", "attribute 'active' must be a boolean, got \"maybe\""),
        arguments("User", "{'active': 1}", "attribute 'active' must be a boolean, got 1"),
        arguments(
            "User",
            "{'userName': {'first': 'b'}}",
            "attribute 'userName' must be a string, got an object"),
        arguments(
            "User",
            "{'userName': ['a', 'b']}",
            "attribute 'userName' is single-valued, got 2 values"),
        arguments(
            "User", "{'userName': [['a']]}", "attribute 'userName' must be a string, got an array"),
        arguments(
            "User",
            "{'name': 'Barbara Jensen'}",
            "attribute 'name' must be a JSON object, got \"Barbara Jensen\""),
        arguments(
            "User",
            "{'emails': ['b@x.org']}",
            "attribute 'emails' must be a JSON object, got \"b@x.org\""),
        arguments(
            "User",
            "{'emails': [{'value': 'b@x.org', 'primary': 'yes'}]}",
            "attribute 'emails.primary' must be a boolean, got \"yes\""),
        arguments(
            "User",
            "{'name': {'givenName': {'x': 1}}}",
            "attribute 'name.givenName' must be a string, got an object"),
        arguments(
            "User",
            "{'$ENT': {'manager': 'm1'}}",
            "attribute '$ENT:manager' must be a JSON object, got \"m1\""),
        arguments(
            "User",
            "{'$ENT:department': ['a', 'b']}",
            "attribute '$ENT:department' is single-valued, got 2 values"),
        arguments("User", "{'$ENT': 'R&D'}", "extension '$ENT' must be a JSON object, got \"R&D\""),
        arguments("Thing", "{'count': '4.5'}", "attribute 'count' must be an integer, got \"4.5\""),
        arguments(
            "Thing", "{'count': 'many'}", "attribute 'count' must be an integer, got \"many\""),
        arguments("Thing", "{'count': true}", "attribute 'count' must be an integer, got true"),
        arguments("Thing", "{'ratio': 'NaN'}", "attribute 'ratio' must be a decimal, got \"NaN\""),
        arguments(
            "Thing", "{'ratio': '1e999'}", "attribute 'ratio' must be a decimal, got \"1e999\""),
        arguments(
            "Thing",
            "{'since': 'yesterday'}",
            "attribute 'since' must be a dateTime such as 2015-09-01T12:00:00Z, got \"yesterday\""),
        arguments(
            "Thing",
            "{'since': 1441108800}",
            "attribute 'since' must be a dateTime string, got 1441108800"),
        arguments(
            "Thing", "{'tags': [{'a': 1}]}", "attribute 'tags' must be a string, got an object"),
        // no identity provider sends a number or a boolean for a string: the client is wrong
        arguments(
            "User", "{'userName': 12345}", "attribute 'userName' must be a string, got 12345"),
        arguments("User", "{'userType': true}", "attribute 'userType' must be a string, got true"),
        arguments(
            "User",
            "{'phoneNumbers': [{'value': 5551234}]}",
            "attribute 'phoneNumbers.value' must be a string, got 5551234"),
        arguments(
            "User",
            "{'$ENT': {'employeeNumber': 42}}",
            "attribute '$ENT:employeeNumber' must be a string, got 42"),
        arguments("Thing", "{'tags': ['x', 1]}", "attribute 'tags' must be a string, got 1"),
        arguments(
            "User",
            "{'profileUrl': false}",
            "attribute 'profileUrl' must be a reference string, got false"),
        arguments(
            "User",
            "{'emails': 'SomeIllegalValue'}",
            "attribute 'emails' must be a JSON object, got \"SomeIllegalValue\""));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("rejectedBodies")
  void rejectsValuesThatCannotBeCoerced(String resourceType, String body, String message) {
    ScimException e =
        assertThrows(
            ScimException.class,
            () -> ResourceNormalizer.normalize(fixture(body), schemaNamed(resourceType)));
    assertEquals(400, e.status());
    assertEquals(Optional.of(ScimType.INVALID_VALUE), e.scimType());
    assertEquals(message.replace("$ENT", CoreSchemas.ENTERPRISE_USER_URN), e.detail());
  }

  @Test
  void aBodyThatIsNotAnObjectIsInvalidSyntax() {
    ScimException e =
        assertThrows(
            ScimException.class,
            () -> ResourceNormalizer.normalize(json("['userName']"), CoreSchemas.userResource()));
    assertEquals(Optional.of(ScimType.INVALID_SYNTAX), e.scimType());
  }

  static Stream<Arguments> normalizedValues() {
    return Stream.of(
        arguments(AttributePath.of("emails"), "{'VALUE': 'b@x.org'}", "[{'value': 'b@x.org'}]"),
        arguments(
            AttributePath.of("Emails"),
            "[{'value': 'a'}, {'value': 'b'}]",
            "[{'value': 'a'}, {'value': 'b'}]"),
        arguments(AttributePath.of("name", "GivenName"), "['Barbara']", "'Barbara'"),
        arguments(AttributePath.of("active"), "'false'", "false"),
        arguments(AttributePath.of("emails", "primary"), "'TRUE'", "true"),
        arguments(
            AttributePath.of("manager"),
            "{'value': 'm1', 'displayName': 'Boss'}",
            "{'value': 'm1'}"),
        arguments(
            new AttributePath(CoreSchemas.ENTERPRISE_USER_URN, "department", null), "'7'", "'7'"),
        arguments(AttributePath.of("manager"), "{'displayName': 'Boss'}", null),
        arguments(AttributePath.of("displayName"), "null", null));
  }

  @ParameterizedTest(name = "[{index}] {0} = {1}")
  @MethodSource("normalizedValues")
  void normalizesPatchValues(AttributePath path, String value, String expected) {
    assertEquals(
        Optional.ofNullable(expected).map(TestJson::json),
        ResourceNormalizer.normalizeValue(json(value), CoreSchemas.userResource(), path));
  }

  @Test
  void patchValueForUnknownPathIsInvalidPath() {
    ScimException e =
        assertThrows(
            ScimException.class,
            () ->
                ResourceNormalizer.normalizeValue(
                    json("'x'"), CoreSchemas.userResource(), AttributePath.of("name", "nick")));
    assertEquals(Optional.of(ScimType.INVALID_PATH), e.scimType());
    assertEquals("unknown attribute 'name.nick'", e.detail());
  }
}
