package org.scimldap.mapping.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code container} rule, the {@code searchBase} that must cover it, and the {@code delete}
 * policy, as the loader reads them: what a sound file becomes, and every problem at its place.
 */
class PlacementLoaderTest {
  private static final String DEPARTMENT =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department";

  /** A User type whose container, searchBase and delete lines are {@code placement}. */
  private static String user(String placement) {
    return """
        version: 1
        resourceTypes:
          User:
            extensions: [urn:ietf:params:scim:schemas:extension:enterprise:2.0:User]
            objectClasses: [top, person, organizationalPerson, inetOrgPerson]
            rdn: "uid={userName}"
        """
        + placement.indent(4)
        + """
            attributes:
              - scim: userName
                ldap: uid
              - scim: active
                ldap: pwdAccountLockedTime
                transform: {presentWhenFalse: "000001010000Z"}
        """
            .indent(0);
  }

  private static final String RULE =
      """
      container:
        by: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department
        values: {Sales: "ou=Sales,ou=people,{baseDn}", Engineering: "ou=Engineering,ou=people,{baseDn}"}
        default: "ou=people,{baseDn}"
      """;

  @Test
  void aRuleListsItsContainersAndDerivesTheirCommonAncestorAsSearchBase() {
    ResourceMapping users = load(user(RULE));
    Placement placement = users.placement();
    assertEquals(DEPARTMENT, placement.rule().orElseThrow().toString());
    assertEquals(
        List.of(
            "ou=Sales,ou=people,{baseDn}",
            "ou=Engineering,ou=people,{baseDn}",
            "ou=people,{baseDn}"),
        placement.templates());
    assertEquals("t.yaml:9:23", placement.targets().get(0).origin());
    assertEquals("t.yaml:10:16", placement.fallback().orElseThrow().origin());
    assertEquals(
        "ou=Engineering,ou=people,{baseDn}", placement.targetFor("ENGINEERING").get().template());
    assertEquals("ou=people,{baseDn}", placement.targetFor("Marketing").get().template());
    assertEquals("ou=people,{baseDn}", placement.targetFor(null).get().template());
    assertEquals("ou=people,{baseDn}", users.searchBase());
    assertFalse(users.delete().retain());
  }

  @Test
  void thePlainContainerStillWorksAndIsItsOwnSearchBase() {
    ResourceMapping users = load(user("container: \"ou=people,{baseDn}\"\n"));
    assertTrue(users.placement().rule().isEmpty());
    assertEquals("ou=people,{baseDn}", users.searchBase());
    assertEquals("ou=people,{baseDn}", users.placement().targetFor("x").get().template());
  }

  @Test
  void aRuleWithoutDefaultPlacesOnlyTheValuesItLists() {
    ResourceMapping users =
        load(
            user(
                """
                container:
                  by: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department
                  values: {Sales: "ou=Sales,{baseDn}", Engineering: "ou=Engineering,{baseDn}"}
                """));
    assertTrue(users.placement().targetFor("Marketing").isEmpty());
    assertEquals("{baseDn}", users.searchBase(), "the closest entry above both");
  }

  @Test
  void aLeaverPolicyReadsEveryKey() {
    ResourceMapping users =
        load(
            user(
                RULE
                    + """
                    delete:
                      retain: true
                      disable: true
                      moveTo: "ou=leavers,{baseDn}"
                      dropMemberships: true
                    """));
    DeletePolicy delete = users.delete();
    assertTrue(delete.retain() && delete.disable() && delete.dropMemberships());
    assertEquals("ou=leavers,{baseDn}", delete.leavers().orElseThrow());
    assertEquals("t.yaml:12:7", delete.origin());
    assertFalse(load(user(RULE + "delete: remove\n")).delete().retain());
    assertFalse(load(user(RULE + "delete: {retain: false}\n")).delete().retain());
  }

  static Stream<Arguments> badPlacements() {
    return Stream.of(
        Arguments.of(
            "container: {by: department, values: {Sales: \"ou=Sales,{baseDn}\"}, defualt: x}\n",
            "t.yaml:7:71: unknown key 'defualt'; expected one of [by, default, values]",
            "did you mean 'default'?"),
        Arguments.of(
            "container: {values: {Sales: \"ou=Sales,{baseDn}\"}}\n",
            "t.yaml:7:16: missing required key 'by'",
            ""),
        Arguments.of(
            "container: {by: department}\n", "t.yaml:7:16: missing required key 'values'", ""),
        Arguments.of(
            "container: {by: department, values: {}}\n",
            "t.yaml:7:41: values needs at least one 'value: container' pair",
            ""),
        Arguments.of(
            "container: {by: departement, values: {Sales: \"ou=Sales,{baseDn}\"}}\n",
            "t.yaml:7:21: 'departement' is not an attribute of User or its extensions",
            "did you mean 'department'?"),
        Arguments.of(
            "container: {by: name, values: {Sales: \"ou=Sales,{baseDn}\"}}\n",
            "t.yaml:7:21: 'name' is complex; a container is chosen by a simple value",
            "name one of its sub-attributes, e.g. 'name.formatted'"),
        Arguments.of(
            "container: {by: emails.value, values: {a: \"ou=a,{baseDn}\"}}\n",
            "t.yaml:7:21: 'emails.value' may hold several values; a container is chosen by one",
            "select one element, e.g. 'addresses[type eq \"work\"].country'"),
        Arguments.of(
            "container: {by: department, values: {Sales: \"ou=Sales,,\"}}\n",
            "t.yaml:7:49: 'ou=Sales,,' is not a valid DN template",
            ""),
        Arguments.of(
            "container: {by: department, values: {Sales: \"ou=a,{baseDn}\", SALES: \"ou=b,{baseDn}\"}}\n",
            "t.yaml:7:73: the value 'SALES' is listed twice (values compare ignoring case: 'Sales')",
            ""),
        Arguments.of(
            "container: {by: department, values: {a: \"ou=a,dc=x\", b: \"ou=b,dc=y\"}}\n",
            "t.yaml:7:16: the containers have no common entry above them (below the root)",
            "set searchBase to an entry above every container"),
        Arguments.of(
            RULE + "searchBase: \"ou=Sales,ou=people,{baseDn}\"\n",
            "t.yaml:11:17: the search base 'ou=Sales,ou=people,{baseDn}' does not cover the"
                + " container 'ou=Engineering,ou=people,{baseDn}' at t.yaml:9:67",
            "set searchBase to an entry above every container, or leave it out"),
        Arguments.of(
            "container: \"ou=people,{baseDn}\"\nsearchBase: \"ou=groups,{baseDn}\"\n",
            "t.yaml:8:17: the search base 'ou=groups,{baseDn}' does not cover the container"
                + " 'ou=people,{baseDn}' at t.yaml:7:16",
            "set searchBase to an entry above every container, or leave it out"),
        Arguments.of(
            RULE + "delete: purge\n", "t.yaml:11:13: delete is 'remove', or a map with", ""),
        Arguments.of(
            RULE + "delete: {retain: true, disable: true}\n",
            "t.yaml:11:13: a retained entry needs moveTo: a container outside the search base"
                + " 'ou=people,{baseDn}'",
            "e.g. moveTo: \"ou=leavers,{baseDn}\""),
        Arguments.of(
            RULE + "delete: {moveTo: \"ou=old,ou=people,{baseDn}\"}\n",
            "t.yaml:11:22: moveTo 'ou=old,ou=people,{baseDn}' is inside the search base"
                + " 'ou=people,{baseDn}'",
            "choose a container outside the search base, e.g. \"ou=leavers,{baseDn}\""),
        Arguments.of(
            RULE + "delete: {retain: false, dropMemberships: true}\n",
            "t.yaml:11:46: 'dropMemberships' applies only to a retained entry (retain: true)",
            ""),
        Arguments.of(
            RULE + "delete: {moveTo: \"ou=leavers,{baseDn}\", disable: yes please}\n",
            "t.yaml:11:54: expected true or false, got 'yes please'",
            ""),
        Arguments.of(
            RULE + "delete: {moveTo: \"ou=leavers,{baseDn}\", purge: true}\n",
            "t.yaml:11:45: unknown key 'purge'",
            ""));
  }

  /** Each row's first problem; a row may find more (both containers outside a search base). */
  @ParameterizedTest
  @MethodSource("badPlacements")
  void everyProblemNamesItsPlace(String placement, String expectedStart, String hint) {
    List<MappingProblem> problems = MappingLoader.check("t.yaml", user(placement)).problems();
    assertFalse(problems.isEmpty());
    assertTrue(problems.get(0).toString().startsWith(expectedStart), "got: " + problems);
    assertEquals(hint, problems.get(0).hint());
  }

  @Test
  void disableNeedsARuleForActive() {
    String text =
        user(RULE + "delete: {moveTo: \"ou=leavers,{baseDn}\", disable: true}\n")
            .replace(
                "      - scim: active\n"
                    + "        ldap: pwdAccountLockedTime\n"
                    + "        transform: {presentWhenFalse: \"000001010000Z\"}\n",
                "");
    List<MappingProblem> problems = MappingLoader.check("t.yaml", text).problems();
    assertEquals(
        List.of("t.yaml:11:54: disable needs a rule for 'active' that writes an LDAP attribute"),
        problems.stream().map(MappingProblem::toString).toList());
    assertEquals(
        "map active, e.g. {scim: active, ldap: pwdAccountLockedTime, transform:"
            + " {presentWhenFalse: \"000001010000Z\"}}",
        problems.get(0).hint());
  }

  private static ResourceMapping load(String text) {
    MappingReport report = MappingLoader.check("t.yaml", text);
    assertEquals(List.of(), report.problems(), text);
    return report.spec().orElseThrow().byName("User").orElseThrow();
  }
}
