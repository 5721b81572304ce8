package org.scimldap.scim.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;
import org.scimldap.scim.filter.ScimFilter.And;
import org.scimldap.scim.filter.ScimFilter.Compare;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.path.ScimPath;

class PathParserTest {
  private static final String ENTERPRISE = TestSchemas.ENTERPRISE_URN;

  static Stream<Arguments> validPaths() {
    return Stream.of(
        arguments("userName", ScimPath.of(AttributePath.of("userName"))),
        arguments("  userName\t", ScimPath.of(AttributePath.of("userName"))),
        arguments("name.givenName", ScimPath.of(AttributePath.of("name", "givenName"))),
        arguments(
            "emails[type eq \"work\"].value",
            new ScimPath(AttributePath.of("emails"), typeEq("work"), "value")),
        arguments(
            "members[value eq \"2819c223\"]",
            new ScimPath(
                AttributePath.of("members"),
                new Compare(
                    AttributePath.of("value"), CompareOperator.EQ, TextNode.valueOf("2819c223")),
                null)),
        arguments(
            "addresses[type eq \"work\"].formatted",
            new ScimPath(AttributePath.of("addresses"), typeEq("work"), "formatted")),
        arguments(
            "emails[type eq \"work\" and primary eq true].display",
            new ScimPath(
                AttributePath.of("emails"),
                new And(
                    typeEq("work"),
                    new Compare(AttributePath.of("primary"), CompareOperator.EQ, BooleanNode.TRUE)),
                "display")),
        arguments(
            ENTERPRISE + ":manager", ScimPath.of(new AttributePath(ENTERPRISE, "manager", null))),
        arguments(
            ENTERPRISE + ":manager.value",
            ScimPath.of(new AttributePath(ENTERPRISE, "manager", "value"))),
        arguments(
            ENTERPRISE,
            ScimPath.of(
                new AttributePath(
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User", null))),
        arguments(
            TestSchemas.CORE_URN + ":emails[type eq \"work\"].value",
            new ScimPath(
                new AttributePath(TestSchemas.CORE_URN, "emails", null), typeEq("work"), "value")),
        arguments(
            "members[$ref co \"/Groups/\"].$ref",
            new ScimPath(
                AttributePath.of("members"),
                new Compare(
                    AttributePath.of("$ref"), CompareOperator.CO, TextNode.valueOf("/Groups/")),
                "$ref")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("validPaths")
  void parsesToExpectedPath(String path, ScimPath expected) {
    assertEquals(expected, PathParser.parse(path));
  }

  static Stream<Arguments> invalidPaths() {
    return Stream.of(
        arguments("", "Empty path: expected an attribute path at position 0"),
        arguments("  ", "Empty path"),
        arguments(
            "\"userName\"",
            "Expected an attribute path but found '\"userName\"'" + " at position 0"),
        arguments("9lives", "Attribute name '9lives' must start with a letter"),
        arguments(
            "userName eq \"x\"",
            "Expected '[' or the end of the path after 'userName'"
                + " but found 'eq' at position 9"),
        arguments("emails[type eq \"work\"", "'[' at position 6 is not closed"),
        arguments(
            "emails[]",
            "Expected an attribute path, 'not' or '(' after '['" + " but found ']' at position 7"),
        arguments("emails[type xx \"work\"]", "Unknown operator 'xx' after 'type' at position 12"),
        arguments("emails[type[value pr]]", "Value paths cannot be nested"),
        arguments(
            "emails[type eq \"work\"].value.display",
            "Invalid character '.'" + " in attribute path '.value.display' at position 28"),
        arguments(
            "emails[type eq \"work\"]value",
            "Expected '.' and a sub-attribute after ']'" + " but found 'value' at position 22"),
        arguments("emails[type eq \"work\"].", "Missing attribute name in '.' at position 23"),
        arguments(
            "emails[type eq \"work\"] .value",
            "Expected '.' and a sub-attribute or the end"
                + " of the path after ']' but found '.value' at position 23"),
        arguments("emails[type eq \"work\"][value pr]", "but found '[' at position 22"),
        arguments(
            "emails[type eq \"work\"].value[x pr]",
            "Expected the end of the path" + " after '.value' but found '[' at position 28"),
        arguments("name.givenName[value pr]", "A value filter cannot follow the sub-attribute"),
        arguments("emails[type eq 'work']", "Single quotes are not allowed"),
        arguments("foo:bar", "Invalid schema URN 'foo'"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidPaths")
  void rejectsWithInvalidPathAndPosition(String path, String expectedDetail) {
    ScimException e = assertThrows(ScimException.class, () -> PathParser.parse(path));
    assertEquals(400, e.status());
    assertEquals(ScimType.INVALID_PATH, e.scimType().orElseThrow());
    assertTrue(e.detail().contains(expectedDetail), () -> "detail was: " + e.detail());
    assertTrue(e.detail().matches("(?s).*at position \\d+.*"), () -> "no position: " + e.detail());
  }

  private static Compare typeEq(String type) {
    return new Compare(AttributePath.of("type"), CompareOperator.EQ, TextNode.valueOf(type));
  }
}
