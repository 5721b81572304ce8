package org.scimldap.mapping.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.config.ConfigException;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.scim.ScimException;

/** Placement as DNs: where a new resource goes, and when a write moves its entry. */
class ContainersTest {
  private static final String BASE = "dc=example,dc=com";
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String mapping(String container) {
    return """
        version: 1
        resourceTypes:
          User:
            extensions: [urn:ietf:params:scim:schemas:extension:enterprise:2.0:User]
            objectClasses: [top, person, organizationalPerson, inetOrgPerson]
            rdn: "uid={userName}"
        """
        + container.indent(4)
        + """
            attributes:
              - {scim: userName, ldap: uid}
              - {scim: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", ldap: departmentNumber}
        """
            .indent(0);
  }

  private static final String RULE =
      """
      container:
        by: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department
        values: {Sales: "ou=Sales,ou=people,{baseDn}", Engineering: "ou=Engineering,ou=people,{baseDn}"}
      """;

  private static final Containers BY_DEPARTMENT =
      containers(
          RULE + "  default: \"ou=people,{baseDn}\"\ndelete: {moveTo: \"ou=leavers,{baseDn}\"}\n",
          null);

  private static Containers containers(String container, String override) {
    ResourceMapping users =
        MappingLoader.parse("t.yaml", mapping(container)).byName("User").orElseThrow();
    return Containers.resolve(users, BASE, override);
  }

  private static ObjectNode user(String department) {
    ObjectNode user = JSON.createObjectNode().put("userName", "jdoe");
    if (department != null) {
      user.putObject(ENTERPRISE).put("department", department);
    }
    return user;
  }

  private static DN dn(String dn) {
    try {
      return new DN(dn);
    } catch (LDAPException e) {
      throw new IllegalArgumentException(dn, e);
    }
  }

  static Stream<Arguments> newResources() {
    return Stream.of(
        Arguments.of("Sales", "ou=Sales,ou=people," + BASE),
        Arguments.of("engineering", "ou=Engineering,ou=people," + BASE),
        Arguments.of("Marketing", "ou=people," + BASE),
        Arguments.of("  ", "ou=people," + BASE),
        Arguments.of(null, "ou=people," + BASE));
  }

  @ParameterizedTest
  @MethodSource("newResources")
  void aNewResourceGoesWhereItsValueSays(String department, String container) {
    assertEquals(dn(container), BY_DEPARTMENT.forNew(user(department)));
  }

  static Stream<Arguments> writes() {
    String sales = "ou=Sales,ou=people," + BASE;
    String engineering = "ou=Engineering,ou=people," + BASE;
    String people = "ou=people," + BASE;
    return Stream.of(
        Arguments.of("Sales", "Engineering", sales, Optional.of(engineering)),
        Arguments.of("Sales", "SALES", sales, Optional.empty()),
        Arguments.of("Sales", "Sales", sales, Optional.empty()),
        Arguments.of("Sales", null, sales, Optional.of(people)),
        Arguments.of("Sales", "Marketing", sales, Optional.of(people)),
        Arguments.of("Marketing", "Finance", people, Optional.empty()),
        // An entry someone put elsewhere stays there until its placement changes.
        Arguments.of("Sales", "Sales", "ou=elsewhere," + BASE, Optional.empty()),
        Arguments.of("Sales", "Engineering", "ou=elsewhere," + BASE, Optional.of(engineering)),
        Arguments.of("Marketing", "Engineering", engineering, Optional.empty()));
  }

  @ParameterizedTest
  @MethodSource("writes")
  void aWriteMovesTheEntryOnlyWhenItsPlacementChanges(
      String before, String after, String parent, Optional<String> moveTo) {
    assertEquals(
        moveTo.map(ContainersTest::dn),
        BY_DEPARTMENT.moveTo(user(before), user(after), dn(parent)));
  }

  @Test
  void withoutDefaultAValueTheRuleDoesNotListIsInvalid() {
    Containers strict = containers(RULE, null);
    ScimException e = assertThrows(ScimException.class, () -> strict.forNew(user("Marketing")));
    assertEquals(400, e.status());
    assertEquals(
        "The mapping places a User by '"
            + ENTERPRISE
            + ":department' only when it is one of 'Sales', 'Engineering', not 'Marketing'",
        e.detail());
    assertThrows(
        ScimException.class,
        () -> strict.moveTo(user("Sales"), user(null), dn("ou=Sales,ou=people," + BASE)));
    assertEquals(dn("ou=people," + BASE), strict.searchBase());
  }

  @Test
  void theContainersTheSearchBaseAndTheLeaversResolveUnderTheBaseDn() {
    assertEquals(
        List.of(
            dn("ou=Sales,ou=people," + BASE),
            dn("ou=Engineering,ou=people," + BASE),
            dn("ou=people," + BASE)),
        BY_DEPARTMENT.all().stream().map(Containers.Container::dn).toList());
    assertEquals("Sales", BY_DEPARTMENT.all().get(0).value());
    assertTrue(BY_DEPARTMENT.all().get(0).origin().startsWith("t.yaml:"));
    assertEquals(dn("ou=people," + BASE), BY_DEPARTMENT.searchBase());
    assertEquals(Optional.of(dn("ou=leavers," + BASE)), BY_DEPARTMENT.leavers());
  }

  @Test
  void aConfiguredContainerReplacesTheRule() {
    Containers overridden = containers(RULE, "ou=staff," + BASE);
    assertEquals(dn("ou=staff," + BASE), overridden.forNew(user("Sales")));
    assertEquals(dn("ou=staff," + BASE), overridden.searchBase());
    assertEquals(
        Optional.empty(),
        overridden.moveTo(user("Sales"), user("Engineering"), dn("ou=staff," + BASE)));
    assertEquals("", overridden.all().get(0).origin());
  }

  @Test
  void whatTheFileCouldNotCheckIsCheckedOnceTheBaseDnIsKnown() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                containers("container: \"ou=people,dc=other\"\nsearchBase: \"{baseDn}\"\n", null));
    assertTrue(
        e.getMessage()
            .startsWith(
                "t.yaml:7:16: the container 'ou=people,dc=other' of User is outside its search"
                    + " base 'dc=example,dc=com'"),
        e.getMessage());
  }
}
