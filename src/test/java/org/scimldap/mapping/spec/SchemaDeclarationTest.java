package org.scimldap.mapping.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.AttributeType;
import org.scimldap.scim.schema.Mutability;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.Returned;
import org.scimldap.scim.schema.ScimSchema;
import org.scimldap.scim.schema.Uniqueness;

/** Extension schemas declared in a mapping file: what loads, and every way one can be wrong. */
class SchemaDeclarationTest {
  private static final String ACME = "urn:example:params:scim:schemas:extension:acme:2.0:User";

  /**
   * A declaration of {@code attributes} (lines under {@code attributes:}), used by the User type.
   */
  private static String mapping(String attributes) {
    return """
        version: 1
        schemas:
          - id: urn:example:params:scim:schemas:extension:acme:2.0:User
            name: AcmeUser
            attributes:
        %s
        resourceTypes:
          User:
            extensions: [urn:example:params:scim:schemas:extension:acme:2.0:User]
            objectClasses: [top, person, organizationalPerson, inetOrgPerson]
            container: "ou=people,{baseDn}"
            rdn: "uid={userName}"
            attributes:
              - scim: userName
                ldap: uid
        """
        .formatted(attributes.stripTrailing());
  }

  private static List<String> problems(String text) {
    return MappingLoader.check("t.yaml", text, Map.of()).problems().stream()
        .map(MappingProblem::toString)
        .toList();
  }

  @Test
  void aDeclarationGivesEveryCharacteristicItsValueOrTheDefault() {
    String text =
        mapping(
                """
                  - name: badgeNumber
                    required: true
                    caseExact: true
                    uniqueness: server
                    mutability: immutable
                    returned: always
                    description: Printed on the badge
                  - name: floor
                    type: integer
                  - name: badges
                    type: complex
                    multiValued: true
                    subAttributes:
                      - {name: value}
                      - {name: issued, type: dateTime}
                      - {name: $ref, type: reference, referenceTypes: [external]}
                """
                    .indent(2))
            .replace(
                "      - scim: userName\n",
                "      - scim: "
                    + ACME
                    + ":floor\n        ldap: roomNumber\n"
                    + "      - scim: userName\n");
    MappingSpec spec = MappingLoader.check("t.yaml", text, Map.of()).orElseThrow();
    ResourceSchema users = spec.byName("User").orElseThrow().schema();
    ScimSchema acme = users.schema(ACME).orElseThrow();
    assertEquals("AcmeUser", acme.name());
    AttributeDefinition badge = acme.attribute("badgeNumber").orElseThrow();
    assertEquals(AttributeType.STRING, badge.type());
    assertTrue(badge.required() && badge.caseExact() && !badge.multiValued());
    assertEquals(Uniqueness.SERVER, badge.uniqueness());
    assertEquals(Mutability.IMMUTABLE, badge.mutability());
    assertEquals(Returned.ALWAYS, badge.returned());
    assertEquals("Printed on the badge", badge.description());
    AttributeDefinition floor = acme.attribute("FLOOR").orElseThrow();
    assertEquals(AttributeType.INTEGER, floor.type());
    assertEquals(Mutability.READ_WRITE, floor.mutability());
    assertEquals(Returned.DEFAULT, floor.returned());
    assertEquals(Uniqueness.NONE, floor.uniqueness());
    AttributeDefinition badges = acme.attribute("badges").orElseThrow();
    assertTrue(badges.isComplex() && badges.multiValued());
    assertEquals(AttributeType.DATE_TIME, badges.subAttribute("issued").orElseThrow().type());
    assertEquals(List.of("external"), badges.subAttribute("$ref").orElseThrow().referenceTypes());
    assertFalse(users.requires(ACME));
  }

  @Test
  void anExtensionIsDeclaredInPlaceAndMadeRequired() {
    String text =
        """
        version: 1
        resourceTypes:
          User:
            extensions:
              - urn:ietf:params:scim:schemas:extension:enterprise:2.0:User
              - schema: urn:example:params:scim:schemas:extension:acme:2.0:User
                required: true
                attributes:
                  - name: badgeNumber
            objectClasses: [top, person, organizationalPerson, inetOrgPerson]
            container: "ou=people,{baseDn}"
            rdn: "uid={userName}"
            attributes:
              - scim: userName
                ldap: uid
              - scim: urn:example:params:scim:schemas:extension:acme:2.0:User:badgeNumber
                ldap: employeeNumber
        """;
    ResourceSchema users =
        MappingLoader.check("t.yaml", text, Map.of())
            .orElseThrow()
            .byName("User")
            .orElseThrow()
            .schema();
    assertEquals(2, users.extensions().size());
    assertTrue(users.requires(ACME));
    assertFalse(users.requires("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));
  }

  static Stream<Arguments> badDeclarations() {
    return Stream.of(
        Arguments.of(
            "    - name: floor\n      type: int\n",
            "t.yaml:7:13: unknown attribute type 'int'; expected one of [string, boolean, decimal, integer, dateTime, binary, reference, complex]"),
        Arguments.of("    - name: 2fa\n", "t.yaml:6:13: '2fa' is not an attribute name"),
        Arguments.of("    - name: a b\n", "t.yaml:6:13: 'a b' is not an attribute name"),
        Arguments.of(
            "    - name: floor\n    - name: Floor\n",
            "t.yaml:7:13: attribute 'Floor' is already declared at t.yaml:6:7 (names compare"
                + " ignoring case)"),
        Arguments.of(
            "    - name: floor\n      multiValued: maybe\n",
            "t.yaml:7:20: expected true or false, got 'maybe'"),
        Arguments.of(
            "    - name: floor\n      mutability: readonly\n",
            "t.yaml:7:19: mutability is one of [readOnly, readWrite, immutable, writeOnly], got"
                + " 'readonly'"),
        Arguments.of(
            "    - name: floor\n      returned: sometimes\n",
            "t.yaml:7:17: returned is one of [always, never, default, request], got 'sometimes'"),
        Arguments.of(
            "    - name: floor\n      uniqueness: local\n",
            "t.yaml:7:19: uniqueness is one of [none, server, global], got 'local'"),
        Arguments.of("    - name: floor\n      sort: true\n", "t.yaml:7:7: unknown key 'sort'"),
        Arguments.of(
            "    - name: badges\n      type: complex\n",
            "t.yaml:6:7: a complex attribute needs subAttributes"),
        Arguments.of(
            "    - name: floor\n      subAttributes: [{name: x}]\n",
            "t.yaml:7:22: only a complex attribute has subAttributes; this one is string"),
        Arguments.of(
            "    - name: badges\n      type: complex\n      subAttributes:\n"
                + "        - {name: inner, type: complex, subAttributes: [{name: x}]}\n",
            "t.yaml:9:31: a sub-attribute cannot be complex"),
        Arguments.of(
            "    - name: badges\n      type: complex\n      subAttributes:\n"
                + "        - {name: value}\n        - {name: VALUE}\n",
            "t.yaml:10:18: sub-attribute 'VALUE' is already declared at t.yaml:9:11"),
        Arguments.of(
            "    - name: floor\n      referenceTypes: [User]\n",
            "t.yaml:7:23: only a reference attribute has referenceTypes"),
        Arguments.of(
            "    - name: floor\n      canonicalValues: {a: b}\n",
            "t.yaml:7:24: expected a list here"),
        Arguments.of("      []\n", "t.yaml:6:7: a schema needs attributes"));
  }

  @ParameterizedTest
  @MethodSource("badDeclarations")
  void everyMistakeInADeclarationIsNamedWithItsPlace(String attributes, String expected) {
    List<String> problems = problems(mapping(attributes));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(expected), problems.get(0));
  }

  @Test
  void aBadUrnAReusedUrnAndAnUnknownExtensionAreAllReported() {
    String text =
        """
        version: 1
        schemas:
          - id: example:acme:User
            attributes: [{name: a}]
          - id: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User
            attributes: [{name: a}]
          - id: urn:example:acme:User
            attributes: [{name: a}]
          - id: urn:example:acme:user
            attributes: [{name: a}]
          - id: urn:example:acme:(User)
            attributes: [{name: a}]
          - id: urn:example:bare
        resourceTypes:
          User:
            extensions: [urn:example:acme:User, urn:example:acme:Usr, urn:example:acme:user]
            objectClasses: [top, person, organizationalPerson, inetOrgPerson]
            container: "ou=people,{baseDn}"
            rdn: "uid={userName}"
            attributes:
              - scim: userName
                ldap: uid
        """;
    List<String> problems = problems(text);
    assertEquals(7, problems.size(), String.join("\n", problems));
    assertTrue(problems.get(0).startsWith("t.yaml:3:9: 'example:acme:User' is not a schema URN"));
    assertEquals(
        "t.yaml:5:9: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User' is a schema the"
            + " gateway has built in; list it, do not declare it",
        problems.get(1));
    assertEquals(
        "t.yaml:9:9: schema 'urn:example:acme:user' is already declared at t.yaml:7:9",
        problems.get(2));
    assertTrue(problems.get(3).startsWith("t.yaml:11:9: 'urn:example:acme:(User)' is not a"));
    assertEquals("t.yaml:13:5: missing required key 'attributes'", problems.get(4));
    assertTrue(
        problems.get(5).startsWith("t.yaml:16:41: unknown schema extension 'urn:example:acme:Usr'"),
        problems.get(5));
    assertEquals(
        "t.yaml:16:63: schema extension 'urn:example:acme:User' is listed twice", problems.get(6));
  }

  @Test
  void aTypeUsingABrokenDeclarationIsNotCheckedFurther() {
    String text =
        mapping("    - name: floor\n      type: int\n")
            .replace(
                "      - scim: userName\n",
                "      - scim: "
                    + ACME
                    + ":floor\n        ldap: roomNumber\n"
                    + "      - scim: userName\n");
    assertEquals(1, problems(text).size(), problems(text).toString());
  }

  @Test
  void aDeclaredSchemaIsNoCoreSchema() {
    String text =
        mapping("    - name: floor\n").replace("  User:\n", "  User:\n    schema: " + ACME + "\n");
    assertEquals(
        List.of(
            "t.yaml:9:13: '"
                + ACME
                + "' is declared as an extension schema; list it under 'extensions'"),
        problems(text));
  }
}
