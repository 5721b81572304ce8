package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.IdpHeaders;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Replays of what Microsoft Entra ID sends: the Test Connection probe, users with the enterprise
 * extension, capitalised PATCH ops and string booleans, the newer no-path replaces, manager
 * changes, and groups with Microsoft's own schema URN and both member-removal styles.
 */
class EntraReplayTest extends BlackBoxContract {
  static final String MS_GROUP_URN =
      "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

  ScimClient entra;

  @BeforeEach
  void entraClient() {
    entra = scim.withHeaders(IdpHeaders.entra());
  }

  /** A user as Entra creates it: core, enterprise extension, {@code "active": "True"}, meta. */
  static String entraUser(String userName, String externalId, String extension) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "externalId":"%s",
         "userName":"%s",
         "active":"True",
         "displayName":"Test User",
         "emails":[{"primary":true,"type":"work","value":"%2$s"}],
         "meta":{"resourceType":"User"},
         "name":{"formatted":"Test User","familyName":"User","givenName":"Test"},
         "roles":[],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":%s}
        """
        .formatted(externalId, userName, extension);
  }

  String createUser(String userName) {
    return createdId(entra.post("/Users", entraUser(userName, UUID.randomUUID().toString(), "{}")));
  }

  static JsonNode enterprise(JsonNode user) {
    return user.path(ENTERPRISE_URN);
  }

  // --- users -------------------------------------------------------------------------------

  @Test
  void testConnectionProbesAnswerAnEmptyList() {
    String guid = UUID.randomUUID().toString();
    for (String probe :
        new String[] {
          "/Users?" + filter("userName eq \"" + guid + "\""),
          "/Users?" + filter("externalId eq \"" + guid + "\""),
          "/Users?filter=userName+eq+%22" + guid + "%22"
        }) {
      Response r = entra.get(probe);
      JsonNode body = ok(r);
      assertEquals(LIST_URN, body.path("schemas").path(0).asText(), probe);
      assertEquals(0, body.path("totalResults").asInt(-1), probe);
      assertEquals(0, body.path("Resources").size(), probe);
    }
  }

  @Test
  void createWithEnterpriseExtensionManagerAndStringActive() throws Exception {
    String manager = createUser("boss@contoso.com");
    String externalId = UUID.randomUUID().toString();
    Response r =
        entra.post(
            "/Users",
            entraUser(
                "Test_User_ab6490ee@contoso.com",
                externalId,
                """
        {"employeeNumber":"701984","department":"Tour Operations","manager":{"value":"%s"}}"""
                    .formatted(manager)));
    JsonNode user = created(r);
    String id = user.path("id").asText();
    assertTrue(user.path("active").isBoolean(), "active answered as a JSON boolean: " + user);
    assertTrue(user.path("active").booleanValue());
    assertTrue(user.path("schemas").toString().contains(ENTERPRISE_URN), user.toString());
    assertEquals("701984", enterprise(user).path("employeeNumber").asText());
    assertEquals("Tour Operations", enterprise(user).path("department").asText());
    assertEquals(manager, enterprise(user).path("manager").path("value").asText());
    assertEquals(externalId, user.path("externalId").asText());
    assertTrue(user.path("roles").isMissingNode() || user.path("roles").isEmpty());
    assertEquals("User", user.path("meta").path("resourceType").asText());

    SearchResultEntry e = entry(userDn("Test_User_ab6490ee@contoso.com"));
    assertNotNull(e);
    assertEquals("701984", e.getAttributeValue("employeeNumber"));
    assertEquals("Tour Operations", e.getAttributeValue("departmentNumber"));
    assertEquals(
        userDn("boss@contoso.com"), new DN(e.getAttributeValue("manager")), "manager is the DN");
    assertFalse(e.hasAttribute("pwdAccountLockedTime"), "\"True\" means active");

    assertEquals(
        Set.of(id), ids(entra.get("/Users?" + filter("externalId eq \"" + externalId + "\""))));
    assertEquals(
        Set.of(id),
        ids(entra.get("/Users?" + filter("userName eq \"test_user_ab6490ee@contoso.com\""))));
    JsonNode got = ok(entra.get("/Users/" + id));
    assertEquals(manager, enterprise(got).path("manager").path("value").asText());
  }

  @Test
  void matchingByWorkEmailWithEntrasValuePathFilter() {
    String id = createUser("match.me@contoso.com");
    createUser("other@contoso.com");
    Response r =
        entra.get("/Users?" + filter("emails[type eq \"work\"].value eq \"match.me@contoso.com\""));
    assertEquals(Set.of(id), ids(r));
    assertEquals(
        Set.of(),
        ids(
            entra.get(
                "/Users?" + filter("emails[type eq \"work\"].value eq \"nobody@contoso.com\""))));
  }

  @Test
  void matchingByWorkEmailWithTheRfcSpellingOfTheSameFilter() {
    String id = createUser("match.me@contoso.com");
    createUser("other@contoso.com");
    Response r =
        entra.get(
            "/Users?" + filter("emails[type eq \"work\" and value eq \"match.me@contoso.com\"]"));
    assertEquals(Set.of(id), ids(r));
    assertEquals(
        Set.of(),
        ids(
            entra.get(
                "/Users?"
                    + filter("emails[type eq \"home\" and value eq \"match.me@contoso.com\"]"))));
  }

  @Test
  void addToAWorkEmailThatDoesNotExistYetCreatesIt() throws Exception {
    String id =
        createdId(
            entra.post(
                "/Users",
                """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"no.mail@contoso.com","active":true,
         "name":{"givenName":"No","familyName":"Mail"}}
        """));
    assertFalse(entry(userDn("no.mail@contoso.com")).hasAttribute("mail"));
    JsonNode user =
        ok(
            entra.patch(
                "/Users/" + id,
                patch(
                    """
        [{"op":"Add","path":"emails[type eq \\"work\\"].value","value":"no.mail@contoso.com"}]""")));
    assertEquals("no.mail@contoso.com", user.path("emails").path(0).path("value").asText());
    assertEquals("work", user.path("emails").path(0).path("type").asText());
    assertEquals(
        "no.mail@contoso.com", entry(userDn("no.mail@contoso.com")).getAttributeValue("mail"));
  }

  @Test
  void capitalisedReplacesOfEveryPathEntraSends() throws Exception {
    String id =
        createdId(
            entra.post(
                "/Users",
                """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
         "userName":"old.name@contoso.com","active":true,"displayName":"Old Name",
         "name":{"givenName":"Old","familyName":"Name"},
         "emails":[{"primary":true,"type":"work","value":"old.name@contoso.com"}],
         "phoneNumbers":[{"type":"work","value":"+1 555 0100"}]}
        """));

    JsonNode user =
        ok(
            entra.patch(
                "/Users/" + id,
                patch(
                    """
        [{"op":"Replace","path":"userName","value":"new.name@contoso.com"},
         {"op":"Replace","path":"displayName","value":"New Name"},
         {"op":"Replace","path":"name.givenName","value":"New"},
         {"op":"Replace","path":"name.familyName","value":"Surname"},
         {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"new.name@contoso.com"},
         {"op":"Replace","path":"phoneNumbers[type eq \\"work\\"].value","value":"+1 555 0199"},
         {"op":"Add","path":"phoneNumbers[type eq \\"mobile\\"].value","value":"+1 555 0111"}]""")));
    assertEquals(id, user.path("id").asText(), "a new userName keeps the id");
    assertEquals("new.name@contoso.com", user.path("userName").asText());
    assertEquals("New Name", user.path("displayName").asText());
    assertEquals("New", user.path("name").path("givenName").asText());
    assertEquals("Surname", user.path("name").path("familyName").asText());

    assertNull(entry(userDn("old.name@contoso.com")), "entry renamed");
    SearchResultEntry e = entry(userDn("new.name@contoso.com"));
    assertNotNull(e);
    assertEquals(id, e.getAttributeValue("entryUUID").toLowerCase());
    assertEquals("New Name", e.getAttributeValue("displayName"));
    assertEquals("New", e.getAttributeValue("givenName"));
    assertEquals("Surname", e.getAttributeValue("sn"));
    assertEquals("new.name@contoso.com", e.getAttributeValue("mail"));
    assertEquals("+1 555 0199", e.getAttributeValue("telephoneNumber"));
    assertEquals("+1 555 0111", e.getAttributeValue("mobile"));

    ok(
        entra.patch(
            "/Users/" + id,
            patch(
                """
        [{"op":"Replace","path":"phoneNumbers[type eq \\"mobile\\"].value","value":"+1 555 0122"}]""")));
    e = entry(userDn("new.name@contoso.com"));
    assertEquals("+1 555 0122", e.getAttributeValue("mobile"));
    assertEquals(
        "+1 555 0199", e.getAttributeValue("telephoneNumber"), "the work phone is untouched");
    JsonNode got = ok(entra.get("/Users/" + id));
    assertEquals(Set.of("work:+1 555 0199", "mobile:+1 555 0122"), phones(got));
  }

  @Test
  void disableWithTheStringFalseKeepsTheUserFindable() throws Exception {
    String externalId = UUID.randomUUID().toString();
    String id = createdId(entra.post("/Users", entraUser("off@contoso.com", externalId, "{}")));

    JsonNode user =
        ok(
            entra.patch(
                "/Users/" + id,
                patch("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]")));
    assertTrue(user.path("active").isBoolean());
    assertFalse(user.path("active").booleanValue());
    assertEquals(
        "000001010000Z",
        entry(userDn("off@contoso.com")).getAttributeValue("pwdAccountLockedTime"));

    assertFalse(ok(entra.get("/Users/" + id)).path("active").asBoolean(true));
    Response byExternal = entra.get("/Users?" + filter("externalId eq \"" + externalId + "\""));
    assertEquals(Set.of(id), ids(byExternal));
    assertFalse(byExternal.json().path("Resources").path(0).path("active").asBoolean(true));
    assertEquals(Set.of(id), ids(entra.get("/Users?" + filter("userName eq \"off@contoso.com\""))));

    ok(
        entra.patch(
            "/Users/" + id,
            patch("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}]")));
    assertFalse(entry(userDn("off@contoso.com")).hasAttribute("pwdAccountLockedTime"));
    assertTrue(ok(entra.get("/Users/" + id)).path("active").asBoolean(false));
  }

  @Test
  void newerBehaviourNoPathReplaceWithKeysThatArePaths() throws Exception {
    String id =
        createdId(
            entra.post(
                "/Users",
                entraUser(
                    "keys@contoso.com",
                    UUID.randomUUID().toString(),
                    """
        {"employeeNumber":"1","department":"Old"}""")));

    JsonNode user =
        ok(
            entra.patch(
                "/Users/" + id,
                patch(
                    """
        [{"op":"replace","value":{
            "displayName":"Keys Person",
            "name.givenName":"Keys",
            "name.familyName":"Person",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"4242",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"New",
            "active":false}}]""")));
    assertEquals("Keys", user.path("name").path("givenName").asText());
    assertEquals("Person", user.path("name").path("familyName").asText());
    assertEquals("4242", enterprise(user).path("employeeNumber").asText());
    assertEquals("New", enterprise(user).path("department").asText());
    assertFalse(user.path("active").asBoolean(true));

    SearchResultEntry e = entry(userDn("keys@contoso.com"));
    assertEquals("Keys", e.getAttributeValue("givenName"));
    assertEquals("Person", e.getAttributeValue("sn"));
    assertEquals("Keys Person", e.getAttributeValue("displayName"));
    assertEquals("4242", e.getAttributeValue("employeeNumber"));
    assertEquals("New", e.getAttributeValue("departmentNumber"));
    assertTrue(e.hasAttribute("pwdAccountLockedTime"));
  }

  @Test
  void managerIsSetAsObjectOrBareIdAndRemoved() throws Exception {
    String report = createUser("report@contoso.com");
    String first = createUser("first.boss@contoso.com");
    String second = createUser("second.boss@contoso.com");

    assertManager(report, "Add", "{\"value\":\"" + first + "\"}", first, "first.boss@contoso.com");
    assertManager(report, "Replace", "\"" + second + "\"", second, "second.boss@contoso.com");
    assertManager(
        report, "Replace", "{\"value\":\"" + first + "\"}", first, "first.boss@contoso.com");

    JsonNode user =
        ok(
            entra.patch(
                "/Users/" + report,
                patch("[{\"op\":\"Remove\",\"path\":\"" + ENTERPRISE_URN + ":manager\"}]")));
    assertTrue(enterprise(user).path("manager").isMissingNode(), user.toString());
    assertFalse(
        entry(userDn("report@contoso.com")).hasAttribute("manager"), "manager attribute gone");
    assertTrue(enterprise(ok(entra.get("/Users/" + report))).path("manager").isMissingNode());
  }

  /** Sets the manager with Entra's op and value form; SCIM and LDAP then name that manager. */
  private void assertManager(
      String report, String op, String value, String managerId, String managerUid)
      throws Exception {
    JsonNode user =
        ok(
            entra.patch(
                "/Users/" + report,
                patch(
                    "[{\"op\":\""
                        + op
                        + "\",\"path\":\""
                        + ENTERPRISE_URN
                        + ":manager\",\"value\":"
                        + value
                        + "}]")));
    assertEquals(managerId, enterprise(user).path("manager").path("value").asText());
    SearchResultEntry e = entry(userDn("report@contoso.com"));
    assertEquals(1, e.getAttributeValues("manager").length);
    assertEquals(userDn(managerUid), new DN(e.getAttributeValue("manager")));
  }

  @Test
  void unknownAndUnmappedAttributesAreIgnored() throws Exception {
    Response r =
        entra.post(
            "/Users",
            """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User"],
         "userName":"extra@contoso.com","active":true,
         "name":{"givenName":"Ex","familyName":"Tra","middleName":"Q","honorificPrefix":"Dr"},
         "nickName":"Exy","userType":"Member","timezone":"Europe/Paris","profileUrl":"https://x.example",
         "addresses":[{"type":"work","formatted":"1 Main St","streetAddress":"1 Main St","locality":"Town",
                       "postalCode":"12345","country":"US","primary":true}],
         "favouriteColour":"green",
         "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User":{"CustomAttribute":"x"},
         "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:Other":"y"}
        """);
    String id = createdId(r);
    assertFalse(r.raw().contains("favouriteColour"));
    assertNotNull(entry(userDn("extra@contoso.com")));

    JsonNode user =
        ok(
            entra.patch(
                "/Users/" + id,
                patch(
                    """
        [{"op":"Add","path":"nickName","value":"Exy2"},
         {"op":"Add","path":"addresses[type eq \\"work\\"].streetAddress","value":"2 Main St"},
         {"op":"Replace","path":"addresses[type eq \\"work\\"].locality","value":"City"},
         {"op":"Replace","path":"name.givenName","value":"Exo"},
         {"op":"replace","value":{"favouriteColour":"blue","title":"Engineer"}}]""")));
    assertEquals("Exo", user.path("name").path("givenName").asText());
    assertEquals("Engineer", user.path("title").asText());
    SearchResultEntry e = entry(userDn("extra@contoso.com"));
    assertEquals("Exo", e.getAttributeValue("givenName"));
    assertEquals("Engineer", e.getAttributeValue("title"));

    // A path of a custom extension the gateway does not carry is ignored, as in a POST; the rest
    // applies.
    Response custom =
        entra.patch(
            "/Users/" + id,
            patch(
                """
        [{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttribute",
          "value":"z"},
         {"op":"Replace","path":"title","value":"Lead"}]"""));
    assertEquals(200, custom.status(), custom.toString());
    assertEquals("Lead", entry(userDn("extra@contoso.com")).getAttributeValue("title"));
    assertEquals("Exo", entry(userDn("extra@contoso.com")).getAttributeValue("givenName"));
  }

  @Test
  void deleteAnswers204AndTheUserIsGone() throws Exception {
    String id = createUser("bye@contoso.com");
    Response d = entra.delete("/Users/" + id);
    assertEquals(204, d.status(), d.toString());
    assertNull(entry(userDn("bye@contoso.com")));
    error(entra.get("/Users/" + id), 404, null);
  }

  // --- groups ------------------------------------------------------------------------------

  static String entraGroup(String displayName, String externalId) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                    "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
         "externalId":"%s","displayName":"%s","meta":{"resourceType":"Group"}}
        """
        .formatted(externalId, displayName);
  }

  @Test
  void groupWithMicrosoftSchemaUrnIsAcceptedAndReadWithoutMembers() throws Exception {
    String u = createUser("in.group@contoso.com");
    String externalId = UUID.randomUUID().toString();
    Response r = entra.post("/Groups", entraGroup("Sales EU", externalId));
    JsonNode group = created(r);
    String id = group.path("id").asText();
    assertEquals("Sales EU", group.path("displayName").asText());
    assertEquals(externalId, group.path("externalId").asText());
    // The unknown URN is accepted and ignored; the answer names only the schemas the gateway
    // serves.
    assertTrue(group.path("schemas").toString().contains(GROUP_URN));
    assertFalse(group.path("schemas").toString().contains(MS_GROUP_URN), group.toString());
    SearchResultEntry e = entry(groupDn("Sales EU"));
    assertNotNull(e);
    assertEquals(id, e.getAttributeValue("entryUUID").toLowerCase());
    patchedGroup(
        entra,
        id,
        entra.patch(
            "/Groups/" + id,
            patch(
                """
        [{"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"}]}]"""
                    .formatted(u))));

    Response list =
        entra.get("/Groups?excludedAttributes=members&" + filter("displayName eq \"Sales EU\""));
    assertEquals(Set.of(id), ids(list));
    JsonNode found = list.json().path("Resources").path(0);
    assertFalse(found.has("members"), "members excluded: " + found);
    assertEquals("Sales EU", found.path("displayName").asText());

    JsonNode one = ok(entra.get("/Groups/" + id + "?excludedAttributes=members"));
    assertFalse(one.has("members"), "members excluded: " + one);
    assertEquals(id, one.path("id").asText());
    assertEquals("Sales EU", one.path("displayName").asText());
    assertEquals(
        Set.of(u),
        memberIds(ok(entra.get("/Groups/" + id))),
        "members are there when not excluded");

    assertEquals(
        Set.of(id), ids(entra.get("/Groups?" + filter("externalId eq \"" + externalId + "\""))));

    JsonNode renamed =
        patchedGroup(
            entra,
            id,
            entra.patch(
                "/Groups/" + id,
                patch(
                    """
        [{"op":"Replace","path":"displayName","value":"Sales Europe"}]""")));
    assertEquals(id, renamed.path("id").asText());
    assertEquals("Sales Europe", renamed.path("displayName").asText());
    assertNull(entry(groupDn("Sales EU")));
    assertEquals(id, entry(groupDn("Sales Europe")).getAttributeValue("entryUUID").toLowerCase());
    assertEquals(
        Set.of(userDn("in.group@contoso.com")), memberDns(groupDn("Sales Europe").toString()));
  }

  @Test
  void membersAddedWithNullRefAndRemovedEitherWayOnlyTheNamedOnes() throws Exception {
    String u1 = createUser("one@contoso.com");
    String u2 = createUser("two@contoso.com");
    String u3 = createUser("three@contoso.com");
    String g =
        createdId(entra.post("/Groups", entraGroup("Members", UUID.randomUUID().toString())));
    String groupDn = groupDn("Members").toString();

    JsonNode group =
        patchedGroup(
            entra,
            g,
            entra.patch(
                "/Groups/" + g,
                patch(
                    """
        [{"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"},{"$ref":null,"value":"%s"},
                                               {"$ref":null,"value":"%s"}]}]"""
                        .formatted(u1, u2, u3))));
    assertEquals(Set.of(u1, u2, u3), memberIds(group));
    assertEquals(
        Set.of(userDn("one@contoso.com"), userDn("two@contoso.com"), userDn("three@contoso.com")),
        memberDns(groupDn));

    patchedGroup(
        entra,
        g,
        entra.patch(
            "/Groups/" + g,
            patch(
                """
        [{"op":"Remove","path":"members[value eq \\"%s\\"]"}]"""
                    .formatted(u1))));
    assertEquals(
        Set.of(userDn("two@contoso.com"), userDn("three@contoso.com")), memberDns(groupDn));

    patchedGroup(
        entra,
        g,
        entra.patch(
            "/Groups/" + g,
            patch(
                """
        [{"op":"Remove","path":"members","value":[{"value":"%s"}]}]"""
                    .formatted(u2))));
    assertEquals(
        Set.of(userDn("three@contoso.com")),
        memberDns(groupDn),
        "only the listed member is removed");
    assertEquals(Set.of(u3), memberIds(ok(entra.get("/Groups/" + g))));

    patchedGroup(
        entra,
        g,
        entra.patch(
            "/Groups/" + g,
            patch(
                """
        [{"op":"Remove","path":"members","value":[{"value":"%s"}]}]"""
                    .formatted(u1))));
    assertEquals(
        Set.of(userDn("three@contoso.com")),
        memberDns(groupDn),
        "removing a non-member changes nothing");
  }

  private static Set<String> phones(JsonNode user) {
    Set<String> out = new HashSet<>();
    user.path("phoneNumbers")
        .forEach(p -> out.add(p.path("type").asText() + ":" + p.path("value").asText()));
    return out;
  }
}
