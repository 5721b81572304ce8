package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.RawHttp;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * The core behaviour of the gateway, black box: SCIM over HTTP in, LDAP entries checked directly.
 * Each directory the gateway supports runs this same contract.
 */
class GatewayTest extends BlackBoxContract {

  static String user(String userName, String given, String family, String email) {
    return """
        {"schemas":["%s"],"userName":"%s","name":{"givenName":"%s","familyName":"%s"},
         "emails":[{"value":"%s","type":"work","primary":true}],"active":true}
        """
        .formatted(USER_URN, userName, given, family, email);
  }

  static String group(String name) {
    return """
        {"schemas":["%s"],"displayName":"%s","members":[]}
        """
        .formatted(GROUP_URN, name);
  }

  // --- users -------------------------------------------------------------------------------

  @Test
  void createUserAnswers201WithLocationMetaAndWritesTheMappedEntry() throws Exception {
    Response r =
        scim.post(
            "/Users",
            """
        {"schemas":["%s"],"userName":"jdoe","name":{"givenName":"John","familyName":"Doe"},
         "displayName":"John Doe","title":"Engineer","password":"S3cret-pass!",
         "emails":[{"value":"john@example.com","type":"work","primary":true}],
         "phoneNumbers":[{"value":"+1 555 0100","type":"work"}],"active":true}
        """
                .formatted(USER_URN));
    JsonNode body = created(r);
    String id = body.path("id").asText();
    assertFalse(id.isEmpty());
    assertEquals(body.path("meta").path("location").asText(), r.header("Location"));
    assertTrue(r.header("Location").endsWith("/Users/" + id));
    assertEquals("User", body.path("meta").path("resourceType").asText());
    assertFalse(body.path("meta").path("created").asText().isEmpty());
    assertFalse(body.path("meta").path("lastModified").asText().isEmpty());
    assertTrue(body.path("meta").path("version").asText().startsWith("W/\""));
    assertEquals(body.path("meta").path("version").asText(), r.header("ETag"));
    assertTrue(r.header("Content-Type").startsWith("application/scim+json"));
    assertTrue(body.path("password").isMissingNode(), "password is never returned");
    assertEquals("jdoe", body.path("userName").asText());
    assertEquals(true, body.path("active").asBoolean());

    SearchResultEntry e = entry("uid=jdoe," + PEOPLE);
    assertNotNull(e, "entry under ou=people");
    assertTrue(e.hasObjectClass("inetOrgPerson"));
    assertEquals("John", e.getAttributeValue("givenName"));
    assertEquals("Doe", e.getAttributeValue("sn"));
    assertEquals("John Doe", e.getAttributeValue("displayName"));
    assertEquals("John Doe", e.getAttributeValue("cn"));
    assertEquals("john@example.com", e.getAttributeValue("mail"));
    assertEquals("+1 555 0100", e.getAttributeValue("telephoneNumber"));
    assertEquals("Engineer", e.getAttributeValue("title"));
    assertTrue(e.getAttributeValue("userPassword").startsWith("{SSHA}"), "password stored hashed");
    assertFalse(e.hasAttribute("pwdAccountLockedTime"), "active user is not locked");
    assertEquals(id, e.getAttributeValue("entryUUID").toLowerCase());
  }

  @Test
  void getReturnsTheUserAndUnknownIdsAre404() {
    String id =
        createdId(scim.post("/Users", user("alice", "Alice", "Smith", "alice@example.com")));
    Response got = scim.get("/Users/" + id);
    assertEquals(200, got.status());
    assertEquals("alice", got.json().path("userName").asText());
    assertEquals("alice@example.com", got.json().path("emails").get(0).path("value").asText());
    assertEquals("work", got.json().path("emails").get(0).path("type").asText());
    assertEquals("Smith", got.json().path("name").path("familyName").asText());

    Response missing = scim.get("/Users/010101001010101011001010101011");
    assertEquals(404, missing.status());
    assertEquals(
        "urn:ietf:params:scim:api:messages:2.0:Error",
        missing.json().path("schemas").get(0).asText());
    assertEquals("404", missing.json().path("status").asText());
    assertEquals(404, scim.get("/Users/00000000-0000-0000-0000-000000000000").status());
  }

  @Test
  void takenUserNameIs409UniquenessWhateverTheCase() throws Exception {
    created(scim.post("/Users", user("bob", "Bob", "Jones", "bob@example.com")));
    Response again = scim.post("/Users", user("BOB", "Bob", "Jones", "bob@example.com"));
    assertEquals(409, again.status(), again.toString());
    assertEquals("uniqueness", again.json().path("scimType").asText());
    try (LDAPConnection c = gateway().ldap()) {
      assertEquals(1, c.search(PEOPLE, SearchScope.ONE, "(uid=bob)").getEntryCount());
    }
  }

  @Test
  void filtersRunInTheDirectoryAndAreEscaped() {
    String a = createdId(scim.post("/Users", user("ann", "Ann", "Lee", "ann@example.com")));
    String b = createdId(scim.post("/Users", user("ben", "Ben", "Lee", "ben@corp.example")));
    created(scim.post("/Users", user("a*b", "Star", "Name", "star@example.com")));
    created(
        scim.post(
            "/Users",
            """
        {"schemas":["%s"],"userName":"carl","externalId":"ext-77","name":{"familyName":"King"}}
        """
                .formatted(USER_URN)));

    assertEquals(Set.of(a), ids(scim.get("/Users?filter=" + ScimClient.q("userName eq \"ANN\""))));
    assertEquals(
        Set.of(b),
        ids(scim.get("/Users?filter=" + ScimClient.q("emails.value eq \"ben@corp.example\""))));
    assertEquals(
        Set.of(a, b),
        ids(
            scim.get(
                "/Users?filter=" + ScimClient.q("userName eq \"ann\" or userName eq \"ben\""))));
    assertEquals(
        Set.of(b),
        ids(
            scim.get(
                "/Users?filter="
                    + ScimClient.q("name.familyName eq \"Lee\" and userName eq \"ben\""))));
    assertEquals(
        1, ids(scim.get("/Users?filter=" + ScimClient.q("externalId eq \"ext-77\""))).size());
    assertEquals(
        0,
        ids(scim.get("/Users?filter=" + ScimClient.q("externalId eq \"EXT-77\""))).size(),
        "externalId is case-exact");
    assertEquals(
        1,
        ids(scim.get("/Users?filter=" + ScimClient.q("userName eq \"a*b\""))).size(),
        "* matched literally");
    assertEquals(0, ids(scim.get("/Users?filter=" + ScimClient.q("userName eq \"*\""))).size());
    assertEquals(
        0, ids(scim.get("/Users?filter=" + ScimClient.q("userName eq \"x)(uid=*\""))).size());
    Response probe =
        scim.get("/Users?filter=" + ScimClient.q("userName eq \"6f6c4f1e-0000-4b3e-9f00-random\""));
    assertEquals(200, probe.status());
    assertEquals(0, probe.json().path("totalResults").asInt());
    assertEquals(
        "urn:ietf:params:scim:api:messages:2.0:ListResponse",
        probe.json().path("schemas").get(0).asText());

    Response bad = scim.get("/Users?filter=" + ScimClient.q("userName eq"));
    assertEquals(400, bad.status());
    assertEquals("invalidFilter", bad.json().path("scimType").asText());
  }

  @Test
  void listPagesWithStartIndexAndCount() {
    for (int i = 0; i < 5; i++) {
      created(scim.post("/Users", user("page" + i, "P", "Page", "p" + i + "@example.com")));
    }
    JsonNode first = scim.get("/Users?startIndex=1&count=2").json();
    assertEquals(5, first.path("totalResults").asInt());
    assertEquals(2, first.path("itemsPerPage").asInt());
    assertEquals(1, first.path("startIndex").asInt());
    JsonNode third = scim.get("/Users?startIndex=5&count=2").json();
    assertEquals(1, third.path("Resources").size());
    Set<String> seen = new HashSet<>();
    for (int start = 1; start <= 5; start += 2) {
      seen.addAll(ids(scim.get("/Users?startIndex=" + start + "&count=2")));
    }
    assertEquals(5, seen.size(), "pages do not overlap");
    JsonNode none = scim.get("/Users?count=0").json();
    assertEquals(5, none.path("totalResults").asInt());
    assertEquals(0, none.path("Resources").size());
    assertEquals(2, scim.get("/Users?startIndex=-3&count=2").json().path("Resources").size());
  }

  @Test
  void putReplacesAndClearsAbsentAttributes() throws Exception {
    String body =
        """
        {"schemas":["%s"],"userName":"dana","name":{"givenName":"Dana","familyName":"Ross"},
         "title":"Lead","emails":[{"value":"dana@example.com","type":"work","primary":true}]}
        """
            .formatted(USER_URN);
    String id = createdId(scim.post("/Users", body));
    Response put =
        scim.put(
            "/Users/" + id,
            """
        {"schemas":["%s"],"id":"%s","userName":"dana","name":{"givenName":"Dana","familyName":"Ross-Hill"},
         "emails":[{"value":"dana@corp.example","type":"work","primary":true}],"active":true}
        """
                .formatted(USER_URN, id));
    assertEquals(200, put.status(), put.toString());
    assertEquals("Ross-Hill", put.json().path("name").path("familyName").asText());
    assertTrue(put.json().path("title").isMissingNode());
    SearchResultEntry e = entry("uid=dana," + PEOPLE);
    assertEquals("Ross-Hill", e.getAttributeValue("sn"));
    assertEquals("dana@corp.example", e.getAttributeValue("mail"));
    assertFalse(e.hasAttribute("title"), "absent attribute cleared");
  }

  @Test
  void patchReplaceAddRemoveWithAndWithoutPath() throws Exception {
    String id = createdId(scim.post("/Users", user("erin", "Erin", "Hale", "erin@example.com")));
    Response r =
        scim.patch(
            "/Users/" + id,
            patch(
                """
        [{"op":"replace","path":"name.givenName","value":"Erina"},
         {"op":"add","path":"title","value":"Manager"},
         {"op":"replace","value":{"displayName":"Erina Hale"}}]"""));
    assertEquals(200, r.status(), r.toString());
    assertEquals("Erina", r.json().path("name").path("givenName").asText());
    SearchResultEntry e = entry("uid=erin," + PEOPLE);
    assertEquals("Erina", e.getAttributeValue("givenName"));
    assertEquals("Manager", e.getAttributeValue("title"));
    assertEquals("Erina Hale", e.getAttributeValue("displayName"));

    r = scim.patch("/Users/" + id, patch("[{\"op\":\"remove\",\"path\":\"title\"}]"));
    assertEquals(200, r.status(), r.toString());
    assertFalse(entry("uid=erin," + PEOPLE).hasAttribute("title"));
    assertTrue(r.json().path("title").isMissingNode());
  }

  @Test
  void deactivateWithPatchLocksTheAccountAndTheUserIsStillReturned() throws Exception {
    String id = createdId(scim.post("/Users", user("fred", "Fred", "Gray", "fred@example.com")));
    Response r =
        scim.patch("/Users/" + id, patch("[{\"op\":\"replace\",\"value\":{\"active\":false}}]"));
    assertEquals(200, r.status(), r.toString());
    assertFalse(r.json().path("active").asBoolean(true));
    assertEquals(
        "000001010000Z", entry("uid=fred," + PEOPLE).getAttributeValue("pwdAccountLockedTime"));
    assertFalse(scim.get("/Users/" + id).json().path("active").asBoolean(true));
    assertEquals(1, ids(scim.get("/Users?filter=" + ScimClient.q("userName eq \"fred\""))).size());

    r =
        scim.patch(
            "/Users/" + id, patch("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}]"));
    assertEquals(200, r.status(), r.toString());
    assertTrue(r.json().path("active").asBoolean(false));
    assertFalse(entry("uid=fred," + PEOPLE).hasAttribute("pwdAccountLockedTime"));
  }

  @Test
  void workAddressPartsLandInTheirAttributesAndReadBackAsOneAddress() throws Exception {
    String id = createdId(scim.post("/Users", user("quinn", "Quinn", "Ash", "quinn@example.com")));
    Response r =
        scim.patch(
            "/Users/" + id,
            patch(
                """
        [{"op":"Add","path":"addresses[type eq \\"work\\"].streetAddress","value":"1 Main St"},
         {"op":"Add","path":"addresses[type eq \\"work\\"].locality","value":"Springfield"},
         {"op":"Replace","path":"addresses[type eq \\"work\\"].postalCode","value":"12345"}]"""));
    assertEquals(200, r.status(), r.toString());
    SearchResultEntry e = entry("uid=quinn," + PEOPLE);
    assertEquals("1 Main St", e.getAttributeValue("street"));
    assertEquals("Springfield", e.getAttributeValue("l"));
    assertEquals("12345", e.getAttributeValue("postalCode"));
    JsonNode addresses = scim.get("/Users/" + id).json().path("addresses");
    assertEquals(1, addresses.size(), addresses.toString());
    assertEquals("work", addresses.get(0).path("type").asText());
    assertEquals("Springfield", addresses.get(0).path("locality").asText());
    assertEquals("1 Main St", addresses.get(0).path("streetAddress").asText());
  }

  @Test
  void deleteAnswers204AndRemovesTheEntry() throws Exception {
    String id = createdId(scim.post("/Users", user("gail", "Gail", "Ford", "gail@example.com")));
    Response d = scim.delete("/Users/" + id);
    assertEquals(204, d.status());
    assertNull(entry("uid=gail," + PEOPLE));
    assertEquals(404, scim.get("/Users/" + id).status());
    assertEquals(404, scim.delete("/Users/" + id).status());
  }

  // --- groups ------------------------------------------------------------------------------

  @Test
  void emptyGroupKeepsAPlaceholderThatScimNeverShows() throws Exception {
    JsonNode g = created(scim.post("/Groups", group("Engineering")));
    assertEquals("Engineering", g.path("displayName").asText());
    assertEquals(0, g.path("members").size());
    SearchResultEntry e = entry("cn=Engineering," + GROUPS);
    assertTrue(e.hasObjectClass("groupOfNames"));
    assertEquals(List.of("cn=nobody"), Arrays.asList(e.getAttributeValues("member")));
    assertEquals(0, scim.get("/Groups/" + g.path("id").asText()).json().path("members").size());
  }

  @Test
  void membersAreDnsAddedAndRemovedOneByOne() throws Exception {
    String u1 = createdId(scim.post("/Users", user("hank", "Hank", "Moody", "hank@example.com")));
    String u2 = createdId(scim.post("/Users", user("ivy", "Ivy", "Pope", "ivy@example.com")));
    String g = createdId(scim.post("/Groups", group("Writers")));

    Response add =
        scim.patch(
            "/Groups/" + g,
            patch(
                """
        [{"op":"add","path":"members","value":[{"value":"%s"},{"value":"%s"}]}]"""
                    .formatted(u1, u2)));
    assertEquals(204, add.status(), add.toString());
    assertEquals(Set.of(u1, u2), memberIds(scim.get("/Groups/" + g).json()));
    assertEquals(
        Set.of(new DN("uid=hank," + PEOPLE), new DN("uid=ivy," + PEOPLE)),
        memberDns("cn=Writers," + GROUPS),
        "members are DNs; the placeholder is gone");

    Response remove =
        scim.patch(
            "/Groups/" + g,
            patch(
                """
        [{"op":"remove","path":"members[value eq \\"%s\\"]"}]"""
                    .formatted(u1)));
    assertEquals(204, remove.status(), remove.toString());
    assertEquals(Set.of(u2), memberIds(scim.get("/Groups/" + g).json()));
    assertEquals(Set.of(new DN("uid=ivy," + PEOPLE)), memberDns("cn=Writers," + GROUPS));

    scim.patch(
        "/Groups/" + g,
        patch(
            """
        [{"op":"Remove","path":"members","value":[{"value":"%s"}]}]"""
                .formatted(u2)));
    assertEquals(
        Set.of(new DN("cn=nobody")),
        memberDns("cn=Writers," + GROUPS),
        "placeholder back when empty");
    assertEquals(0, scim.get("/Groups/" + g).json().path("members").size());
  }

  @Test
  void memberPatchAnswersWithTheGroupWhenAttributesAreAsked() throws Exception {
    String u = createdId(scim.post("/Users", user("lou", "Lou", "Reed", "lou@example.com")));
    String g = createdId(scim.post("/Groups", group("Band")));
    Response r =
        scim.patch(
            "/Groups/" + g + "?attributes=members,displayName",
            patch(
                """
        [{"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"}]},
         {"op":"Replace","path":"displayName","value":"The Band"}]"""
                    .formatted(u)));
    assertEquals(200, r.status(), r.toString());
    assertEquals(Set.of(u), memberIds(r.json()));
    assertEquals("The Band", r.json().path("displayName").asText());
    assertTrue(r.json().path("members").get(0).path("$ref").asText().endsWith("/Users/" + u));
    assertEquals(Set.of(new DN("uid=lou," + PEOPLE)), memberDns("cn=The Band," + GROUPS));
    Response bad =
        scim.patch(
            "/Groups/" + g,
            patch(
                """
        [{"op":"add","path":"members","value":[{"value":"00000000-0000-0000-0000-000000000000"}]}]"""));
    assertEquals(400, bad.status(), bad.toString());
    assertEquals(
        Set.of(new DN("uid=lou," + PEOPLE)),
        memberDns("cn=The Band," + GROUPS),
        "nothing half-applied");
  }

  @Test
  void aPatchThatChangesNothingLeavesTheDirectoryAlone() throws Exception {
    String u = createdId(scim.post("/Users", user("nat", "Nat", "Cole", "nat@example.com")));
    String g =
        createdId(
            scim.post(
                "/Groups",
                """
        {"schemas":["%s"],"displayName":"Same","members":[{"value":"%s"}]}"""
                    .formatted(GROUP_URN, u)));
    String groupVersion = scim.get("/Groups/" + g).header("ETag");
    String groupStamp = entry("cn=Same," + GROUPS).getAttributeValue("modifyTimestamp");
    Response again =
        scim.patch(
            "/Groups/" + g,
            patch(
                """
        [{"op":"add","path":"members","value":[{"value":"%s"}]},
         {"op":"remove","path":"members[value eq \\"00000000-0000-0000-0000-000000000001\\"]"}]"""
                    .formatted(u)));
    assertEquals(204, again.status(), again.toString());
    assertEquals(groupVersion, again.header("ETag"));
    assertEquals(groupStamp, entry("cn=Same," + GROUPS).getAttributeValue("modifyTimestamp"));

    String userVersion = scim.get("/Users/" + u).header("ETag");
    Response same =
        scim.patch(
            "/Users/" + u,
            patch("[{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Nat\"}]"));
    assertEquals(200, same.status(), same.toString());
    assertEquals(userVersion, same.header("ETag"));
  }

  @Test
  void groupsAreFoundByDisplayNameAndNamesAreUnique() {
    String g = createdId(scim.post("/Groups", group("Sales Team")));
    assertEquals(
        Set.of(g),
        ids(scim.get("/Groups?filter=" + ScimClient.q("displayName eq \"sales team\""))));
    Response dup = scim.post("/Groups", group("SALES TEAM"));
    assertEquals(409, dup.status());
    assertEquals("uniqueness", dup.json().path("scimType").asText());
  }

  @Test
  void renamingAUserKeepsItsIdAndItsGroupMembership() throws Exception {
    String u = createdId(scim.post("/Users", user("jack", "Jack", "Ryan", "jack@example.com")));
    String g =
        createdId(
            scim.post(
                "/Groups",
                """
        {"schemas":["%s"],"displayName":"Analysts","members":[{"value":"%s"}]}
        """
                    .formatted(GROUP_URN, u)));
    Response r =
        scim.patch(
            "/Users/" + u,
            patch("[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"jack.ryan\"}]"));
    assertEquals(200, r.status(), r.toString());
    assertEquals(u, r.json().path("id").asText());
    assertEquals("jack.ryan", r.json().path("userName").asText());
    assertNull(entry("uid=jack," + PEOPLE));
    assertNotNull(entry("uid=jack.ryan," + PEOPLE));
    assertEquals(u, scim.get("/Users/" + u).json().path("id").asText());
    waitForMembers("cn=Analysts," + GROUPS, Set.of(new DN("uid=jack.ryan," + PEOPLE)));
    assertEquals(Set.of(u), memberIds(scim.get("/Groups/" + g).json()));
  }

  @Test
  void deletingAUserRemovesItFromItsGroups() throws Exception {
    String u = createdId(scim.post("/Users", user("kim", "Kim", "Wu", "kim@example.com")));
    created(
        scim.post(
            "/Groups",
            """
        {"schemas":["%s"],"displayName":"Ops","members":[{"value":"%s"}]}
        """
                .formatted(GROUP_URN, u)));
    assertEquals(204, scim.delete("/Users/" + u).status());
    waitForMembers("cn=Ops," + GROUPS, Set.of(new DN("cn=nobody")));
  }

  // --- correlation ---------------------------------------------------------------------------

  @Test
  void entriesCreatedOutsideScimAppearWithStableIds() throws Exception {
    try (LDAPConnection c = gateway().ldap()) {
      c.add(
          "dn: uid=legacy," + PEOPLE,
          "objectClass: inetOrgPerson",
          "uid: legacy",
          "cn: Legacy User",
          "sn: User",
          "mail: legacy@example.com");
    }
    Set<String> first = ids(scim.get("/Users?filter=" + ScimClient.q("userName eq \"legacy\"")));
    assertEquals(1, first.size());
    String id = first.iterator().next();
    assertEquals(first, ids(scim.get("/Users?filter=" + ScimClient.q("userName eq \"legacy\""))));
    assertEquals(
        "legacy@example.com",
        scim.get("/Users/" + id).json().path("emails").get(0).path("value").asText());
    assertTrue(ids(scim.get("/Users")).contains(id));
  }

  @Test
  void unauthenticatedRequestsAre401() {
    Response none = gateway().client(null).get("/Users");
    assertEquals(401, none.status());
    assertEquals("401", none.json().path("status").asText());
    assertEquals(
        401,
        gateway().client("wrong").post("/Users", user("x", "X", "Y", "x@example.com")).status());
  }

  @Test
  void badInputIsAScimErrorNeverAServerError() {
    Response notJson = scim.post("/Users", "{not json");
    assertEquals(400, notJson.status());
    assertEquals("invalidSyntax", notJson.json().path("scimType").asText());
    assertEquals(400, scim.post("/Users", "[]").status());
    assertEquals(400, scim.post("/Users", "").status());
    Response noName =
        scim.post("/Users", "{\"schemas\":[\"" + USER_URN + "\"],\"name\":{\"familyName\":\"X\"}}");
    assertEquals(400, noName.status());
    assertEquals("invalidValue", noName.json().path("scimType").asText());
    Response wrongType =
        scim.send(
            "POST",
            "/Users",
            "userName=x",
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertEquals(415, wrongType.status());
    Response nowhere = scim.get("/Nothing");
    assertEquals(404, nowhere.status());
    assertEquals(
        "urn:ietf:params:scim:api:messages:2.0:Error",
        nowhere.json().path("schemas").get(0).asText());
    Response method = scim.delete("/Users");
    assertEquals(405, method.status());
    assertEquals("405", method.json().path("status").asText());
  }

  @Test
  void aNameChangedOnlyInCaseIsAccepted() throws Exception {
    String u = createdId(scim.post("/Users", user("case.user", "C", "U", "cu@example.com")));
    Response r =
        scim.patch(
            "/Users/" + u,
            patch("[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"Case.User\"}]"));
    assertEquals(200, r.status(), r.toString());
    assertEquals(u, r.json().path("id").asText());
    assertEquals(
        Set.of(u), ids(scim.get("/Users?filter=" + ScimClient.q("userName eq \"CASE.USER\""))));
    String g = createdId(scim.post("/Groups", group("Sales Team")));
    Response renamed =
        scim.patch(
            "/Groups/" + g,
            patch("[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"SALES TEAM\"}]"));
    assertEquals(200, renamed.status(), renamed.toString());
  }

  @Test
  void replacingTheMembersOfAnEmptyGroupDropsThePlaceholder() throws Exception {
    String u = createdId(scim.post("/Users", user("rep", "R", "P", "rep@example.com")));
    String g = createdId(scim.post("/Groups", group("Replaced")));
    Response r =
        scim.patch(
            "/Groups/" + g,
            patch(
                """
        [{"op":"replace","path":"members","value":[{"value":"%s"}]}]"""
                    .formatted(u)));
    assertEquals(204, r.status(), r.toString());
    assertEquals(Set.of(new DN("uid=rep," + PEOPLE)), memberDns("cn=Replaced," + GROUPS));
    r =
        scim.patch(
            "/Groups/" + g,
            patch(
                """
        [{"op":"replace","path":"members","value":[]},
         {"op":"add","path":"members","value":[{"value":"%s"}]}]"""
                    .formatted(u)));
    assertEquals(204, r.status(), r.toString());
    assertEquals(Set.of(new DN("uid=rep," + PEOPLE)), memberDns("cn=Replaced," + GROUPS));
  }

  @Test
  void oversizedOrMalformedRequestsAreRefusedCleanly() throws Exception {
    String g = createdId(scim.post("/Groups", group("Capped")));
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 1001; i++) {
      many.append(i == 0 ? "" : ",")
          .append("{\"value\":\"00000000-0000-0000-0000-")
          .append(String.format("%012d", i))
          .append("\"}");
    }
    Response tooMany =
        scim.patch(
            "/Groups/" + g,
            patch("[{\"op\":\"remove\",\"path\":\"members\",\"value\":" + many + "]}]"));
    assertEquals(400, tooMany.status(), tooMany.toString());
    assertEquals("tooMany", tooMany.json().path("scimType").asText());

    RawHttp.Answer badEscape =
        RawHttp.send(
            gateway().httpPort(),
            "GET /scim/v2/Users?filter=userName%20eq%20%22a%zz%22 HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer "
                + GatewayUnderTest.TOKEN,
            new byte[0],
            false);
    assertEquals(400, badEscape.status(), badEscape.body());
    assertTrue(badEscape.body().contains("percent escape"), badEscape.body());

    StringBuilder chain = new StringBuilder("userName eq \"0\"");
    for (int i = 1; i < 5000; i++) {
      chain.append(" or userName eq \"").append(i).append('"');
    }
    Response deep =
        scim.post(
            "/Users/.search",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                + "\"filter\":"
                + JSON.getNodeFactory().textNode(chain.toString())
                + "}");
    assertEquals(400, deep.status(), deep.toString());
    Response hugeNumber =
        scim.post(
            "/Users/.search",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                + "\"startIndex\":\""
                + "9".repeat(100_000)
                + "\"}");
    assertEquals(200, hugeNumber.status());
    assertEquals(0, hugeNumber.json().path("Resources").size());
  }

  @Test
  void thePrimaryEmailStaysPrimary() {
    String id =
        createdId(
            scim.post(
                "/Users",
                """
        {"schemas":["%s"],"userName":"prim","name":{"familyName":"P"},
         "emails":[{"value":"w1@example.com","type":"work"},
                   {"value":"w2@example.com","type":"work","primary":true}]}"""
                    .formatted(USER_URN)));
    JsonNode emails = scim.get("/Users/" + id).json().path("emails");
    assertEquals(2, emails.size());
    for (JsonNode e : emails) {
      assertEquals(
          e.path("value").asText().equals("w2@example.com"),
          e.path("primary").asBoolean(false),
          e.toString());
    }
  }

  @Test
  void phoneNumbersCompareAsSentNotAsTheDirectoryNormalisesThem() {
    String id =
        createdId(
            scim.post(
                "/Users",
                """
        {"schemas":["%s"],"userName":"phone","name":{"familyName":"P"},
         "phoneNumbers":[{"value":"+1 555 0002","type":"work"}]}"""
                    .formatted(USER_URN)));
    assertEquals(
        Set.of(),
        ids(scim.get("/Users?filter=" + ScimClient.q("phoneNumbers.value eq \"+15550002\""))));
    assertEquals(
        Set.of(id),
        ids(scim.get("/Users?filter=" + ScimClient.q("phoneNumbers.value eq \"+1 555 0002\""))));
  }

  @Test
  void aGroupCannotBeItsOwnMember() throws Exception {
    String g = createdId(scim.post("/Groups", group("Ouroboros")));
    Response self =
        scim.patch(
            "/Groups/" + g,
            patch(
                """
        [{"op":"add","path":"members","value":[{"value":"%s"}]}]"""
                    .formatted(g)));
    assertEquals(400, self.status(), self.toString());
    assertEquals("invalidValue", self.json().path("scimType").asText());
    assertEquals(Set.of(new DN("cn=nobody")), memberDns("cn=Ouroboros," + GROUPS));
  }

  @Test
  void aPutWithoutActiveDoesNotEnableADisabledAccount() throws Exception {
    String id =
        createdId(
            scim.post(
                "/Users",
                """
        {"schemas":["%s"],"userName":"dormant","name":{"familyName":"D"},"active":false}"""
                    .formatted(USER_URN)));
    Response put =
        scim.put(
            "/Users/" + id,
            """
        {"schemas":["%s"],"userName":"dormant","name":{"familyName":"Dormant"}}"""
                .formatted(USER_URN));
    assertEquals(200, put.status(), put.toString());
    assertFalse(put.json().path("active").asBoolean(true));
    assertEquals(
        "000001010000Z", entry("uid=dormant," + PEOPLE).getAttributeValue("pwdAccountLockedTime"));
    Response enable =
        scim.put(
            "/Users/" + id,
            """
        {"schemas":["%s"],"userName":"dormant","name":{"familyName":"Dormant"},"active":true}"""
                .formatted(USER_URN));
    assertTrue(enable.json().path("active").asBoolean(false));
  }

  @Test
  void membershipOperationsApplyInTheirOrder() throws Exception {
    String a = createdId(scim.post("/Users", user("ord.a", "A", "A", "a@example.com")));
    String b = createdId(scim.post("/Users", user("ord.b", "B", "B", "b@example.com")));
    String g = createdId(scim.post("/Groups", group("Ordered")));
    Response r =
        scim.patch(
            "/Groups/" + g,
            patch(
                """
        [{"op":"add","path":"members","value":[{"value":"%s"}]},
         {"op":"remove","path":"members[value eq \\"%s\\"]"}]"""
                    .formatted(a, a)));
    assertEquals(204, r.status(), r.toString());
    assertEquals(Set.of(new DN("cn=nobody")), memberDns("cn=Ordered," + GROUPS));
    r =
        scim.patch(
            "/Groups/" + g,
            patch(
                """
        [{"op":"add","path":"members","value":[{"value":"%s"}]},
         {"op":"remove","path":"members[value eq \\"%s\\"]"},
         {"op":"add","path":"members","value":[{"value":"%s"}]}]"""
                    .formatted(b, b, b)));
    assertEquals(204, r.status(), r.toString());
    assertEquals(Set.of(new DN("uid=ord.b," + PEOPLE)), memberDns("cn=Ordered," + GROUPS));
  }

  @Test
  void aCreateThatCollidesWithAnotherKindOfEntryLeavesItsMembershipsAlone() throws Exception {
    try (var ldap = gateway().ldap()) {
      ldap.add("dn: uid=zed," + PEOPLE, "objectClass: account", "uid: zed");
      ldap.add(
          "dn: cn=Zeds," + GROUPS,
          "objectClass: groupOfNames",
          "cn: Zeds",
          "member: uid=zed," + PEOPLE);
    }
    Response r = scim.post("/Users", user("zed", "Z", "Z", "zed@example.com"));
    assertEquals(409, r.status(), r.toString());
    assertEquals(Set.of(new DN("uid=zed," + PEOPLE)), memberDns("cn=Zeds," + GROUPS));
  }
}
