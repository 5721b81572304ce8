package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.SchemaConformance;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * RFC 7644 protocol features, black box: discovery, sorting, searching with POST, attribute
 * selection, versions, and that every resource answered conforms to the schemas the gateway
 * publishes.
 */
class ProtocolTest extends BlackBoxContract {

  String createUser(String userName, String family, String title) {
    Response r =
        scim.post(
            "/Users",
            """
        {"schemas":["%s","%s"],"userName":"%s","name":{"givenName":"G","familyName":"%s"},
         "title":"%s","emails":[{"value":"%s@example.com","type":"work","primary":true}],
         "%s":{"employeeNumber":"E-%s","department":"R&D"}}
        """
                .formatted(
                    GatewayTest.USER_URN,
                    ENTERPRISE_URN,
                    userName,
                    family,
                    title,
                    userName,
                    ENTERPRISE_URN,
                    userName));
    assertEquals(201, r.status(), r.toString());
    return r.json().path("id").asText();
  }

  @Test
  void discoveryDocumentsDescribeWhatTheMappingCarries() {
    JsonNode spc = scim.get("/ServiceProviderConfig").json();
    assertTrue(spc.path("patch").path("supported").asBoolean());
    assertFalse(spc.path("bulk").path("supported").asBoolean(true));
    assertEquals(200, spc.path("filter").path("maxResults").asInt());
    assertTrue(spc.path("sort").path("supported").asBoolean());
    assertTrue(spc.path("etag").path("supported").asBoolean());
    assertEquals(
        "oauthbearertoken", spc.path("authenticationSchemes").get(0).path("type").asText());

    JsonNode types = scim.get("/ResourceTypes").json();
    assertEquals(2, types.path("totalResults").asInt());
    JsonNode user = scim.get("/ResourceTypes/User").json();
    assertEquals("/Users", user.path("endpoint").asText());
    assertEquals(ENTERPRISE_URN, user.path("schemaExtensions").get(0).path("schema").asText());
    assertEquals(404, scim.get("/ResourceTypes/Printer").status());
    assertEquals(404, scim.get("/Sch%65mas").status(), "a fixed path is known only as written");
    Response below = scim.get("/ServiceProviderConfig/x");
    assertEquals(404, below.status(), below.toString());
    assertEquals("404", below.json().path("status").asText(), below.toString());

    JsonNode userSchema = scim.get("/Schemas/" + GatewayTest.USER_URN).json();
    List<String> names = new ArrayList<>();
    userSchema.path("attributes").forEach(a -> names.add(a.path("name").asText()));
    assertTrue(names.contains("userName"));
    assertTrue(names.contains("nickName"), "kept in the store, so advertised (unmapped: keep)");
    assertTrue(names.contains("groups"), "read from the groups' member values: advertised");
    assertEquals(3, scim.get("/Schemas").json().path("totalResults").asInt());
    assertEquals(404, scim.get("/Schemas/urn:nothing").status());
    Response typed = scim.get("/ServiceProviderConfig");
    assertTrue(typed.header("Content-Type").startsWith("application/scim+json"));
  }

  @Test
  void everyResourceAnsweredConformsToThePublishedSchemas() {
    String boss = createUser("boss", "Boss", "CEO");
    String u = createUser("worker", "Worker", "Dev");
    Response patched =
        scim.patch(
            "/Users/" + u,
            GatewayTest.patch(
                """
        [{"op":"replace","path":"%s:manager","value":{"value":"%s"}}]"""
                    .formatted(ENTERPRISE_URN, boss)));
    assertEquals(200, patched.status(), patched.toString());
    assertEquals(boss, patched.json().path(ENTERPRISE_URN).path("manager").path("value").asText());
    Response g =
        scim.post(
            "/Groups",
            """
        {"schemas":["%s"],"displayName":"Conformists","members":[{"value":"%s"}]}"""
                .formatted(GatewayTest.GROUP_URN, u));
    assertEquals(201, g.status(), g.toString());

    List<JsonNode> published = new ArrayList<>();
    scim.get("/Schemas").json().path("Resources").forEach(published::add);
    List<JsonNode> resources = new ArrayList<>();
    resources.add(patched.json());
    resources.add(g.json());
    resources.add(scim.get("/Users/" + boss).json());
    scim.get("/Users").json().path("Resources").forEach(resources::add);
    scim.get("/Groups").json().path("Resources").forEach(resources::add);
    for (JsonNode r : resources) {
      String core = r.path("schemas").get(0).asText();
      assertEquals(List.of(), SchemaConformance.violations(r, published, core), r.toString());
    }
  }

  @Test
  void sortByOrdersTheWholeResultBeforePaging() {
    createUser("u1", "Charlie", "t");
    createUser("u2", "alpha", "t");
    createUser("u3", "Bravo", "t");
    assertEquals(List.of("alpha", "Bravo", "Charlie"), families("/Users?sortBy=name.familyName"));
    assertEquals(
        List.of("Charlie", "Bravo", "alpha"),
        families("/Users?sortBy=name.familyName&sortOrder=descending"));
    assertEquals(List.of("Bravo"), families("/Users?sortBy=name.familyName&startIndex=2&count=1"));
    assertEquals(400, scim.get("/Users?sortBy=name.familyName&sortOrder=sideways").status());
  }

  @Test
  void searchWithPostOnTheRootAndOnAType() {
    String u = createUser("sam", "Searcher", "t");
    scim.post("/Groups", GatewayTest.group("Searchers"));
    Response typed =
        scim.post(
            "/Users/.search",
            """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
         "filter":"userName eq \\"sam\\"","attributes":["userName"],"startIndex":1,"count":10}""");
    assertEquals(200, typed.status(), typed.toString());
    assertEquals(1, typed.json().path("totalResults").asInt());
    JsonNode only = typed.json().path("Resources").get(0);
    assertEquals(u, only.path("id").asText());
    assertTrue(only.path("name").isMissingNode(), "only the asked attributes (and id)");

    Response root =
        scim.post(
            "/.search",
            """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"displayName pr or userName pr"}""");
    assertEquals(200, root.status(), root.toString());
    assertEquals(2, root.json().path("totalResults").asInt());
    Response across =
        scim.post(
            "/.search",
            """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
         "filter":"userName eq \\"sam\\" and members pr"}""");
    assertEquals(200, across.status(), across.toString());
    assertEquals(0, across.json().path("totalResults").asInt());
    Response unknown =
        scim.post(
            "/.search",
            """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"shoeSize pr"}""");
    assertEquals(400, unknown.status(), unknown.toString());
    Response bad = scim.post("/.search", "{\"filter\":\"userName eq \\\"x\\\"\"}");
    assertEquals(400, bad.status());
  }

  @Test
  void attributesAndExcludedAttributesApplyToEveryAnswer() {
    String u = createUser("ada", "Lovelace", "Countess");
    JsonNode got = scim.get("/Users/" + u + "?attributes=userName,name.familyName").json();
    assertEquals("ada", got.path("userName").asText());
    assertEquals("Lovelace", got.path("name").path("familyName").asText());
    assertTrue(got.path("name").path("givenName").isMissingNode());
    assertTrue(got.path("title").isMissingNode());
    assertEquals(u, got.path("id").asText());

    JsonNode excluded =
        scim.get("/Users/" + u + "?excludedAttributes=emails," + ENTERPRISE_URN).json();
    assertTrue(excluded.path("emails").isMissingNode());
    assertTrue(excluded.path(ENTERPRISE_URN).isMissingNode());
    assertEquals("Countess", excluded.path("title").asText());

    Response put =
        scim.put(
            "/Users/" + u + "?attributes=title",
            """
        {"schemas":["%s"],"userName":"ada","name":{"familyName":"Lovelace"},"title":"Analyst"}"""
                .formatted(GatewayTest.USER_URN));
    assertEquals(200, put.status(), put.toString());
    assertEquals("Analyst", put.json().path("title").asText());
    assertTrue(put.json().path("userName").isMissingNode());

    String g =
        scim.post(
                "/Groups",
                """
        {"schemas":["%s"],"displayName":"Big","members":[{"value":"%s"}]}"""
                    .formatted(GatewayTest.GROUP_URN, u))
            .json()
            .path("id")
            .asText();
    JsonNode noMembers = scim.get("/Groups/" + g + "?excludedAttributes=members").json();
    assertTrue(noMembers.path("members").isMissingNode());
    assertEquals("Big", noMembers.path("displayName").asText());
    JsonNode listed =
        scim.get(
                "/Groups?excludedAttributes=members&filter="
                    + ScimClient.q("displayName eq \"Big\""))
            .json();
    assertTrue(listed.path("Resources").get(0).path("members").isMissingNode());
  }

  @Test
  void versionsMakeConditionalRequestsWork() {
    String u = createUser("eve", "Version", "t");
    Response first = scim.get("/Users/" + u);
    String etag = first.header("ETag");
    assertEquals(first.json().path("meta").path("version").asText(), etag);
    assertEquals(
        304, scim.send("GET", "/Users/" + u, null, Map.of("If-None-Match", etag)).status());

    Response changed =
        scim.send(
            "PATCH",
            "/Users/" + u,
            GatewayTest.patch("[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"New\"}]"),
            Map.of("If-Match", etag));
    assertEquals(200, changed.status(), changed.toString());
    assertFalse(etag.equals(changed.header("ETag")), "a change makes a new version");

    Response stale =
        scim.send(
            "PATCH",
            "/Users/" + u,
            GatewayTest.patch("[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Newer\"}]"),
            Map.of("If-Match", etag));
    assertEquals(412, stale.status(), stale.toString());
    assertEquals("New", scim.get("/Users/" + u).json().path("title").asText());
    assertEquals(412, scim.send("DELETE", "/Users/" + u, null, Map.of("If-Match", etag)).status());
  }

  @Test
  void unsupportedFeaturesSaySo() {
    Response me = scim.get("/Me");
    assertEquals(501, me.status());
    assertEquals("501", me.json().path("status").asText());
    assertEquals(501, scim.post("/Bulk", "{}").status());
  }

  private List<String> families(String path) {
    Response r = scim.get(path);
    assertEquals(200, r.status(), r.toString());
    List<String> out = new ArrayList<>();
    r.json().path("Resources").forEach(x -> out.add(x.path("name").path("familyName").asText()));
    return out;
  }
}
