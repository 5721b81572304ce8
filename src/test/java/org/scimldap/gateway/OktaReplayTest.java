package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.IdpHeaders;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;
import org.scimldap.testsupport.Ssha;

/**
 * Replays of what Okta sends when it provisions users and pushes groups: the request lines, bodies
 * and headers of Okta's SCIM 2.0 reference and of its SPEC test, with the SCIM answers and the
 * directory entries checked after each step.
 */
class OktaReplayTest extends BlackBoxContract {
  ScimClient okta;

  @BeforeEach
  void oktaClient() {
    okta = scim.withHeaders(IdpHeaders.okta());
  }

  /** The user Okta creates, as in its SCIM 2.0 reference (with an empty {@code groups}). */
  static String oktaUser(String userName, String given, String family, String password) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
         "userName":"%1$s",
         "name":{"givenName":"%2$s","familyName":"%3$s"},
         "emails":[{"primary":true,"value":"%1$s","type":"work"}],
         "displayName":"%2$s %3$s",
         "locale":"en-US",
         "externalId":"00ujl29u0le5T6Aj10h7",
         "groups":[],
         "password":"%4$s",
         "active":true}
        """
        .formatted(userName, given, family, password);
  }

  static String oktaGroup(String displayName) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":[]}
        """
        .formatted(displayName);
  }

  String createUser(String userName, String given, String family) {
    return createdId(okta.post("/Users", oktaUser(userName, given, family, "1mz050nq")));
  }

  // --- users -------------------------------------------------------------------------------

  @Test
  void lookupBeforeCreateIsAnEmptyListResponse() {
    Response r =
        okta.get("/Users?filter=userName%20eq%20%22jdoe%40example.com%22&startIndex=1&count=100");
    JsonNode body = ok(r);
    assertEquals(LIST_URN, body.path("schemas").path(0).asText());
    assertEquals(0, body.path("totalResults").asInt(-1));
    // RFC 7644 §3.4.2: Resources is required only when totalResults is non-zero; empty is fine.
    assertTrue(
        body.path("Resources").isMissingNode() || body.path("Resources").isEmpty(), r.toString());
    assertEquals(1, body.path("startIndex").asInt());
    assertEquals(0, body.path("itemsPerPage").asInt(0));
  }

  @Test
  void createCarriesPasswordLocaleEmailsAndEmptyGroups() throws Exception {
    Response r = okta.post("/Users", oktaUser("jdoe@example.com", "John", "Doe", "1mz050nq"));
    JsonNode user = created(r);
    String id = user.path("id").asText();
    assertFalse(id.isEmpty());
    assertTrue(r.header("Location").endsWith("/Users/" + id), r.header("Location"));
    assertEquals("jdoe@example.com", user.path("userName").asText());
    assertEquals("John", user.path("name").path("givenName").asText());
    assertEquals("Doe", user.path("name").path("familyName").asText());
    assertEquals("John Doe", user.path("displayName").asText());
    assertEquals("jdoe@example.com", user.path("emails").path(0).path("value").asText());
    assertEquals("00ujl29u0le5T6Aj10h7", user.path("externalId").asText());
    assertTrue(user.path("active").asBoolean(false));
    assertTrue(user.path("password").isMissingNode(), "password is never returned");

    SearchResultEntry e = entry(userDn("jdoe@example.com"));
    assertNotNull(e, "uid=jdoe@example.com under ou=people");
    assertEquals(id, e.getAttributeValue("entryUUID").toLowerCase());
    assertEquals("John", e.getAttributeValue("givenName"));
    assertEquals("Doe", e.getAttributeValue("sn"));
    assertEquals("jdoe@example.com", e.getAttributeValue("mail"));
    assertTrue(
        Ssha.matches(e.getAttributeValue("userPassword"), "1mz050nq"),
        e.getAttributeValue("userPassword"));
    assertFalse(e.hasAttribute("pwdAccountLockedTime"));

    Response lookup =
        okta.get("/Users?filter=userName%20eq%20%22jdoe%40example.com%22&startIndex=1&count=100");
    assertEquals(Set.of(id), ids(lookup));
    assertEquals(1, lookup.json().path("totalResults").asInt());
  }

  @Test
  void secondCreateOfTheSameUserNameIs409() throws Exception {
    createUser("dup@example.com", "Dup", "One");
    Response again = okta.post("/Users", oktaUser("dup@example.com", "Dup", "Two", "other-pass-1"));
    error(again, 409, "uniqueness");
    assertEquals(1, count(PEOPLE, Filter.createEqualityFilter("uid", "dup@example.com")));
    assertEquals(
        "One", entry(userDn("dup@example.com")).getAttributeValue("sn"), "first user untouched");
  }

  @Test
  void specTestReadsTheFirstUserAndGets404ForAnUnknownId() {
    createUser("first@example.com", "First", "User");
    createUser("second@example.com", "Second", "User");

    JsonNode page = ok(okta.get("/Users?count=1&startIndex=1"));
    assertEquals(LIST_URN, page.path("schemas").path(0).asText());
    assertEquals(2, page.path("totalResults").asInt());
    assertEquals(1, page.path("itemsPerPage").asInt());
    assertEquals(1, page.path("startIndex").asInt());
    assertEquals(1, page.path("Resources").size());
    JsonNode first = page.path("Resources").path(0);
    assertFalse(first.path("id").asText().isEmpty());
    assertTrue(first.path("schemas").toString().contains(USER_URN), first.toString());
    assertFalse(first.path("userName").asText().isEmpty());
    assertEquals("User", first.path("name").path("familyName").asText());
    assertFalse(first.path("name").path("givenName").asText().isEmpty());
    assertTrue(first.path("emails").path(0).path("value").asText().endsWith("@example.com"));
    assertTrue(first.path("active").isBoolean(), first.toString());
    assertEquals("User", first.path("meta").path("resourceType").asText());
    assertTrue(first.path("password").isMissingNode());

    error(okta.get("/Users/010101001010101011001010101011"), 404, null);
  }

  @Test
  void putReplacesTheProfileAndKeepsThePassword() throws Exception {
    String id = createUser("put@example.com", "Put", "Before");
    Response r =
        okta.withHeaders(IdpHeaders.oktaPlainJson())
            .put(
                "/Users/" + id,
                """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
         "id":"%s",
         "userName":"put@example.com",
         "name":{"givenName":"Another","familyName":"After"},
         "emails":[{"primary":true,"value":"put.after@example.com","type":"work"}],
         "displayName":"Another After",
         "locale":"en-US",
         "externalId":"00ujl29u0le5T6Aj10h7",
         "groups":[],
         "active":true,
         "meta":{"resourceType":"User"}}
        """
                    .formatted(id));
    JsonNode user = ok(r);
    assertEquals(id, user.path("id").asText());
    assertEquals("Another", user.path("name").path("givenName").asText());
    assertEquals("After", user.path("name").path("familyName").asText());
    assertEquals("put.after@example.com", user.path("emails").path(0).path("value").asText());
    assertEquals("Another After", user.path("displayName").asText());

    SearchResultEntry e = entry(userDn("put@example.com"));
    assertEquals("Another", e.getAttributeValue("givenName"));
    assertEquals("After", e.getAttributeValue("sn"));
    assertEquals("put.after@example.com", e.getAttributeValue("mail"));
    assertEquals("Another After", e.getAttributeValue("displayName"));
    assertTrue(
        Ssha.matches(e.getAttributeValue("userPassword"), "1mz050nq"),
        "a PUT without password keeps it");
  }

  @Test
  void putWithANewUserNameRenamesTheEntryAndKeepsTheIdAndGroups() throws Exception {
    String id = createUser("before@example.com", "Re", "Name");
    String g = createdId(okta.post("/Groups", oktaGroup("Renamers")));
    patchedGroup(
        okta,
        g,
        okta.patch(
            "/Groups/" + g,
            patch(
                "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}]")));

    JsonNode user =
        ok(
            okta.put(
                "/Users/" + id,
                oktaUser("after@example.com", "Re", "Name", "1mz050nq")
                    .replace("\"schemas\"", "\"id\":\"" + id + "\",\"schemas\"")));
    assertEquals(id, user.path("id").asText());
    assertEquals("after@example.com", user.path("userName").asText());
    assertNull(entry(userDn("before@example.com")));
    SearchResultEntry e = entry(userDn("after@example.com"));
    assertNotNull(e);
    assertEquals(id, e.getAttributeValue("entryUUID").toLowerCase());
    assertEquals("after@example.com", e.getAttributeValue("uid"));
    assertEquals(1, e.getAttributeValues("uid").length, "old uid value removed");
    assertEquals(
        Set.of(id), ids(okta.get("/Users?" + filter("userName eq \"after@example.com\""))));
    assertEquals(Set.of(), ids(okta.get("/Users?" + filter("userName eq \"before@example.com\""))));
    waitForMembers(groupDn("Renamers").toString(), Set.of(userDn("after@example.com")));
    assertEquals(Set.of(id), memberIds(ok(okta.get("/Groups/" + g))));
  }

  @Test
  void deactivateKeepsTheUserReadableAndLocksTheAccount() throws Exception {
    String id = createUser("leaver@example.com", "Lea", "Ver");
    String other = createUser("stayer@example.com", "Stay", "Er");

    JsonNode r =
        ok(
            okta.patch(
                "/Users/" + id, patch("[{\"op\":\"replace\",\"value\":{\"active\":false}}]")));
    assertFalse(r.path("active").asBoolean(true));
    assertEquals(
        "000001010000Z",
        entry(userDn("leaver@example.com")).getAttributeValue("pwdAccountLockedTime"));

    JsonNode got = ok(okta.get("/Users/" + id));
    assertFalse(got.path("active").asBoolean(true));
    assertEquals("leaver@example.com", got.path("userName").asText());
    Response byName =
        okta.get(
            "/Users?" + filter("userName eq \"leaver@example.com\"") + "&startIndex=1&count=100");
    assertEquals(Set.of(id), ids(byName));
    assertFalse(byName.json().path("Resources").path(0).path("active").asBoolean(true));
    assertEquals(
        Set.of(id, other), ids(okta.get("/Users?startIndex=1&count=100")), "imports still see it");
    assertFalse(entry(userDn("stayer@example.com")).hasAttribute("pwdAccountLockedTime"));

    r = ok(okta.patch("/Users/" + id, patch("[{\"op\":\"replace\",\"value\":{\"active\":true}}]")));
    assertTrue(r.path("active").asBoolean(false));
    assertTrue(ok(okta.get("/Users/" + id)).path("active").asBoolean(false));
    assertFalse(entry(userDn("leaver@example.com")).hasAttribute("pwdAccountLockedTime"));
    assertTrue(
        Ssha.matches(
            entry(userDn("leaver@example.com")).getAttributeValue("userPassword"), "1mz050nq"),
        "deactivation and reactivation keep the password");
  }

  @Test
  void passwordChangeArrivesAsPatchAndIsStoredHashed() throws Exception {
    String id = createUser("pw@example.com", "Pass", "Word");
    String before = entry(userDn("pw@example.com")).getAttributeValue("userPassword");

    Response r =
        okta.patch(
            "/Users/" + id,
            patch("[{\"op\":\"replace\",\"value\":{\"password\":\"t1meMa$heen\"}}]"));
    JsonNode user = ok(r);
    assertTrue(user.path("password").isMissingNode(), "password is never returned");
    assertFalse(r.raw().contains("t1meMa$heen"));
    String after = entry(userDn("pw@example.com")).getAttributeValue("userPassword");
    assertNotEquals(before, after);
    assertTrue(after.startsWith("{SSHA}"), after);
    assertTrue(Ssha.matches(after, "t1meMa$heen"));
    assertFalse(Ssha.matches(after, "1mz050nq"));

    ok(
        okta.patch(
            "/Users/" + id,
            patch("[{\"op\":\"replace\",\"path\":\"password\",\"value\":\"Second-0ne\"}]")));
    assertTrue(
        Ssha.matches(
            entry(userDn("pw@example.com")).getAttributeValue("userPassword"), "Second-0ne"));
    Response got = okta.get("/Users/" + id);
    assertTrue(ok(got).path("password").isMissingNode());
    assertFalse(got.raw().contains("SSHA"), "the hash is not returned either");
  }

  @Test
  void importPagesOverAllUsersSeeingEachExactlyOnce() {
    Set<String> made = new HashSet<>();
    for (int i = 1; i <= 7; i++) {
      made.add(createUser("import" + i + "@example.com", "Im" + i, "Port"));
    }
    List<String> seen = new ArrayList<>();
    int[] expectedSizes = {3, 3, 1};
    for (int page = 0, start = 1; page < 3; page++, start += 3) {
      JsonNode body = ok(okta.get("/Users?startIndex=" + start + "&count=3"));
      assertEquals(7, body.path("totalResults").asInt(), body.toString());
      assertEquals(start, body.path("startIndex").asInt());
      assertEquals(expectedSizes[page], body.path("itemsPerPage").asInt());
      assertEquals(expectedSizes[page], body.path("Resources").size());
      body.path("Resources").forEach(u -> seen.add(u.path("id").asText()));
    }
    assertEquals(7, seen.size());
    assertEquals(made, new HashSet<>(seen), "every user once, none twice");

    JsonNode all = ok(okta.get("/Users?startIndex=1&count=100"));
    assertEquals(7, all.path("totalResults").asInt());
    assertEquals(7, all.path("Resources").size());
    JsonNode past = ok(okta.get("/Users?startIndex=101&count=100"));
    assertEquals(7, past.path("totalResults").asInt());
    assertEquals(0, past.path("itemsPerPage").asInt());
  }

  // --- groups ------------------------------------------------------------------------------

  @Test
  void groupImportPagesLikeUsers() {
    Set<String> made = new HashSet<>();
    for (String name : List.of("Import A", "Import B", "Import C")) {
      made.add(createdId(okta.post("/Groups", oktaGroup(name))));
    }
    List<String> seen = new ArrayList<>();
    for (int start = 1; start <= 3; start += 2) {
      JsonNode body = ok(okta.get("/Groups?startIndex=" + start + "&count=2"));
      assertEquals(3, body.path("totalResults").asInt());
      body.path("Resources").forEach(g -> seen.add(g.path("id").asText()));
    }
    assertEquals(3, seen.size());
    assertEquals(made, new HashSet<>(seen));
  }

  @Test
  void pushedGroupIsCreatedEmptyAndRenamedKeepingItsId() throws Exception {
    Response r = okta.post("/Groups", oktaGroup("Test SCIMv2"));
    JsonNode group = created(r);
    String id = group.path("id").asText();
    assertEquals("Test SCIMv2", group.path("displayName").asText());
    assertEquals(0, group.path("members").size());
    SearchResultEntry e = entry(groupDn("Test SCIMv2"));
    assertNotNull(e);
    assertEquals(Set.of(PLACEHOLDER), memberDns(groupDn("Test SCIMv2").toString()));

    JsonNode renamed =
        patchedGroup(
            okta,
            id,
            okta.patch(
                "/Groups/" + id,
                patch(
                    """
        [{"op":"replace","value":{"id":"%s","displayName":"Test SCIMv2 renamed"}}]"""
                        .formatted(id))));
    assertEquals(id, renamed.path("id").asText());
    assertEquals("Test SCIMv2 renamed", renamed.path("displayName").asText());
    assertNull(entry(groupDn("Test SCIMv2")), "old DN gone");
    SearchResultEntry moved = entry(groupDn("Test SCIMv2 renamed"));
    assertNotNull(moved, "entry renamed to the new cn");
    assertEquals(id, moved.getAttributeValue("entryUUID").toLowerCase());
    assertEquals("Test SCIMv2 renamed", moved.getAttributeValue("cn"));
    assertEquals(1, moved.getAttributeValues("cn").length, "old cn value removed");

    assertEquals("Test SCIMv2 renamed", ok(okta.get("/Groups/" + id)).path("displayName").asText());
    assertEquals(
        Set.of(id), ids(okta.get("/Groups?" + filter("displayName eq \"Test SCIMv2 renamed\""))));
    assertEquals(Set.of(), ids(okta.get("/Groups?" + filter("displayName eq \"Test SCIMv2\""))));
  }

  @Test
  void membershipChangesAsOneRemoveAndAddPatchThenAFullReplace() throws Exception {
    String u1 = createUser("m1@example.com", "Mem", "One");
    String u2 = createUser("m2@example.com", "Mem", "Two");
    String u3 = createUser("m3@example.com", "Mem", "Three");
    String g = createdId(okta.post("/Groups", oktaGroup("Push Members")));
    String groupDn = groupDn("Push Members").toString();

    JsonNode r =
        patchedGroup(
            okta,
            g,
            okta.patch(
                "/Groups/" + g,
                patch(
                    """
        [{"op":"add","path":"members","value":[{"value":"%s","display":"m1@example.com"},
                                               {"value":"%s","display":"m2@example.com"}]}]"""
                        .formatted(u1, u2))));
    assertEquals(Set.of(u1, u2), memberIds(r));
    assertEquals(Set.of(userDn("m1@example.com"), userDn("m2@example.com")), memberDns(groupDn));

    r =
        patchedGroup(
            okta,
            g,
            okta.patch(
                "/Groups/" + g,
                patch(
                    """
        [{"op":"remove","path":"members[value eq \\"%s\\"]"},
         {"op":"add","path":"members","value":[{"value":"%s","display":"m3@example.com"}]}]"""
                        .formatted(u1, u3))));
    assertEquals(Set.of(u2, u3), memberIds(r));
    assertEquals(Set.of(userDn("m2@example.com"), userDn("m3@example.com")), memberDns(groupDn));
    assertEquals(Set.of(u2, u3), memberIds(ok(okta.get("/Groups/" + g))));

    r =
        patchedGroup(
            okta,
            g,
            okta.patch(
                "/Groups/" + g,
                patch(
                    """
        [{"op":"replace","path":"members","value":[{"value":"%s","display":"m1@example.com"}]}]"""
                        .formatted(u1))));
    assertEquals(Set.of(u1), memberIds(r));
    assertEquals(Set.of(userDn("m1@example.com")), memberDns(groupDn));

    r =
        patchedGroup(
            okta,
            g,
            okta.patch(
                "/Groups/" + g, patch("[{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}]")));
    assertEquals(Set.of(), memberIds(r));
    assertEquals(
        Set.of(PLACEHOLDER), memberDns(groupDn), "an emptied group keeps only the placeholder");
  }

  @Test
  void groupIsFoundByDisplayNameAndDeletedWith204() throws Exception {
    String u = createUser("del@example.com", "Del", "Member");
    String g = createdId(okta.post("/Groups", oktaGroup("Doomed")));
    patchedGroup(
        okta,
        g,
        okta.patch(
            "/Groups/" + g,
            patch(
                "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u + "\"}]}]")));

    Response found =
        okta.get("/Groups?" + filter("displayName eq \"Doomed\"") + "&startIndex=1&count=100");
    assertEquals(Set.of(g), ids(found));
    assertEquals("Doomed", found.json().path("Resources").path(0).path("displayName").asText());

    Response d = okta.delete("/Groups/" + g);
    assertEquals(204, d.status(), d.toString());
    assertTrue(d.raw().isEmpty(), "204 has no body");
    assertNull(entry(groupDn("Doomed")));
    error(okta.get("/Groups/" + g), 404, null);
    assertEquals(Set.of(), ids(okta.get("/Groups?" + filter("displayName eq \"Doomed\""))));
    assertNotNull(entry(userDn("del@example.com")), "members are not deleted with the group");
    assertEquals(u, ok(okta.get("/Users/" + u)).path("id").asText());
  }
}
