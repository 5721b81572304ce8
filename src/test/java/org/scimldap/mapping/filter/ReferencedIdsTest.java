package org.scimldap.mapping.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.scim.filter.FilterParser;

/**
 * The literals a filter compares with reference attributes, which the service resolves before the
 * translation: only {@code eq} and {@code ne} strings on {@code manager} and {@code members}, as
 * written and in lower case.
 */
class ReferencedIdsTest {
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  static Stream<Arguments> filters() {
    return Stream.of(
        arguments("User", "userName eq \"bob\"", Set.of()),
        arguments("User", "manager.value eq \"ab-CD\"", Set.of("ab-CD", "ab-cd")),
        arguments("User", ENTERPRISE + ":manager.value ne \"x\"", Set.of("x")),
        arguments("User", "manager.value sw \"x\"", Set.of()),
        arguments("User", "externalId eq \"x\" or manager eq \"y\"", Set.of("y")),
        arguments("Group", "members[value eq \"a\" or value eq \"b\"]", Set.of("a", "b")),
        arguments("Group", "members.value eq \"a\" and displayName eq \"G\"", Set.of("a")),
        arguments("Group", "not (members pr) or displayName eq \"G\"", Set.of()),
        arguments("Group", "displayName eq \"G\"", Set.of()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("filters")
  void collectsTheLiteralsComparedWithReferenceAttributes(
      String type, String filter, Set<String> expected) {
    assertEquals(
        expected,
        FilterTranslator.referencedIds(
            FilterParser.parse(filter),
            EntryMapper.forBase(
                FilterTranslatorTest.PRESET.byName(type).orElseThrow(),
                "dc=example,dc=com",
                null)));
  }
}
