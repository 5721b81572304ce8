package org.scimldap.mapping.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.scimldap.mapping.filter.FilterTranslatorTest.EXACT;
import static org.scimldap.mapping.filter.FilterTranslatorTest.NEVER;
import static org.scimldap.mapping.filter.FilterTranslatorTest.SUPERSET;
import static org.scimldap.mapping.filter.FilterTranslatorTest.assertTranslation;
import static org.scimldap.mapping.filter.FilterTranslatorTest.dn;
import static org.scimldap.mapping.filter.FilterTranslatorTest.users;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.scim.filter.FilterParser;
import org.scimldap.testsupport.Presets;

/**
 * Filters on a user's {@code groups}: with {@code from: memberOf}, conditions on the group's id and
 * display name become equalities on the user's {@code memberOf} values (the groups resolved
 * beforehand); with {@code from: members}, the gateway checks every candidate.
 */
class GroupsFilterTest {
  static final String OPS = "6f1f9d1e-0000-4000-8000-00000000000a";
  static final String OPS_DN = "cn=Ops,ou=groups,dc=example,dc=com";
  static final String PLATFORM_DN = "cn=Platform,ou=groups,dc=example,dc=com";
  static final String PLATFORM_TOO_DN = "cn=platform-eu,ou=groups,dc=example,dc=com";

  static final References REFS =
      References.builder()
          .resource(OPS, "Group", dn(OPS_DN))
          .displayed("Ops", dn(OPS_DN))
          .displayed("Platform", dn(PLATFORM_DN))
          .displayed("platform", dn(PLATFORM_TOO_DN))
          .build();

  static MappingSpec memberOf() throws IOException {
    String text = Files.readString(Path.of("mappings/openldap.yaml"));
    return MappingLoader.parse(
        "memberof.yaml",
        text.replace("unmapped: keep", "unmapped: ignore")
            .replace("groups: {from: members}", "groups: {from: memberOf}"));
  }

  static FilterTranslator translator(MappingSpec spec) {
    EntryMapper mapper =
        EntryMapper.forBase(spec.byName("User").orElseThrow(), "dc=example,dc=com", null);
    return new FilterTranslator(mapper, REFS, ext -> List.of());
  }

  static Stream<Arguments> fromMemberOf() {
    String ops = "(memberOf=" + OPS_DN + ")";
    return Stream.of(
        arguments("groups.value eq \"" + OPS + "\"", users(ops), EXACT),
        arguments("groups eq \"" + OPS.toUpperCase() + "\"", users(ops), EXACT),
        arguments("groups[value eq \"" + OPS + "\"]", users(ops), EXACT),
        arguments("groups.value eq \"no-such-group\"", users(NEVER), EXACT),
        arguments("groups.display eq \"OPS\"", users(ops), EXACT),
        arguments(
            "groups[display eq \"platform\"]",
            users("(|(memberOf=" + PLATFORM_DN + ")(memberOf=" + PLATFORM_TOO_DN + "))"),
            EXACT),
        arguments("groups.display eq \"Nobody\"", users(NEVER), EXACT),
        arguments("groups.display sw \"O\"", users("(memberOf=*)"), SUPERSET),
        arguments("groups[type eq \"direct\"]", users("(memberOf=*)"), SUPERSET),
        arguments("groups[type eq \"indirect\"]", users(NEVER), EXACT),
        arguments("groups pr", users("(memberOf=*)"), SUPERSET),
        // Two conditions on one value of a multi-valued attribute: the gateway checks them again.
        arguments(
            "groups[value eq \"" + OPS + "\" and display eq \"Ops\"]",
            users("(memberOf=" + OPS_DN + ")"),
            SUPERSET),
        arguments("not (groups.display eq \"Ops\")", users("(!" + ops + ")"), EXACT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fromMemberOf")
  void fromMemberOfConditionsBecomeEqualitiesOnTheGroupDns(
      String filter, String expected, boolean exact) throws IOException {
    assertTranslation(translator(memberOf()), filter, expected, exact);
  }

  static Stream<Arguments> fromMembers() {
    return Stream.of(
        arguments("groups.value eq \"" + OPS + "\"", users(), SUPERSET),
        arguments("groups[display eq \"Ops\"]", users(), SUPERSET),
        arguments("groups pr and userName eq \"bjensen\"", users("(uid=bjensen)"), SUPERSET));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fromMembers")
  void fromMembersTheGatewayChecksEveryCandidate(String filter, String expected, boolean exact) {
    assertTranslation(translator(Presets.openLdapRulesOnly()), filter, expected, exact);
  }

  @Test
  void theDisplayNamesAFilterComparesAreThoseToResolve() throws IOException {
    var filter =
        FilterParser.parse(
            "groups.display eq \"A\" or groups[display eq \"B\" and value eq \"x\"]"
                + " or displayName eq \"C\" or groups.value eq \"D\"");
    Set<String> displays = FilterTranslator.groupDisplays(filter, memberOf().byName("User").get());
    assertEquals(Set.of("A", "a", "B", "b"), displays);
    assertEquals(
        Set.of(), FilterTranslator.groupDisplays(filter, memberOf().byName("Group").orElseThrow()));
  }
}
