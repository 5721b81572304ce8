package org.scimldap.scim.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterEvaluatorTest {
  private static final String ENTERPRISE = TestSchemas.ENTERPRISE_URN;
  private static final String CORE = TestSchemas.CORE_URN;
  private static final String MANAGER_ID = "26118915-6090-4610-87e4-49d8ca9f808d";

  private static final JsonNode USER =
      json(
          """
          {
            "schemas": ["%s", "%s"],
            "id": "2819c223-7f76-453a-919d-413861904646",
            "externalId": "Bjensen-EXT",
            "UserName": "bjensen@example.com",
            "name": {"familyName": "Jensen", "GivenName": "Barbara"},
            "displayName": "Babs Jensen",
            "nickName": "",
            "title": null,
            "emails": [
              {"value": "bjensen@example.com", "type": "work", "primary": true},
              {"Value": "babs@jensen.org", "type": "home"}
            ],
            "phoneNumbers": [],
            "active": true,
            "meta": {
              "resourceType": "User",
              "created": "2010-01-23T04:56:22Z",
              "lastModified": "2011-05-13T04:42:34Z"
            },
            "%s": {
              "employeeNumber": "701984",
              "manager": {"value": "%s", "displayName": "John Smith"}
            },
            "urn:example:scim:schemas:extension:TEST:1.0:user": {
              "loginCount": 42,
              "score": 7.5,
              "tags": ["Blue", "green"]
            },
            "favoriteColor": "Teal",
            "extra": {}
          }
          """
              .formatted(CORE, ENTERPRISE, ENTERPRISE, MANAGER_ID));

  static Stream<Arguments> resourceRows() {
    return Stream.of(
        // eq and case-insensitivity of names and values
        arguments("userName eq \"bjensen@example.com\"", true),
        arguments("USERNAME EQ \"BJENSEN@EXAMPLE.COM\"", true),
        arguments("userName eq \"bjensen\"", false),
        arguments("externalId eq \"Bjensen-EXT\"", true),
        arguments("externalId eq \"bjensen-ext\"", false),
        arguments("name.familyName eq \"jensen\"", true),
        arguments("name.givenname eq \"BARBARA\"", true),
        // ne
        arguments("userName ne \"bjensen@example.com\"", false),
        arguments("userName ne \"other\"", true),
        arguments("externalId ne \"bjensen-ext\"", true),
        // co sw ew
        arguments("userName co \"JENSEN\"", true),
        arguments("userName co \"smith\"", false),
        arguments("userName sw \"BJ\"", true),
        arguments("userName sw \"jensen\"", false),
        arguments("userName ew \"example.com\"", true),
        arguments("userName ew \"example\"", false),
        arguments("externalId sw \"bjensen\"", false),
        arguments("externalId sw \"Bjensen\"", true),
        arguments("externalId co \"ext\"", false),
        arguments("externalId ew \"EXT\"", true),
        // string ordering
        arguments("userName gt \"a\"", true),
        arguments("userName gt \"C\"", false),
        arguments("userName lt \"C\"", true),
        arguments("userName ge \"BJENSEN@EXAMPLE.COM\"", true),
        arguments("userName le \"bjensen@example.com\"", true),
        arguments("userName lt \"bjensen@example.com\"", false),
        arguments("externalId gt \"a\"", false),
        arguments("externalId lt \"a\"", true),
        // booleans
        arguments("active eq true", true),
        arguments("active eq TRUE", true),
        arguments("active eq false", false),
        arguments("active ne false", true),
        arguments("active ne true", false),
        arguments("active eq \"true\"", true),
        arguments("active eq \"False\"", false),
        arguments("active eq \"maybe\"", false),
        arguments("active eq 1", false),
        // dateTime
        arguments("meta.lastModified gt \"2011-05-13T04:42:33Z\"", true),
        arguments("meta.lastModified gt \"2011-05-13T04:42:34Z\"", false),
        arguments("meta.lastModified ge \"2011-05-13T04:42:34Z\"", true),
        arguments("meta.lastModified lt \"2011-05-13T04:42:34.5Z\"", true),
        arguments("meta.lastModified le \"2011-05-13T04:42:33.999Z\"", false),
        arguments("meta.lastModified eq \"2011-05-13T06:42:34+02:00\"", true),
        arguments("meta.lastModified gt \"2011-05-13T06:00:00+02:00\"", true),
        arguments("meta.lastModified lt \"2011-05-13T06:00:00-02:00\"", true),
        arguments("meta.lastModified eq \"2011-05-13T04:42:34\"", true),
        arguments("meta.created lt \"2011-01-01T00:00:00Z\"", true),
        arguments("meta.lastModified sw \"2011-05\"", true),
        arguments("meta.lastModified gt 5", false),
        // numbers
        arguments("loginCount eq 42", true),
        arguments("loginCount eq 42.0", true),
        arguments("loginCount gt 41.5", true),
        arguments("loginCount le 4.2e1", true),
        arguments("loginCount lt 42", false),
        arguments("loginCount ge 43", false),
        arguments("loginCount ne 42", false),
        arguments("loginCount eq \"42\"", false),
        arguments("loginCount co \"4\"", false),
        arguments("score eq 7.50", true),
        arguments("score gt -1", true),
        arguments("score lt 7", false),
        arguments("userName gt 5", false),
        arguments("userName eq true", false),
        // multi-valued: any value matches
        arguments("tags eq \"blue\"", true),
        arguments("tags eq \"red\"", false),
        arguments("tags co \"REE\"", true),
        arguments("tags ne \"blue\"", false),
        arguments("tags ne \"red\"", true),
        arguments("emails.type eq \"home\"", true),
        arguments("emails.value ew \".org\"", true),
        arguments("emails.value eq \"nobody@example.com\"", false),
        arguments("emails.primary eq true", true),
        arguments("emails.primary eq \"true\"", true),
        arguments("emails.type ne \"work\"", false),
        arguments("emails.type ne \"other\"", true),
        // complex attribute without sub-attribute compares its value sub-attribute
        arguments("emails co \"jensen.org\"", true),
        arguments("emails eq \"BABS@JENSEN.ORG\"", true),
        arguments("emails eq \"work\"", false),
        arguments("name eq \"Jensen\"", false),
        // null
        arguments("title eq null", true),
        arguments("title ne null", false),
        arguments("name.middleName eq null", true),
        arguments("phoneNumbers eq null", true),
        arguments("userName eq null", false),
        arguments("userName ne null", true),
        arguments("nickName eq null", false),
        arguments("userName co null", false),
        // pr
        arguments("userName pr", true),
        arguments("name pr", true),
        arguments("emails pr", true),
        arguments("emails.primary pr", true),
        arguments("title pr", false),
        arguments("nickName pr", false),
        arguments("phoneNumbers pr", false),
        arguments("phoneNumbers.value pr", false),
        arguments("name.middleName pr", false),
        arguments("extra pr", false),
        arguments("noSuchAttribute pr", false),
        // value paths: one element must satisfy the whole inner filter
        arguments("emails[type eq \"work\" and value co \"@example.com\"]", true),
        arguments("emails[type eq \"home\" and value co \"@example.com\"]", false),
        arguments("emails[TYPE eq \"HOME\" and VALUE ew \".org\"]", true),
        arguments("emails[primary eq true]", true),
        arguments("emails[type eq \"home\" and primary eq true]", false),
        arguments("emails[not (type eq \"work\")]", true),
        arguments("emails[type eq \"other\" or value sw \"babs\"]", true),
        arguments("emails[display pr]", false),
        arguments("phoneNumbers[type eq \"work\"]", false),
        arguments("emails[type eq \"work\"] and active eq true", true),
        arguments("not (emails[type eq \"work\"])", false),
        // URN-qualified and extension paths
        arguments(CORE + ":userName eq \"bjensen@example.com\"", true),
        arguments(CORE + ":name.familyName eq \"Jensen\"", true),
        arguments(CORE + ":emails[type eq \"work\"]", true),
        arguments(ENTERPRISE + ":manager.value eq \"" + MANAGER_ID + "\"", true),
        arguments(ENTERPRISE + ":employeeNumber eq \"701984\"", true),
        arguments(ENTERPRISE.toUpperCase() + ":MANAGER.DISPLAYNAME eq \"john smith\"", true),
        arguments("manager.value eq \"" + MANAGER_ID + "\"", true),
        arguments("employeeNumber sw \"70\"", true),
        arguments(ENTERPRISE + ":manager pr", true),
        arguments(ENTERPRISE + ":manager.$ref pr", false),
        arguments(CORE + ":employeeNumber eq \"701984\"", false),
        arguments(ENTERPRISE + ":userName pr", false),
        arguments(TestSchemas.TEST_URN + ":loginCount eq 42", true),
        // attributes unknown to the schema: top-level, case-insensitive strings
        arguments("favoriteColor eq \"teal\"", true),
        arguments("FAVORITECOLOR sw \"TE\"", true),
        arguments("favoriteColor pr", true),
        arguments("noSuchAttribute eq \"x\"", false),
        arguments("noSuchAttribute ne \"x\"", true),
        arguments("name.nickname eq \"x\"", false),
        arguments("urn:example:unknown:1.0:User:favoriteColor pr", false),
        // not, and, or and precedence
        arguments("not (active eq true)", false),
        arguments("not (userName eq \"x\") and active eq true", true),
        arguments("userName sw \"bj\" or userName eq \"x\" and active eq false", true),
        arguments("(userName sw \"bj\" or userName eq \"x\") and active eq false", false),
        arguments("userName eq \"x\" or active eq true and title pr", false),
        arguments("userName eq \"x\" or not (title pr) and active eq true", true),
        arguments("not (not (userName pr))", true));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("resourceRows")
  void evaluatesAgainstSampleUser(String filter, boolean expected) {
    assertEquals(
        expected, FilterEvaluator.matches(FilterParser.parse(filter), USER, TestSchemas.USER));
  }

  static Stream<Arguments> elementRows() {
    return Stream.of(
        arguments("type eq \"work\"", true),
        arguments("TYPE eq \"WORK\"", true),
        arguments("type eq \"home\"", false),
        arguments("primary eq true", true),
        arguments("primary ne true", false),
        arguments("value ew \"@example.com\" and not (type eq \"home\")", true),
        arguments("type eq \"home\" or value sw \"bjensen\"", true),
        arguments("value pr", true),
        arguments("display pr", false),
        arguments("display eq null", true),
        arguments("value gt \"a\"", true));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("elementRows")
  void evaluatesValueFilterAgainstOneElement(String filter, boolean expected) {
    JsonNode workEmail = USER.get("emails").get(0);
    assertEquals(
        expected,
        FilterEvaluator.matchesValue(
            FilterParser.parse(filter), workEmail, TestSchemas.EMAILS, TestSchemas.USER));
  }

  @Test
  void valuePathFilterFromPathParserSelectsElements() {
    ScimFilter valueFilter = PathParser.parse("emails[type eq \"home\"].value").valueFilter();
    JsonNode emails = USER.get("emails");
    assertEquals(
        false,
        FilterEvaluator.matchesValue(
            valueFilter, emails.get(0), TestSchemas.EMAILS, TestSchemas.USER));
    assertEquals(
        true,
        FilterEvaluator.matchesValue(
            valueFilter, emails.get(1), TestSchemas.EMAILS, TestSchemas.USER));
  }

  @Test
  void caseExactSubAttributeComparesExactly() {
    JsonNode element = json("{\"value\": \"AbC\"}");
    var definition = TestSchemas.complex("members", true, TestSchemas.string("value", true));
    ScimFilter filter = FilterParser.parse("value eq \"abc\"");
    assertEquals(
        false, FilterEvaluator.matchesValue(filter, element, definition, TestSchemas.USER));
  }

  @Test
  void comparesNonObjectResourceWithoutError() {
    ScimFilter filter = FilterParser.parse("userName eq \"x\"");
    assertEquals(false, FilterEvaluator.matches(filter, TextNode.valueOf("x"), TestSchemas.USER));
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad test JSON", e);
    }
  }
}
