package org.scimldap.scim.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;
import org.scimldap.scim.filter.ScimFilter.And;
import org.scimldap.scim.filter.ScimFilter.Compare;
import org.scimldap.scim.filter.ScimFilter.Not;
import org.scimldap.scim.filter.ScimFilter.Or;
import org.scimldap.scim.filter.ScimFilter.Present;
import org.scimldap.scim.filter.ScimFilter.ValuePath;
import org.scimldap.scim.path.AttributePath;

class FilterParserTest {
  private static final String ENTERPRISE = TestSchemas.ENTERPRISE_URN;

  static Stream<Arguments> validFilters() {
    return Stream.of(
        arguments("userName eq \"bjensen\"", cmp("userName", CompareOperator.EQ, text("bjensen"))),
        arguments("userName Eq \"bjensen\"", cmp("userName", CompareOperator.EQ, text("bjensen"))),
        arguments("USERNAME EQ \"B\"", cmp("USERNAME", CompareOperator.EQ, text("B"))),
        arguments("userName ne \"x\"", cmp("userName", CompareOperator.NE, text("x"))),
        arguments("userName co \"x\"", cmp("userName", CompareOperator.CO, text("x"))),
        arguments("userName sw \"J\"", cmp("userName", CompareOperator.SW, text("J"))),
        arguments("userName ew \"n\"", cmp("userName", CompareOperator.EW, text("n"))),
        arguments("userName GT \"a\"", cmp("userName", CompareOperator.GT, text("a"))),
        arguments("userName ge \"a\"", cmp("userName", CompareOperator.GE, text("a"))),
        arguments("userName lt \"a\"", cmp("userName", CompareOperator.LT, text("a"))),
        arguments("userName le \"a\"", cmp("userName", CompareOperator.LE, text("a"))),
        arguments("title pr", pr("title")),
        arguments("title PR", pr("title")),
        arguments(
            "name.familyName co \"O'Malley\"",
            new Compare(
                AttributePath.of("name", "familyName"), CompareOperator.CO, text("O'Malley"))),
        arguments(
            "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
            new Compare(
                new AttributePath(TestSchemas.CORE_URN, "userName", null),
                CompareOperator.SW,
                text("J"))),
        arguments(
            ENTERPRISE + ":manager.value eq \"26118915\"",
            new Compare(
                new AttributePath(ENTERPRISE, "manager", "value"),
                CompareOperator.EQ,
                text("26118915"))),
        arguments(
            "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            new Compare(
                AttributePath.of("meta", "lastModified"),
                CompareOperator.GT,
                text("2011-05-13T04:42:34Z"))),
        arguments("a-b_c9 eq \"v\"", cmp("a-b_c9", CompareOperator.EQ, text("v"))),
        arguments(
            "members.$ref co \"Users\"",
            new Compare(AttributePath.of("members", "$ref"), CompareOperator.CO, text("Users"))),
        arguments("active eq true", cmp("active", CompareOperator.EQ, BooleanNode.TRUE)),
        arguments("active ne FALSE", cmp("active", CompareOperator.NE, BooleanNode.FALSE)),
        arguments("title eq Null", cmp("title", CompareOperator.EQ, NullNode.getInstance())),
        arguments("n eq 42", cmp("n", CompareOperator.EQ, IntNode.valueOf(42))),
        arguments("n gt -7", cmp("n", CompareOperator.GT, IntNode.valueOf(-7))),
        arguments("n eq 0", cmp("n", CompareOperator.EQ, IntNode.valueOf(0))),
        arguments("n lt 3000000000", cmp("n", CompareOperator.LT, LongNode.valueOf(3000000000L))),
        arguments(
            "n eq 12345678901234567890123",
            cmp(
                "n",
                CompareOperator.EQ,
                BigIntegerNode.valueOf(new BigInteger("12345678901234567890123")))),
        arguments("n ge 1.5", cmp("n", CompareOperator.GE, decimal("1.5"))),
        arguments("n le -2.5E3", cmp("n", CompareOperator.LE, decimal("-2.5E3"))),
        arguments("n eq 1e10", cmp("n", CompareOperator.EQ, decimal("1e10"))),
        arguments("n eq 0.25e-2", cmp("n", CompareOperator.EQ, decimal("0.25e-2"))),
        arguments(
            "a eq \"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\"",
            cmp("a", CompareOperator.EQ, text("q\"b\\s/\b\f\n\r\t\u00e9\u20ac"))),
        arguments("a eq \"\"", cmp("a", CompareOperator.EQ, text(""))),
        arguments("a eq \"and\"", cmp("a", CompareOperator.EQ, text("and"))),
        arguments("a eq \"(x]\"", cmp("a", CompareOperator.EQ, text("(x]"))),
        arguments("a pr and b pr or c pr", new Or(new And(pr("a"), pr("b")), pr("c"))),
        arguments("a pr or b pr and c pr", new Or(pr("a"), new And(pr("b"), pr("c")))),
        arguments("a pr and b pr and c pr", new And(new And(pr("a"), pr("b")), pr("c"))),
        arguments("a pr OR b pr Or c pr", new Or(new Or(pr("a"), pr("b")), pr("c"))),
        arguments("(a pr or b pr) and c pr", new And(new Or(pr("a"), pr("b")), pr("c"))),
        arguments("((a pr))", pr("a")),
        arguments("(a pr)and(b pr)", new And(pr("a"), pr("b"))),
        arguments("  a   pr \t and\tb pr  ", new And(pr("a"), pr("b"))),
        arguments("not (a pr)", new Not(pr("a"))),
        arguments("NOT(a pr)", new Not(pr("a"))),
        arguments("not (a pr) and b pr", new And(new Not(pr("a")), pr("b"))),
        arguments("not (not (a pr))", new Not(new Not(pr("a")))),
        arguments(
            "emails[type eq \"work\" and value co \"@example.com\"]",
            new ValuePath(
                AttributePath.of("emails"),
                new And(
                    cmp("type", CompareOperator.EQ, text("work")),
                    cmp("value", CompareOperator.CO, text("@example.com"))))),
        arguments(
            "emails[type eq \"work\"].value eq \"a@b.c\"",
            new ValuePath(
                AttributePath.of("emails"),
                new And(
                    cmp("type", CompareOperator.EQ, text("work")),
                    cmp("value", CompareOperator.EQ, text("a@b.c"))))),
        arguments(
            "emails[type eq \"work\"] and userName pr",
            new And(
                new ValuePath(
                    AttributePath.of("emails"), cmp("type", CompareOperator.EQ, text("work"))),
                pr("userName"))),
        arguments(
            "emails[not (type eq \"work\")]",
            new ValuePath(
                AttributePath.of("emails"),
                new Not(cmp("type", CompareOperator.EQ, text("work"))))),
        arguments(
            "emails[(type eq \"work\" or type eq \"home\") and primary eq true]",
            new ValuePath(
                AttributePath.of("emails"),
                new And(
                    new Or(
                        cmp("type", CompareOperator.EQ, text("work")),
                        cmp("type", CompareOperator.EQ, text("home"))),
                    cmp("primary", CompareOperator.EQ, BooleanNode.TRUE)))),
        arguments(
            "members[$ref co \"/Users/\"]",
            new ValuePath(
                AttributePath.of("members"), cmp("$ref", CompareOperator.CO, text("/Users/")))),
        arguments(
            "urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq \"work\"]",
            new ValuePath(
                new AttributePath(TestSchemas.CORE_URN, "emails", null),
                cmp("type", CompareOperator.EQ, text("work")))),
        arguments(
            "emails [ value pr ] or not (emails pr)",
            new Or(new ValuePath(AttributePath.of("emails"), pr("value")), new Not(pr("emails")))));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("validFilters")
  void parsesToExpectedTree(String filter, ScimFilter expected) {
    assertEquals(expected, FilterParser.parse(filter));
  }

  static Stream<Arguments> invalidFilters() {
    return Stream.of(
        arguments("", "Empty filter: expected an attribute path, 'not' or '(' at position 0"),
        arguments("   ", "Empty filter"),
        arguments(
            "userName eq \"bjensen", "Unterminated string '\"bjensen' starting at position 12"),
        arguments("userName eq \"ab\\", "Unterminated string"),
        arguments("userName xx \"b\"", "Unknown operator 'xx' after 'userName' at position 9"),
        arguments(
            "userName",
            "Expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr)"
                + " after 'userName' at position 8, but the filter ends there"),
        arguments("userName \"x\"", "after 'userName' but found '\"x\"' at position 9"),
        arguments("userName eq", "Expected a value after 'eq' at position 11, but the filter ends"),
        arguments("(userName eq )", "Expected a value after 'eq' but found ')' at position 13"),
        arguments("userName eq bjensen", "Invalid value 'bjensen' after 'eq' at position 12"),
        arguments("userName eq 'bjensen'", "Single quotes are not allowed"),
        arguments("userName eq 01", "Invalid value '01'"),
        arguments("n eq 1.", "Invalid value '1.'"),
        arguments("n eq .5", "Invalid value '.5'"),
        arguments("n eq +1", "Invalid value '+1'"),
        arguments("n eq 1e", "Invalid value '1e'"),
        arguments("n eq 1e99999999999", "Number '1e99999999999' is out of range at position 5"),
        arguments("title pr \"x\"", "Operator 'pr' takes no value but found '\"x\"' at position 9"),
        arguments("title pr true", "Operator 'pr' takes no value but found 'true' at position 9"),
        arguments("(userName pr", "'(' at position 0 is not closed"),
        arguments("((a pr) or (b pr)", "'(' at position 0 is not closed"),
        arguments("userName pr)", "Unbalanced ')' at position 11"),
        arguments("emails[type eq \"work\"", "'[' at position 6 is not closed"),
        arguments("emails[type eq \"work\"]]", "Unbalanced ']' at position 22"),
        arguments(
            "emails[type eq \"work\")",
            "Expected 'and', 'or' or ']' after '\"work\"'" + " but found ')' at position 21"),
        arguments("(emails[type pr)]", "Expected 'and', 'or' or ']' after 'pr'"),
        arguments(
            "userName eq \"x\" foo",
            "Expected 'and', 'or' or the end of the filter"
                + " after '\"x\"' but found 'foo' at position 16"),
        arguments("userName eq \"x\" userName eq \"y\"", "but found 'userName' at position 16"),
        arguments(
            "userName eq \"x\" and",
            "Expected an attribute path, 'not' or '(' after 'and'"
                + " at position 19, but the filter ends there"),
        arguments("userName pr or or title pr", "after 'or' but found 'or' at position 15"),
        arguments(
            "and userName pr",
            "Expected an attribute path, 'not' or '(' but found 'and'" + " at position 0"),
        arguments("()", "after '(' but found ')' at position 1"),
        arguments("\"x\" eq userName", "but found '\"x\"' at position 0"),
        arguments("userName eq \"\\q\"", "Invalid escape '\\q' in string at position 13"),
        arguments(
            "userName eq \"\\u12G4\"",
            "Invalid unicode escape '\\u12G4' in string" + " at position 13"),
        arguments("userName eq \"\\u12\"", "Invalid unicode escape"),
        arguments("userName eq \"a\tb\"", "Control character U+0009 must be escaped"),
        arguments("active gt true", "Operator 'gt' cannot order 'true' at position 10"),
        arguments("active ge FALSE", "Operator 'ge' cannot order 'FALSE'"),
        arguments("title lt null", "Operator 'lt' cannot order 'null'"),
        arguments("title le null", "Operator 'le' cannot order"),
        arguments(
            "emails[type[value eq \"x\"] eq \"y\"]",
            "Value paths cannot be nested:"
                + " '[' at position 11 is inside the '[' at position 6"),
        arguments("emails[(addresses[type pr])]", "Value paths cannot be nested"),
        arguments(
            "name.familyName[value pr]",
            "A value filter cannot follow the sub-attribute"
                + " in 'name.familyName': '[' at position 15"),
        arguments(
            "emails[type eq \"work\"].9 eq \"x\"",
            "Expected a sub-attribute name after ']'" + " at position 22"),
        arguments("emails[type eq \"work\"].value", "Expected an operator"),
        arguments("not userName pr", "Expected '(' after 'not' at position 4"),
        arguments("not", "Expected '(' after 'not' at position 3"),
        arguments("1abc eq \"x\"", "Attribute name '1abc' must start with a letter"),
        arguments(
            "user*name eq \"x\"",
            "Invalid character '*' in attribute path 'user*name'" + " at position 4"),
        arguments("name. eq \"x\"", "Missing attribute name in 'name.' at position 5"),
        arguments("name.given.family eq \"x\"", "Invalid character '.'"),
        arguments("foo:userName eq \"x\"", "Invalid schema URN 'foo'"),
        arguments(TestSchemas.CORE_URN + ": eq \"x\"", "Missing attribute name"),
        arguments(
            "(".repeat(51) + "a pr" + ")".repeat(51),
            "Nesting is deeper than 50 levels at position 50"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidFilters")
  void rejectsWithInvalidFilterAndPosition(String filter, String expectedDetail) {
    ScimException e = assertThrows(ScimException.class, () -> FilterParser.parse(filter));
    assertEquals(400, e.status());
    assertEquals(ScimType.INVALID_FILTER, e.scimType().orElseThrow());
    assertTrue(e.detail().contains(expectedDetail), () -> "detail was: " + e.detail());
    assertTrue(e.detail().matches("(?s).*at position \\d+.*"), () -> "no position: " + e.detail());
  }

  @Test
  void acceptsFiftyLevelsOfNesting() {
    String filter = "(".repeat(50) + "a pr" + ")".repeat(50);
    assertEquals(pr("a"), FilterParser.parse(filter));
  }

  @Test
  void parsesChainsUpToTheTermLimitAndRefusesLongerOnes() {
    String longest = String.join(" or ", Collections.nCopies(FilterGrammar.MAX_TERMS, "a pr"));
    assertTrue(FilterParser.parse(longest) instanceof Or);
    String tooLong = String.join(" or ", Collections.nCopies(FilterGrammar.MAX_TERMS + 1, "a pr"));
    ScimException e = assertThrows(ScimException.class, () -> FilterParser.parse(tooLong));
    assertTrue(e.detail().contains("more than " + FilterGrammar.MAX_TERMS + " terms"), e.detail());
  }

  private static Compare cmp(String name, CompareOperator op, JsonNode value) {
    return new Compare(AttributePath.of(name), op, value);
  }

  private static Present pr(String name) {
    return new Present(AttributePath.of(name));
  }

  private static JsonNode text(String value) {
    return TextNode.valueOf(value);
  }

  private static JsonNode decimal(String value) {
    return DecimalNode.valueOf(new BigDecimal(value));
  }
}
