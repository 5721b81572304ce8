package org.scimldap.scim.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.ScimFilter.And;
import org.scimldap.scim.filter.ScimFilter.Compare;
import org.scimldap.scim.filter.ScimFilter.Not;
import org.scimldap.scim.filter.ScimFilter.Or;
import org.scimldap.scim.filter.ScimFilter.Present;
import org.scimldap.scim.filter.ScimFilter.ValuePath;
import org.scimldap.scim.path.AttributePath;

class ScimFilterTest {

  static Stream<Arguments> shapes() {
    return Stream.of(
        arguments("userName eq \"bjensen\"", "compare(userName eq)"),
        arguments("title pr", "present(title)"),
        arguments("emails[type eq \"work\"]", "valuePath(emails, compare(type eq))"),
        arguments("a pr and b lt 3", "and(present(a), compare(b lt))"),
        arguments("a pr or b pr", "or(present(a), present(b))"),
        arguments("not (a sw \"x\")", "not(compare(a sw))"),
        arguments(
            "a pr or b pr and not (c pr)", "or(present(a), and(present(b), not(present(c))))"));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void visitorReachesEveryKindOfNode(String filter, String expected) {
    assertEquals(expected, FilterParser.parse(filter).accept(new Shape()));
  }

  static Stream<Arguments> leaves() {
    return Stream.of(
        arguments("userName eq \"x\"", List.of("userName eq \"x\"")),
        arguments("a pr and b pr and c pr", List.of("a pr", "b pr", "c pr")),
        arguments("a pr or not (b eq 1 and c co \"z\")", List.of("a pr", "b eq 1", "c co \"z\"")),
        arguments(
            "emails[type eq \"work\" or value pr] and userName pr",
            List.of("emails[type eq \"work\" or value pr]", "userName pr")));
  }

  @ParameterizedTest
  @MethodSource("leaves")
  void leavesAreTheNodesUnderAndOrNotLeftToRight(String filter, List<String> expected) {
    assertEquals(parseAll(expected), FilterParser.parse(filter).leaves());
  }

  static Stream<Arguments> leafPaths() {
    return Stream.of(
        arguments("userName eq \"x\"", List.of("userName")),
        arguments("name.givenName pr or not (title pr)", List.of("name.givenName", "title")),
        arguments(
            "emails[type eq \"work\"] and urn:example:2.0:User:badge gt 3",
            List.of("emails", "urn:example:2.0:User:badge")));
  }

  @ParameterizedTest
  @MethodSource("leafPaths")
  void leafPathsAreTheAttributesOfTheLeaves(String filter, List<String> expected) {
    List<String> paths =
        FilterParser.parse(filter).leafPaths().stream().map(AttributePath::toString).toList();
    assertEquals(expected, paths);
  }

  static Stream<Arguments> anyLeaf() {
    return Stream.of(
        arguments("title pr", "title", true),
        arguments("title pr", "userName", false),
        arguments("a pr and not (b pr or title eq \"x\")", "title", true),
        arguments("emails[type eq \"work\"]", "emails", true),
        arguments("emails[type eq \"work\"]", "type", false),
        arguments("a pr or b pr", "c", false));
  }

  @ParameterizedTest
  @MethodSource("anyLeaf")
  void anyLeafTestsTheAttributeOfEachLeaf(String filter, String name, boolean expected) {
    assertEquals(
        expected, FilterParser.parse(filter).anyLeaf(path -> path.name().equalsIgnoreCase(name)));
  }

  static Stream<Arguments> pathOf() {
    return Stream.of(
        arguments("userName eq \"x\"", Optional.of("userName")),
        arguments("name.familyName pr", Optional.of("name.familyName")),
        arguments("emails[type eq \"work\"]", Optional.of("emails")),
        arguments("a pr and b pr", Optional.empty()),
        arguments("a pr or b pr", Optional.empty()),
        arguments("not (a pr)", Optional.empty()));
  }

  @ParameterizedTest
  @MethodSource("pathOf")
  void pathOfNamesTheAttributeOfALeafOnly(String filter, Optional<String> expected) {
    assertEquals(
        expected, ScimFilter.pathOf(FilterParser.parse(filter)).map(AttributePath::toString));
  }

  static Stream<Arguments> conjuncts() {
    return Stream.of(
        arguments("a pr", List.of("a pr")),
        arguments("a pr and b pr and c pr", List.of("a pr", "b pr", "c pr")),
        arguments("a pr and (b pr or c pr)", List.of("a pr", "b pr or c pr")),
        arguments("(a pr and b pr) and (c pr and d pr)", List.of("a pr", "b pr", "c pr", "d pr")),
        arguments("a pr or b pr", List.of("a pr or b pr")),
        arguments("not (a pr and b pr)", List.of("not (a pr and b pr)")),
        arguments(
            "emails[type eq \"work\" and value pr]",
            List.of("emails[type eq \"work\" and value pr]")));
  }

  @ParameterizedTest
  @MethodSource("conjuncts")
  void conjunctsAreTheOperandsOfTheTopLevelAnd(String filter, List<String> expected) {
    assertEquals(parseAll(expected), FilterParser.parse(filter).conjuncts());
  }

  static Stream<Arguments> mapLeaves() {
    return Stream.of(
        arguments("a eq 1", "a pr"),
        arguments("a eq 1 and not (b co \"x\" or c pr)", "a pr and not (b pr or c pr)"),
        arguments("emails[type eq \"work\"] or d lt 2", "emails pr or d pr"));
  }

  @ParameterizedTest
  @MethodSource("mapLeaves")
  void mapLeavesKeepsTheLogicalNodesAndReplacesTheLeaves(String filter, String expected) {
    ScimFilter mapped =
        FilterParser.parse(filter)
            .mapLeaves(leaf -> new Present(ScimFilter.pathOf(leaf).orElseThrow()));
    assertEquals(FilterParser.parse(expected), mapped);
  }

  @Test
  void mapLeavesCallsTheReplacementLeftToRight() {
    List<String> seen = new ArrayList<>();
    FilterParser.parse("a pr or (b pr and not (c pr))")
        .mapLeaves(
            leaf -> {
              seen.add(ScimFilter.pathOf(leaf).orElseThrow().name());
              return leaf;
            });
    assertEquals(List.of("a", "b", "c"), seen);
  }

  @Test
  void mapLeavesLetsTheReplacementRejectALeaf() {
    ScimFilter filter = FilterParser.parse("a pr and emails[type pr]");
    ScimException e =
        assertThrows(
            ScimException.class,
            () ->
                filter.mapLeaves(
                    leaf -> {
                      if (leaf instanceof ValuePath) {
                        throw ScimException.invalidFilter("no value paths here");
                      }
                      return leaf;
                    }));
    assertEquals("no value paths here", e.detail());
  }

  @Test
  void mapLeavesWithTheIdentityGivesAnEqualTree() {
    ScimFilter filter = FilterParser.parse("a pr and not (b eq \"x\" or c[d pr])");
    assertEquals(filter, filter.mapLeaves(leaf -> leaf));
    ScimFilter leaf = FilterParser.parse("a pr");
    assertSame(leaf, leaf.mapLeaves(l -> l));
  }

  private static List<ScimFilter> parseAll(List<String> filters) {
    return filters.stream().map(FilterParser::parse).toList();
  }

  /** Writes the kind of each node and, for leaves, the attribute and operator. */
  private static final class Shape implements ScimFilter.Visitor<String> {
    @Override
    public String and(And f) {
      return "and(" + f.left().accept(this) + ", " + f.right().accept(this) + ")";
    }

    @Override
    public String or(Or f) {
      return "or(" + f.left().accept(this) + ", " + f.right().accept(this) + ")";
    }

    @Override
    public String not(Not f) {
      return "not(" + f.inner().accept(this) + ")";
    }

    @Override
    public String present(Present f) {
      return "present(" + f.path() + ")";
    }

    @Override
    public String compare(Compare f) {
      return "compare(" + f.path() + " " + f.operator().keyword() + ")";
    }

    @Override
    public String valuePath(ValuePath f) {
      return "valuePath(" + f.path() + ", " + f.filter().accept(this) + ")";
    }
  }
}
