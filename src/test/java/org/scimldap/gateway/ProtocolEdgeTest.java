package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.RawHttp;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * The HTTP side of SCIM whoever the client is (RFC 7644 §3): bodies that are not JSON objects,
 * wrong media types, bodies over the size limit, odd paging parameters, unsupported methods and
 * unknown endpoints. Every answer is a SCIM response or a SCIM Error, never a 5xx.
 */
class ProtocolEdgeTest extends BlackBoxContract {
  private static final long BODY_LIMIT = 1_048_576;
  private static final String POST_USERS =
      "POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: Bearer "
          + GatewayUnderTest.TOKEN
          + "\r\n"
          + "Content-Type: application/scim+json; charset=utf-8";

  // --- bodies and media types ----------------------------------------------------------------

  @Test
  void unparsableBodiesAre400InvalidSyntax() throws Exception {
    String id = newUser("body.target");
    String groupId = createdId(scim.post("/Groups", groupBody("Body Target")));
    List<String> bodies =
        List.of(
            "{not json",
            "",
            "[]",
            "[{\"userName\":\"x\"}]",
            "\"a string\"",
            "42",
            "null",
            "userName=x",
            "{\"userName\":\"x\"} trailing",
            "{\"userName\":\"x\"",
            "\u0000");
    for (String body : bodies) {
      for (String[] target :
          List.of(
              new String[] {"POST", "/Users"},
              new String[] {"PUT", "/Users/" + id},
              new String[] {"PATCH", "/Users/" + id},
              new String[] {"POST", "/Groups"},
              new String[] {"PATCH", "/Groups/" + groupId})) {
        Response r = scim.send(target[0], target[1], body, Map.of());
        error(r, 400, "invalidSyntax");
      }
    }
    assertEquals(1, count(PEOPLE, Filter.createPresenceFilter("uid")), "nothing was created");
    assertEquals(
        "body.target",
        ok(scim.get("/Users/" + id)).path("userName").asText(),
        "nothing was changed");
  }

  @Test
  void unpairedSurrogatesAre400InvalidSyntaxNamingWhere() throws Exception {
    String id = newUser("surrogate.target");
    String create =
        "{\"schemas\":[\"" + USER_URN + "\"],\n \"userName\":\"surrogate.new\",\n \"title\":%s}";
    for (String title :
        List.of("\"\\ud800\"", "\"x\\udc00\"", "\"\\udc00\\ud800\"", "\"\\uD83E\"")) {
      String detail =
          error(scim.post("/Users", create.formatted(title)), 400, "invalidSyntax")
              .path("detail")
              .asText();
      assertTrue(detail.contains("line 3, column 10"), detail);
      assertTrue(detail.contains("surrogate"), detail);
    }
    String inName =
        "{\"schemas\":[\"" + USER_URN + "\"],\"userName\":\"surrogate.new\",\"\\ud800\":1}";
    assertTrue(
        error(scim.post("/Users", inName), 400, "invalidSyntax")
            .path("detail")
            .asText()
            .contains("line 1, column"));
    error(
        scim.patch(
            "/Users/" + id,
            patch("[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"a\\ud800b\"}]")),
        400,
        "invalidSyntax");

    byte[] raw =
        ("{\"schemas\":[\"" + USER_URN + "\"],\"userName\":\"surrogate.new\",\"title\":\"a")
            .getBytes(StandardCharsets.UTF_8);
    byte[] rawSurrogate = new byte[raw.length + 5];
    System.arraycopy(raw, 0, rawSurrogate, 0, raw.length);
    System.arraycopy(
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
        0,
        rawSurrogate,
        raw.length,
        5);
    byte[] utf16 =
        ("{\"schemas\":[\"" + USER_URN + "\"],\"userName\":\"surrogate.new\",\"title\":\"\ud800\"}")
            .getBytes(StandardCharsets.UTF_16LE);
    for (byte[] body : List.of(rawSurrogate, utf16)) {
      RawHttp.Answer answer = RawHttp.send(gateway().httpPort(), POST_USERS, body, false);
      assertEquals(400, answer.status(), answer.body());
      JsonNode error = JSON.readTree(answer.body());
      assertEquals("invalidSyntax", error.path("scimType").asText(), answer.body());
    }
    assertTrue(
        JSON.readTree(RawHttp.send(gateway().httpPort(), POST_USERS, rawSurrogate, false).body())
            .path("detail")
            .asText()
            .contains("line 1, column"));

    assertNull(entry(userDn("surrogate.new")), "nothing was created");
    assertNull(entry(userDn("surrogate.target")).getAttributeValue("title"), "nothing changed");

    JsonNode paired =
        created(
            scim.post(
                "/Users",
                "{\"schemas\":[\""
                    + USER_URN
                    + "\"],\"userName\":\"surrogate.pair\","
                    + "\"title\":\"\\ud83e\\udd84\"}"));
    assertEquals("🦄", paired.path("title").asText());
    assertEquals("🦄", entry(userDn("surrogate.pair")).getAttributeValue("title"));
  }

  @Test
  void wrongMediaTypeIs415AndJsonTypesInAnyCaseAreAccepted() throws Exception {
    String id = newUser("media.target");
    for (String type :
        List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/xml",
            "multipart/form-data; boundary=x",
            "text/json")) {
      error(
          scim.send("POST", "/Users", userBody("media.wrong"), Map.of("Content-Type", type)),
          415,
          null);
      error(
          scim.send(
              "PATCH",
              "/Users/" + id,
              patch("[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]"),
              Map.of("Content-Type", type)),
          415,
          null);
    }
    assertNull(entry(userDn("media.wrong")));
    assertTrue(ok(scim.get("/Users/" + id)).path("title").isMissingNode());

    created(
        scim.send(
            "POST",
            "/Users",
            userBody("media.upper"),
            Map.of("Content-Type", "Application/SCIM+JSON; Charset=UTF-8")));
    created(
        scim.send(
            "POST", "/Users", userBody("media.plain"), Map.of("Content-Type", "application/json")));
  }

  // --- size limit ---------------------------------------------------------------------------

  @Test
  void bodyOverTheLimitIs413AndNothingIsCreated() throws Exception {
    byte[] big = paddedUser("too.big", BODY_LIMIT + 100_000);
    RawHttp.Answer sized = RawHttp.send(gateway().httpPort(), POST_USERS, big, false);
    assertEquals(413, sized.status(), sized.head());
    assertEquals(
        ERROR_URN, JSON.readTree(sized.body()).path("schemas").path(0).asText(), sized.body());
    assertEquals("413", JSON.readTree(sized.body()).path("status").asText());
    assertNull(entry(userDn("too.big")));

    Response justUnder =
        scim.post(
            "/Users",
            new String(paddedUser("just.under", BODY_LIMIT - 10_000), StandardCharsets.UTF_8));
    created(justUnder);
  }

  @Test
  void chunkedBodyOverTheLimitIs413AndNothingIsCreated() throws Exception {
    byte[] big = paddedUser("too.big.chunked", BODY_LIMIT + 100_000);
    RawHttp.Answer chunked = RawHttp.send(gateway().httpPort(), POST_USERS, big, true);
    assertEquals(413, chunked.status(), chunked.head() + "\n" + chunked.body());
    assertNull(entry(userDn("too.big.chunked")));
  }

  /** A valid user body padded with unknown attributes to at least {@code size} bytes. */
  private static byte[] paddedUser(String userName, long size) throws IOException {
    ObjectNode body = (ObjectNode) JSON.readTree(userBody(userName));
    String filler = "x".repeat(1_000);
    long length = body.toString().length();
    for (int i = 0; length < size - 2_000; i++) {
      String key = "unknownAttribute" + i;
      body.put(key, filler);
      length += key.length() + filler.length() + 6;
    }
    body.put("lastUnknownAttribute", "x".repeat((int) (size - body.toString().length())));
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  // --- paging --------------------------------------------------------------------------------

  @Test
  void oddPagingParametersAreClampedOrRejected() {
    for (int i = 0; i < 4; i++) {
      newUser("pager" + i);
    }
    JsonNode negative = ok(scim.get("/Users?count=-5"));
    assertEquals(4, negative.path("totalResults").asInt());
    assertEquals(0, negative.path("itemsPerPage").asInt());
    assertEquals(0, negative.path("Resources").size());

    error(scim.get("/Users?count=abc"), 400, null);
    error(scim.get("/Users?startIndex=abc"), 400, null);

    JsonNode zero = ok(scim.get("/Users?startIndex=0&count=2"));
    assertEquals(1, zero.path("startIndex").asInt(), "startIndex 0 is treated as 1");
    assertEquals(2, zero.path("Resources").size());
    assertEquals(
        ids(scim.get("/Users?startIndex=1&count=2")), ids(scim.get("/Users?startIndex=0&count=2")));

    JsonNode huge = ok(scim.get("/Users?count=100000"));
    assertEquals(4, huge.path("totalResults").asInt());
    assertEquals(4, huge.path("Resources").size());
    JsonNode overflow =
        ok(scim.get("/Users?count=99999999999999999999&startIndex=99999999999999999999"));
    assertEquals(4, overflow.path("totalResults").asInt());
    assertEquals(0, overflow.path("Resources").size());
  }

  @Test
  void hugeCountIsCappedAtTheMaximumPage() throws Exception {
    try (LDAPConnection c = gateway().ldap()) {
      for (int i = 0; i < 205; i++) {
        String uid = String.format("bulk%03d", i);
        c.add(
            new Entry(
                userDn(uid).toString(),
                new Attribute(
                    "objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                new Attribute("uid", uid),
                new Attribute("cn", uid),
                new Attribute("sn", uid)));
      }
    }
    JsonNode page = ok(scim.get("/Users?count=100000"));
    assertEquals(205, page.path("totalResults").asInt());
    assertTrue(page.path("itemsPerPage").asInt() <= 200, page.path("itemsPerPage").toString());
    assertEquals(page.path("itemsPerPage").asInt(), page.path("Resources").size());
    assertEquals(200, page.path("Resources").size());
    JsonNode rest = ok(scim.get("/Users?startIndex=201&count=100000"));
    assertEquals(5, rest.path("Resources").size());
  }

  // --- methods and endpoints -----------------------------------------------------------------

  @Test
  void unsupportedMethodsAre405ScimErrors() throws Exception {
    String id = newUser("method.target");
    String[][] calls = {
      {"DELETE", "/Users"}, {"PUT", "/Users"}, {"PATCH", "/Users"},
      {"DELETE", "/Groups"}, {"PUT", "/Groups"}, {"PATCH", "/Groups"},
      {"POST", "/Users/" + id}
    };
    for (String[] call : calls) {
      String body = call[0].equals("DELETE") ? null : userBody("method.other");
      error(scim.send(call[0], call[1], body, Map.of()), 405, null);
    }
    assertNotNull(entry(userDn("method.target")), "nothing was deleted");
    assertNull(entry(userDn("method.other")), "nothing was created");
  }

  @Test
  void methodNotAllowedNamesTheAllowedMethods() {
    Response collection = scim.delete("/Users");
    assertEquals(405, collection.status());
    assertNotNull(collection.header("Allow"), collection.headers().toString());
    assertTrue(
        collection.header("Allow").contains("GET") && collection.header("Allow").contains("POST"));
    Response resource = scim.post("/Users/" + newUser("allow.target"), userBody("allow.other"));
    assertEquals(405, resource.status());
    assertNotNull(resource.header("Allow"), resource.headers().toString());
    assertTrue(resource.header("Allow").contains("PATCH"));
  }

  @Test
  void unknownEndpointsAre404ScimErrors() {
    error(scim.get("/Nothing"), 404, null);
    error(scim.get("/Userz"), 404, null);
    error(scim.post("/Nothing", userBody("x")), 404, null);
    error(scim.get("/Users/" + newUser("deep") + "/more"), 404, null);
  }

  /** Paths under the base of no resource route's shape, answered as a path without a route. */
  @Test
  void pathsOfOtherShapesAre404sNamingTheRequest() {
    for (String path : new String[] {"/Users/a/b", "/", "//Users", "/Users//a", "/Users//"}) {
      JsonNode e = error(scim.get(path), 404, null);
      assertTrue(
          e.path("detail").asText().matches("Endpoint GET /\\S* not found"), path + ": " + e);
    }
    JsonNode post = error(scim.post("/Users/a/b", userBody("x")), 404, null);
    assertTrue(post.path("detail").asText().startsWith("Endpoint POST "), post.toString());
  }

  @Test
  void requestsTheServerCannotReadGetScimErrorsToo() throws Exception {
    String auth = "\r\nHost: localhost\r\nAuthorization: Bearer " + GatewayUnderTest.TOKEN;
    RawHttp.Answer nul =
        RawHttp.send(
            gateway().httpPort(), "GET /scim/v2/Users/%00 HTTP/1.1" + auth, new byte[0], false);
    assertEquals(400, nul.status(), nul.body());
    assertTrue(nul.head().toLowerCase().contains("application/scim+json"), nul.head());
    assertTrue(nul.body().contains(ERROR_URN), nul.body());
    RawHttp.Answer longUri =
        RawHttp.send(
            gateway().httpPort(),
            "GET /scim/v2/Users?filter=" + "a".repeat(20_000) + " HTTP/1.1" + auth,
            new byte[0],
            false);
    assertEquals(414, longUri.status());
    assertTrue(longUri.body().contains(ERROR_URN), longUri.body());
  }
}
