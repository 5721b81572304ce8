package org.scimldap.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Runs every case under {@code src/test/resources/patch/}: {@code before.json}, {@code ops.json}
 * (the whole PATCH body) and either {@code after.json} or {@code error.json} ({@code status},
 * {@code scimType}, optional {@code detailContains}). A resource whose {@code schemas} names the
 * Group schema is patched as a Group, any other as a User.
 */
class PatchFixtureTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(root())) {
      return dirs
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void thereAreEnoughCases() throws IOException {
    assertTrue(cases().count() >= 40, "expected at least 40 PATCH fixtures");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fixture(String name) {
    Path dir = root().resolve(name);
    ObjectNode before = (ObjectNode) read(dir.resolve("before.json"));
    ObjectNode untouched = before.deepCopy();
    JsonNode body = read(dir.resolve("ops.json"));
    ResourceSchema schema = schemaFor(before);
    if (Files.exists(dir.resolve("error.json"))) {
      JsonNode error = read(dir.resolve("error.json"));
      ScimException e =
          assertThrows(
              ScimException.class,
              () -> PatchEngine.apply(before, PatchRequestParser.parse(body), schema));
      assertEquals(error.path("status").asInt(), e.status(), e.detail());
      assertEquals(
          error.path("scimType").asText(null),
          e.scimType().map(ScimType::keyword).orElse(null),
          e.detail());
      if (error.has("detailContains")) {
        String expected = error.get("detailContains").asText();
        assertTrue(e.detail().contains(expected), "detail '" + e.detail() + "' lacks " + expected);
      }
    } else {
      List<PatchOperation> ops = PatchRequestParser.parse(body);
      ObjectNode after = PatchEngine.apply(before, ops, schema);
      JsonNode expected = read(dir.resolve("after.json"));
      if (!expected.equals(after)) {
        assertEquals(expected.toPrettyString(), after.toPrettyString());
      }
      assertEquals(expected, after);
      boolean fixtureChanges = !expected.equals(read(dir.resolve("before.json")));
      assertEquals(
          fixtureChanges,
          PatchEngine.changes(before, after),
          "changes() on the resource passed in agrees with the fixture");
    }
    assertEquals(untouched, before, "the input resource must not be modified");
  }

  @Test
  void thereAreFixturesThatChangeSomethingAndFixturesThatChangeNothing() throws IOException {
    long unchanged =
        cases()
            .map(root()::resolve)
            .filter(dir -> Files.exists(dir.resolve("after.json")))
            .filter(dir -> read(dir.resolve("after.json")).equals(read(dir.resolve("before.json"))))
            .count();
    long changed =
        cases().map(root()::resolve).filter(dir -> Files.exists(dir.resolve("after.json"))).count()
            - unchanged;

    assertTrue(unchanged >= 3, "fixtures where changes() must say false: " + unchanged);
    assertTrue(changed >= 3, "fixtures where changes() must say true: " + changed);
  }

  /**
   * The request fails at its second operation, although its first one alone would change the
   * resource; the failure names the second, and the resource passed in is left as it was.
   */
  @Test
  void appliesNothingWhenALaterOperationFails() {
    ObjectNode before = (ObjectNode) read(root().resolve("okta-deactivate/before.json"));
    ObjectNode untouched = before.deepCopy();
    String first = "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Changed\"}";
    String failing = "{\"op\":\"replace\",\"path\":\"id\",\"value\":\"other\"}";
    ObjectNode firstAlone =
        PatchEngine.apply(before, PatchRequestParser.parse(patch(first)), PatchTestSchemas.user());
    assertEquals("Changed", firstAlone.path("displayName").asText());
    assertTrue(PatchEngine.changes(before, firstAlone));

    ScimException e =
        assertThrows(
            ScimException.class,
            () ->
                PatchEngine.apply(
                    before,
                    PatchRequestParser.parse(patch(first + "," + failing)),
                    PatchTestSchemas.user()));

    assertTrue(e.detail().startsWith("Operations[1]: "), e.detail());
    assertEquals(ScimType.MUTABILITY, e.scimType().orElse(null), e.detail());
    assertEquals(untouched, before, "the resource passed in is unchanged");
  }

  private static JsonNode patch(String operations) {
    return read(
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
            + operations
            + "]}");
  }

  private static ResourceSchema schemaFor(JsonNode resource) {
    for (JsonNode urn : resource.path("schemas")) {
      if (urn.asText().equalsIgnoreCase(PatchTestSchemas.GROUP)) {
        return PatchTestSchemas.group();
      }
    }
    return PatchTestSchemas.user();
  }

  private static Path root() {
    URL url = PatchFixtureTest.class.getResource("/patch");
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
