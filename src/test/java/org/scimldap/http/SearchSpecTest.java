package org.scimldap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;
import org.scimldap.scim.filter.FilterParser;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.testsupport.RawHttp;

/**
 * The parameters of a list request (RFC 7644 §3.4.2) from a query string, and of a search request
 * (§3.4.3) from a {@code .search} body. Query strings go through a real Javalin server on port 0,
 * sent byte for byte, so URL decoding is Javalin's own.
 */
class SearchSpecTest {
  private static final int MAX = 50;
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final AtomicReference<Object> outcome = new AtomicReference<>();
  private static Javalin probe;

  @BeforeAll
  static void startProbe() {
    probe =
        Javalin.create(cfg -> cfg.showJavalinBanner = false)
            .get(
                "/probe",
                ctx -> {
                  try {
                    outcome.set(SearchSpec.fromQuery(ctx, MAX));
                  } catch (RuntimeException e) {
                    outcome.set(e);
                  }
                  ctx.status(204);
                })
            .start("127.0.0.1", 0);
  }

  @AfterAll
  static void stopProbe() {
    probe.stop();
  }

  // ---- defaults and numbers

  @Test
  void anEmptyQueryAsksForTheFirstPageOfEverything() {
    SearchSpec spec = query("");

    assertNull(spec.filter());
    assertEquals(1, spec.startIndex());
    assertEquals(MAX, spec.count(), "absent count is the largest page");
    assertEquals(List.of(), spec.attributes());
    assertEquals(List.of(), spec.excludedAttributes());
    assertNull(spec.sortBy());
    assertFalse(spec.descending());
  }

  @Test
  void aMinimalBodyAsksForTheFirstPageOfEverything() {
    assertEquals(query(""), body("{}"));
  }

  @ParameterizedTest(name = "startIndex={0} is {1}")
  @CsvSource({
    "1, 1",
    "7, 7",
    "+7, 7",
    "007, 7",
    "0, 1",
    "-5, 1",
    "-99999999999999999999, 1",
    "2147483647, 2147483647",
    "99999999999999999999, 2147483647",
    "%207%20, 7",
  })
  void startIndexBelowOneIsOneAndLargeValuesAreClamped(String raw, int expected) {
    assertEquals(expected, query("startIndex=" + raw).startIndex());
  }

  @ParameterizedTest(name = "count={0} is {1}")
  @CsvSource({
    "10, 10",
    "50, 50",
    "51, 50",
    "99999999999999999999, 50",
    "0, 0",
    "-1, 0",
    "-99999999999999999999, 0",
  })
  void countIsCappedAtTheLargestPageAndNegativeMeansZero(String raw, int expected) {
    assertEquals(expected, query("count=" + raw).count());
  }

  @Test
  void emptyNumbersAreAbsent() {
    SearchSpec spec = query("startIndex=&count=");

    assertEquals(1, spec.startIndex());
    assertEquals(MAX, spec.count());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"startIndex=abc", "startIndex=1.5", "count=ten", "count=1e3", "count=-"})
  void numbersThatAreNotIntegersAreInvalidValues(String param) {
    assertRejected(400, ScimType.INVALID_VALUE, () -> query(param));
  }

  @Test
  void bodyNumbersMayBeJsonNumbersOrStrings() {
    SearchSpec spec = body("{\"startIndex\": 3, \"count\": \"4\"}");

    assertEquals(3, spec.startIndex());
    assertEquals(4, spec.count());
    assertEquals(1, body("{\"startIndex\": -3}").startIndex());
    assertEquals(0, body("{\"count\": -3}").count());
    assertEquals(MAX, body("{\"count\": 1000}").count());
    assertEquals(MAX, body("{\"count\": null}").count());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"count\": 2.5}",
        "{\"count\": true}",
        "{\"count\": \"ten\"}",
        "{\"startIndex\": false}",
        "{\"count\": [5]}",
        "{\"count\": {\"value\": 5}}",
        "{\"startIndex\": [1]}",
      })
  void bodyNumbersOfTheWrongTypeAreInvalidValues(String json) {
    assertRejected(400, ScimType.INVALID_VALUE, () -> body(json));
  }

  // ---- attributes and excludedAttributes

  @Test
  void attributesAreACommaSeparatedListOfPaths() {
    SearchSpec spec =
        query(
            "attributes=userName,%20name.givenName%20,"
                + USER
                + ":name.familyName,"
                + ENTERPRISE
                + ":manager");

    assertEquals(
        List.of(
            AttributePath.of("userName"),
            AttributePath.of("name", "givenName"),
            new AttributePath(USER, "name", "familyName"),
            new AttributePath(ENTERPRISE, "manager", null)),
        spec.attributes());
    assertEquals(List.of(), spec.excludedAttributes());
  }

  @Test
  void excludedAttributesAreParsedTheSameWay() {
    SearchSpec spec = query("excludedAttributes=emails," + USER + ":name.middleName");

    assertEquals(
        List.of(AttributePath.of("emails"), new AttributePath(USER, "name", "middleName")),
        spec.excludedAttributes());
    assertEquals(List.of(), spec.attributes());
  }

  @Test
  void bodyAttributesAreAnArrayOrACommaSeparatedString() {
    List<AttributePath> expected =
        List.of(AttributePath.of("userName"), new AttributePath(USER, "name", "givenName"));

    assertEquals(
        expected,
        body("{\"attributes\": [\"userName\", \"" + USER + ":name.givenName\"]}").attributes());
    assertEquals(
        expected, body("{\"attributes\": \"userName," + USER + ":name.givenName\"}").attributes());
    assertEquals(
        expected,
        body("{\"excludedAttributes\": [\"userName\", \"" + USER + ":name.givenName\"]}")
            .excludedAttributes());
    assertEquals(List.of(), body("{\"attributes\": []}").attributes());
    assertEquals(List.of(), body("{\"attributes\": null}").attributes());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"attributes\": {\"userName\": true}}",
        "{\"attributes\": 5}",
        "{\"excludedAttributes\": true}",
      })
  void bodyAttributesOfTheWrongTypeAreInvalidValues(String json) {
    assertRejected(400, ScimType.INVALID_VALUE, () -> body(json));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "attributes=userName,,name",
        "attributes=userName,",
        "attributes=1userName",
        "attributes=name.given.name",
        "excludedAttributes=emails%5Btype",
        "attributes=nourn:userName",
      })
  void malformedAttributeNamesAreBadRequests(String param) {
    assertRejected(400, null, () -> query(param));
  }

  // ---- sortBy and sortOrder

  @Test
  void sortByNamesOnePathAndSortsAscendingUnlessToldOtherwise() {
    SearchSpec spec = query("sortBy=name.familyName");

    assertEquals(AttributePath.of("name", "familyName"), spec.sortBy());
    assertFalse(spec.descending());
    assertEquals(
        new AttributePath(USER, "userName", null), query("sortBy=" + USER + ":userName").sortBy());
  }

  @ParameterizedTest(name = "sortOrder={0}")
  @CsvSource({
    "ascending, false",
    "ASCENDING, false",
    "descending, true",
    "Descending, true",
    "%20descending%20, true",
  })
  void sortOrderIsAscendingOrDescendingInAnyCase(String raw, boolean descending) {
    assertEquals(descending, query("sortBy=userName&sortOrder=" + raw).descending());
  }

  @Test
  void bodySortByAndSortOrder() {
    SearchSpec spec = body("{\"sortBy\": \"userName\", \"sortOrder\": \"descending\"}");

    assertEquals(AttributePath.of("userName"), spec.sortBy());
    assertTrue(spec.descending());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "sortBy=userName&sortOrder=down",
        "sortBy=userName&sortOrder=asc",
        "sortBy=userName&sortOrder=1",
        "sortBy=userName,name.familyName",
      })
  void otherSortOrdersAndSeveralSortKeysAreInvalidValues(String params) {
    assertRejected(400, ScimType.INVALID_VALUE, () -> query(params));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"sortOrder\": \"down\"}",
        "{\"sortOrder\": true}",
        "{\"sortBy\": [\"userName\"]}",
        "{\"sortBy\": \"userName,emails\"}",
      })
  void bodySortParametersOfTheWrongShapeAreInvalidValues(String json) {
    assertRejected(400, ScimType.INVALID_VALUE, () -> body(json));
  }

  // ---- filter

  @Test
  void theFilterIsParsed() {
    String filter = "userName eq \"bjensen\" and name.familyName sw \"J\"";

    assertEquals(FilterParser.parse(filter), query("filter=" + encode(filter)).filter());
    assertEquals(
        FilterParser.parse(filter),
        body("{\"filter\": " + JSON.getNodeFactory().textNode(filter) + "}").filter());
  }

  @ParameterizedTest(name = "filter={0}")
  @ValueSource(
      strings = {
        "userName eq",
        "userName xx \"a\"",
        "(userName eq \"a\"",
        "userName eq \"unterminated",
        "and",
      })
  void anInvalidFilterIsInvalidFilter(String filter) {
    assertRejected(400, ScimType.INVALID_FILTER, () -> query("filter=" + encode(filter)));
    assertRejected(
        400,
        ScimType.INVALID_FILTER,
        () -> body("{\"filter\": " + JSON.getNodeFactory().textNode(filter) + "}"));
  }

  @Test
  void anEmptyOrBlankFilterParameterIsInvalidNotAbsent() {
    assertRejected(400, ScimType.INVALID_FILTER, () -> query("filter="));
    assertRejected(400, ScimType.INVALID_FILTER, () -> query("filter=%20%20"));
    assertRejected(400, ScimType.INVALID_FILTER, () -> query("count=5&filter=&startIndex=2"));
  }

  @Test
  void aFilterThatIsNotCorrectlyUrlEncodedIsInvalidNotAbsent() {
    assertRejected(400, ScimType.INVALID_FILTER, () -> query("filter=userName%zzeq"));
    assertRejected(400, ScimType.INVALID_FILTER, () -> query("count=3&filter=%"));
  }

  @Test
  void aFilterLongerThanTheLimitIsInvalidFilter() {
    String longest =
        "userName eq \""
            + "a".repeat(SearchSpec.MAX_FILTER_LENGTH - "userName eq \"\"".length())
            + "\"";
    assertEquals(SearchSpec.MAX_FILTER_LENGTH, longest.length());
    assertEquals(FilterParser.parse(longest), body(filterBody(longest)).filter());

    assertRejected(400, ScimType.INVALID_FILTER, () -> body(filterBody(longest + " ")));
  }

  @Test
  void aBodyFilterThatIsNotAStringIsInvalid() {
    assertRejected(400, ScimType.INVALID_VALUE, () -> body("{\"filter\": {\"userName\": \"a\"}}"));
    assertRejected(400, ScimType.INVALID_FILTER, () -> body("{\"filter\": 5}"));
    assertNull(body("{\"filter\": null}").filter());
    assertNull(body("{\"filter\": \"\"}").filter(), "an empty body filter means none");
  }

  // ---- the body itself

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"[]", "\"search\"", "5", "null"})
  void aBodyThatIsNotAnObjectIsInvalidSyntax(String json) {
    assertRejected(400, ScimType.INVALID_SYNTAX, () -> SearchSpec.fromBody(read(json), MAX));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"count\": 5}",
        "{\"schemas\": [], \"count\": 5}",
        "{\"schemas\": \"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"}",
        "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]}",
      })
  void aBodyWithoutTheSearchRequestSchemaIsInvalidSyntax(String json) {
    assertRejected(400, ScimType.INVALID_SYNTAX, () -> SearchSpec.fromBody(read(json), MAX));
  }

  @Test
  void theSearchRequestSchemaMayBeWrittenInAnyCaseAmongOthers() {
    ObjectNode json = (ObjectNode) read("{\"count\": 5}");
    json.putArray("schemas").add("urn:example:other").add(SearchSpec.SEARCH_URN.toUpperCase());

    assertEquals(5, SearchSpec.fromBody(json, MAX).count());
  }

  // ---- helpers

  /** The spec of {@code GET /probe?query}, or the exception {@code fromQuery} threw. */
  private static SearchSpec query(String query) {
    outcome.set(null);
    String target = query.isEmpty() ? "/probe" : "/probe?" + query;
    RawHttp.Answer answer;
    try {
      answer =
          RawHttp.send(
              probe.port(), "GET " + target + " HTTP/1.1\r\nHost: localhost", new byte[0], false);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    assertEquals(204, answer.status(), answer.head());
    Object result = outcome.get();
    if (result instanceof RuntimeException e) {
      throw e;
    }
    return (SearchSpec) result;
  }

  /** The spec of a {@code .search} body; {@code schemas} is added when the JSON has none. */
  private static SearchSpec body(String json) {
    ObjectNode node = (ObjectNode) read(json);
    if (!node.has("schemas")) {
      node.putArray("schemas").add(SearchSpec.SEARCH_URN);
    }
    return SearchSpec.fromBody(node, MAX);
  }

  private static String filterBody(String filter) {
    return "{\"filter\": " + JSON.getNodeFactory().textNode(filter) + "}";
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A SCIM error with this status and scimType ({@code null}: none). */
  private static void assertRejected(int status, ScimType scimType, Executable call) {
    ScimException e = assertThrows(ScimException.class, call);
    assertEquals(status, e.status(), e.detail());
    assertEquals(scimType, e.scimType().orElse(null), e.detail());
  }
}
