package org.scimldap.mapping.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code groups} section of a resource type: what loads, and each way it can be wrong. */
class GroupsRuleTest {
  private static final String MAPPING =
      """
      version: 1
      resourceTypes:
        User:
          objectClasses: [top, person, organizationalPerson, inetOrgPerson]
          container: "ou=people,{baseDn}"
          rdn: "uid={userName}"
          groups: GROUPS
          attributes:
            - scim: userName
              ldap: uid
        Group:
          objectClasses: [top, groupOfNames]
          container: "ou=groups,{baseDn}"
          rdn: "cn={displayName}"
          attributes:
            - scim: displayName
              ldap: cn
          members:
            ldap: member
      """;

  private static MappingReport check(String groups) {
    return MappingLoader.check("t.yaml", MAPPING.replace("GROUPS", groups), Map.of());
  }

  @Test
  void groupsComeFromMembersOrFromAnAttributeOfGroupDns() {
    GroupsRule members =
        check("{from: members}").orElseThrow().byName("User").get().groupsRule().orElseThrow();
    assertEquals(GroupsRule.From.MEMBERS, members.from());
    assertEquals("Group", members.groupType());
    assertEquals("t.yaml:7:13", members.origin());
    GroupsRule memberOf =
        check("{from: memberOf}").orElseThrow().byName("User").get().groupsRule().orElseThrow();
    assertEquals(GroupsRule.From.MEMBER_OF, memberOf.from());
    assertEquals("memberOf", memberOf.ldap());
    assertEquals(
        "isMemberOf",
        check("{from: memberOf, attribute: isMemberOf, type: Group}")
            .orElseThrow()
            .byName("User")
            .get()
            .groupsRule()
            .orElseThrow()
            .ldap());
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(
            "{from: memberof}",
            "t.yaml:7:20: groups come from memberOf (the entry's attribute of group DNs) or"
                + " members (the group type's member attribute), got 'memberof'"),
        Arguments.of("{}", "t.yaml:7:13: missing required key 'from'"),
        Arguments.of(
            "{from: members, by: x}",
            "t.yaml:7:29: unknown key 'by'; expected one of [attribute, from, type]"),
        Arguments.of(
            "{from: members, type: Team}",
            "t.yaml:7:35: groups are resources of type 'Team', which this mapping does not have;"
                + " name it with 'type:'"),
        Arguments.of(
            "{from: members, attribute: memberOf}",
            "t.yaml:7:40: with from: members, the group type's members section names the"
                + " attribute"),
        Arguments.of(
            "{from: memberOf, attribute: 'member of'}",
            "t.yaml:7:41: 'member of' is not a valid LDAP attribute name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void eachMistakeIsNamedWithItsPlace(String groups, String expected) {
    List<String> problems =
        check(groups).problems().stream().map(MappingProblem::toString).toList();
    assertEquals(List.of(expected), problems);
  }

  @Test
  void groupsFromMembersNeedAGroupTypeWithMembersAndAUserSchema() {
    String noMembers =
        MAPPING
            .replace("GROUPS", "{from: members}")
            .replace("    members:\n      ldap: member\n", "");
    assertEquals(
        List.of(
            "t.yaml:7:13: groups from members need a 'members' section in resource type"
                + " 'Group'"),
        MappingLoader.check("t.yaml", noMembers, Map.of()).problems().stream()
            .map(MappingProblem::toString)
            .toList());
    String onGroups =
        MAPPING
            .replace("    groups: GROUPS\n", "")
            .replace("    members:\n", "    groups: {from: members}\n    members:\n");
    assertEquals(
        List.of(
            "t.yaml:17:13: resource type 'Group' has no 'groups' attribute in its schema (User has"
                + " one)"),
        MappingLoader.check("t.yaml", onGroups, Map.of()).problems().stream()
            .map(MappingProblem::toString)
            .toList());
  }
}
