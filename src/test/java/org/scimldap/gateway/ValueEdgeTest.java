package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Values that mean something to LDAP or to the wire: filter metacharacters ({@code * ( ) \ NUL},
 * RFC 4515), DN metacharacters ({@code , + = < > # ; " \} and surrounding spaces, RFC 4514),
 * Unicode, and very long values. Each must travel end to end, SCIM to entry and back, unchanged.
 */
class ValueEdgeTest extends BlackBoxContract {

  // --- filters -------------------------------------------------------------------------------

  @Test
  void filterMetacharactersMatchLiterally() {
    String star = newUser("a*b");
    String parens = newUser("a(b)");
    String backslash = newUser("back\\slash");
    String plain = newUser("ab");
    newUser("aXb");

    assertEquals(Set.of(star), usersWhere("userName eq " + literal("a*b")));
    assertEquals(Set.of(), usersWhere("userName eq " + literal("*")));
    assertEquals(Set.of(star), usersWhere("userName co " + literal("*")));
    assertEquals(Set.of(star), usersWhere("userName sw " + literal("a*")), "a* is not a wildcard");
    assertEquals(Set.of(plain), usersWhere("userName eq " + literal("ab")));
    assertEquals(Set.of(parens), usersWhere("userName eq " + literal("a(b)")));
    assertEquals(Set.of(parens), usersWhere("userName sw " + literal("a(")));
    assertEquals(Set.of(backslash), usersWhere("userName eq " + literal("back\\slash")));
    assertEquals(Set.of(backslash), usersWhere("userName ew " + literal("\\slash")));
    assertEquals(Set.of(), usersWhere("userName eq " + literal("back\\5cslash")));
    assertEquals(Set.of(), usersWhere("userName eq " + literal("x)(uid=*")));
    assertEquals(Set.of(), usersWhere("userName eq " + literal("*)(|(uid=*")));
    assertEquals(Set.of(), usersWhere("userName eq " + literal("ab)(objectClass=*")));
    assertEquals(Set.of(), usersWhere("userName eq " + literal("a\u0000b")));
    assertEquals(Set.of(), usersWhere("userName eq " + literal("ab\u0000")));
    assertEquals(Set.of(), usersWhere("userName sw " + literal("a\u0000")));
    assertEquals(Set.of(), usersWhere("userName co " + literal("\u0000")));

    String groupStar = createdId(scim.post("/Groups", groupBody("g*1")));
    created(scim.post("/Groups", groupBody("g21")));
    assertEquals(
        Set.of(groupStar), ids(scim.get("/Groups?" + filter("displayName eq " + literal("g*1")))));
    assertEquals(Set.of(), ids(scim.get("/Groups?" + filter("displayName eq " + literal("g*")))));
  }

  @Test
  void rawNulInAFilterIsNeverAServerError() {
    newUser("nul");
    Response r = scim.get("/Users?filter=userName%20eq%20%22nul%00%22");
    assertTrue(r.status() == 200 || r.status() == 400, r.toString());
    if (r.status() == 200) {
      assertEquals(Set.of(), ids(r));
    } else {
      error(r, 400, "invalidFilter");
    }
  }

  // --- DN metacharacters ---------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "comma,name",
        "plus+name",
        "equals=name",
        "less<more>",
        "semi;colon",
        "quote\"name",
        "back\\slash",
        "#leading-hash",
        "inner#hash",
        "Smith, John + \"Jr\" <x>; #1=2"
      })
  void dnSpecialCharactersInUserNameWorkEndToEnd(String name) throws Exception {
    Response r = scim.post("/Users", userBody(name));
    JsonNode user = created(r);
    String id = user.path("id").asText();
    assertEquals(name, user.path("userName").asText(), "userName answered as sent");

    SearchResultEntry e = entry(userDn(name));
    assertNotNull(e, "entry at " + userDn(name));
    assertEquals(id, e.getAttributeValue("entryUUID").toLowerCase());
    assertEquals(userDn(name), e.getParsedDN());
    assertEquals(name, e.getAttributeValue("uid"));

    assertEquals(name, ok(scim.get("/Users/" + id)).path("userName").asText());
    assertEquals(Set.of(id), usersWhere("userName eq " + literal(name)));

    String renamed = name + "-2";
    JsonNode after =
        ok(
            scim.patch(
                "/Users/" + id,
                patch(
                    "[{\"op\":\"replace\",\"path\":\"userName\",\"value\":"
                        + literal(renamed)
                        + "}]")));
    assertEquals(renamed, after.path("userName").asText());
    assertEquals(id, after.path("id").asText());
    assertNull(entry(userDn(name)), "old DN gone");
    assertNotNull(entry(userDn(renamed)), "renamed to " + userDn(renamed));
    assertEquals(Set.of(id), usersWhere("userName eq " + literal(renamed)));

    assertEquals(204, scim.delete("/Users/" + id).status());
    assertNull(entryOf(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {" leading-space", "trailing-space ", " both "})
  void surroundingSpacesInUserNameSurviveCreateReadFilterAndDelete(String name) throws Exception {
    String id = createdId(scim.post("/Users", userBody(name)));
    assertEquals(name, ok(scim.get("/Users/" + id)).path("userName").asText());
    assertEquals(Set.of(id), usersWhere("userName eq " + literal(name)));
    assertEquals(userDn(name), entryOf(id).getParsedDN());
    assertEquals(204, scim.delete("/Users/" + id).status());
    assertNull(entryOf(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {" leading space", "trailing space ", " both "})
  void surroundingSpacesInGroupNameSurviveCreateReadFilterAndDelete(String name) throws Exception {
    String id = createdId(scim.post("/Groups", groupBody(name)));
    assertEquals(name, ok(scim.get("/Groups/" + id)).path("displayName").asText());
    assertEquals(Set.of(id), ids(scim.get("/Groups?" + filter("displayName eq " + literal(name)))));
    assertEquals(groupDn(name), entryOf(id).getParsedDN());
    assertEquals(204, scim.delete("/Groups/" + id).status());
    assertNull(entryOf(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {" leading-space", "trailing-space ", " both "})
  void renameKeepsSurroundingSpacesOfTheNewName(String name) throws Exception {
    String user = newUser("spaces.user");
    JsonNode renamed =
        ok(
            scim.patch(
                "/Users/" + user,
                patch(
                    "[{\"op\":\"replace\",\"path\":\"userName\",\"value\":"
                        + literal(name)
                        + "}]")));
    assertEquals(name, renamed.path("userName").asText());
    assertEquals(name, ok(scim.get("/Users/" + user)).path("userName").asText());
    assertEquals(userDn(name), entryOf(user).getParsedDN());

    String group = createdId(scim.post("/Groups", groupBody("spaces.group")));
    JsonNode after =
        patchedGroup(
            scim,
            group,
            scim.patch(
                "/Groups/" + group,
                patch(
                    "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":"
                        + literal(name)
                        + "}]")));
    assertEquals(name, after.path("displayName").asText());
    assertEquals(name, ok(scim.get("/Groups/" + group)).path("displayName").asText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "R&D, Europe",
        "a+b=c",
        "<admins>",
        "semi;colon",
        "say \"hi\"",
        "back\\slash",
        "#1 team",
        "Sales; #2 + more"
      })
  void dnSpecialCharactersInGroupNameWorkEndToEnd(String name) throws Exception {
    String member = newUser("member.of." + Integer.toHexString(name.hashCode()));
    ObjectNode body = (ObjectNode) JSON.readTree(groupBody(name));
    body.putArray("members").addObject().put("value", member);
    JsonNode group = created(scim.post("/Groups", body.toString()));
    String id = group.path("id").asText();
    assertEquals(name, group.path("displayName").asText());

    SearchResultEntry e = entry(groupDn(name));
    assertNotNull(e, "entry at " + groupDn(name));
    assertEquals(groupDn(name), e.getParsedDN());
    assertEquals(name, e.getAttributeValue("cn"));
    assertEquals(name, ok(scim.get("/Groups/" + id)).path("displayName").asText());
    assertEquals(Set.of(member), memberIds(ok(scim.get("/Groups/" + id))));
    assertEquals(Set.of(id), ids(scim.get("/Groups?" + filter("displayName eq " + literal(name)))));

    String renamed = name + " (renamed)";
    JsonNode after =
        patchedGroup(
            scim,
            id,
            scim.patch(
                "/Groups/" + id,
                patch(
                    "[{\"op\":\"replace\",\"value\":{\"displayName\":"
                        + literal(renamed)
                        + "}}]")));
    assertEquals(renamed, after.path("displayName").asText());
    assertEquals(id, after.path("id").asText());
    assertNull(entry(groupDn(name)));
    assertNotNull(entry(groupDn(renamed)));
    assertEquals(
        Set.of(id), ids(scim.get("/Groups?" + filter("displayName eq " + literal(renamed)))));

    assertEquals(204, scim.delete("/Groups/" + id).status());
    assertNull(entryOf(id));
  }

  @Test
  void userWithDnSpecialCharactersCanBeAGroupMemberAndAManager() throws Exception {
    String odd = newUser("Doe, Jane + \"JD\" #1");
    String report = newUser("report");
    String g = createdId(scim.post("/Groups", groupBody("Odd Members")));
    patchedGroup(
        scim,
        g,
        scim.patch(
            "/Groups/" + g,
            patch(
                "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + odd
                    + "\"}]}]")));
    assertEquals(
        Set.of(userDn("Doe, Jane + \"JD\" #1")), memberDns(groupDn("Odd Members").toString()));
    assertEquals(Set.of(odd), memberIds(ok(scim.get("/Groups/" + g))));
    patchedGroup(
        scim,
        g,
        scim.patch(
            "/Groups/" + g,
            patch("[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + odd + "\\\"]\"}]")));
    assertEquals(Set.of(PLACEHOLDER), memberDns(groupDn("Odd Members").toString()));

    ok(
        scim.patch(
            "/Users/" + report,
            patch(
                "[{\"op\":\"add\",\"path\":\""
                    + ENTERPRISE_URN
                    + ":manager\",\"value\":{\"value\":\""
                    + odd
                    + "\"}}]")));
    assertEquals(
        userDn("Doe, Jane + \"JD\" #1"), dn(entry(userDn("report")).getAttributeValue("manager")));
    assertEquals(
        odd,
        ok(scim.get("/Users/" + report))
            .path(ENTERPRISE_URN)
            .path("manager")
            .path("value")
            .asText());
  }

  // --- Unicode and long values ---------------------------------------------------------------

  static final String UNICODE_USER =
      """
      {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"zoë.åström","displayName":"Zoë Åström",
       "name":{"givenName":"日本語","familyName":"Åström 🦄"},"title":"Ingénieure 👩‍💻"}
      """;

  @Test
  void unicodeIsStoredExactlyAndMatchedIgnoringCase() throws Exception {
    String id = createdId(scim.post("/Users", UNICODE_USER));
    SearchResultEntry e = entry(userDn("zoë.åström"));
    assertNotNull(e);
    assertEquals(id, e.getAttributeValue("entryUUID").toLowerCase());
    assertEquals("zoë.åström", e.getAttributeValue("uid"));
    assertEquals("Zoë Åström", e.getAttributeValue("displayName"));
    assertEquals("日本語", e.getAttributeValue("givenName"));
    assertEquals("Åström 🦄", e.getAttributeValue("sn"));
    assertEquals("Ingénieure 👩‍💻", e.getAttributeValue("title"));

    assertEquals(Set.of(id), usersWhere("userName eq \"ZOË.ÅSTRÖM\""));
    assertEquals(Set.of(id), usersWhere("userName eq \"zoë.åström\""));
    assertEquals(Set.of(id), usersWhere("displayName eq \"zoë åström\""));
    assertEquals(Set.of(id), usersWhere("name.givenName eq \"日本語\""));
    assertEquals(Set.of(id), usersWhere("name.familyName sw \"åSTRÖM 🦄\""));
    assertEquals(Set.of(), usersWhere("userName eq \"zoe.astrom\""), "no accent folding");
    error(scim.post("/Users", UNICODE_USER.replace("zoë.åström", "ZOË.ÅSTRÖM")), 409, "uniqueness");

    String g = createdId(scim.post("/Groups", groupBody("Équipe 日本 🚀")));
    assertEquals("Équipe 日本 🚀", entry(groupDn("Équipe 日本 🚀")).getAttributeValue("cn"));
    assertEquals(Set.of(g), ids(scim.get("/Groups?" + filter("displayName eq \"ÉQUIPE 日本 🚀\""))));
    error(scim.post("/Groups", groupBody("équipe 日本 🚀")), 409, "uniqueness");
  }

  @Test
  void unicodeRoundTripsExactlyInAnswers() throws Exception {
    Response r = scim.post("/Users", UNICODE_USER);
    JsonNode user = created(r);
    String id = user.path("id").asText();
    for (JsonNode u :
        List.of(
            user,
            ok(scim.get("/Users/" + id)),
            ok(scim.get("/Users?" + filter("userName eq \"ZOË.ÅSTRÖM\"")))
                .path("Resources")
                .path(0))) {
      assertEquals("zoë.åström", u.path("userName").asText());
      assertEquals("Zoë Åström", u.path("displayName").asText());
      assertEquals("日本語", u.path("name").path("givenName").asText());
      assertEquals("Åström 🦄", u.path("name").path("familyName").asText());
      assertEquals("Ingénieure 👩‍💻", u.path("title").asText());
    }
    String g = createdId(scim.post("/Groups", groupBody("Équipe 日本 🚀")));
    assertEquals("Équipe 日本 🚀", ok(scim.get("/Groups/" + g)).path("displayName").asText());
    JsonNode conflict = error(scim.post("/Groups", groupBody("Équipe 日本 🚀")), 409, "uniqueness");
    assertTrue(conflict.path("detail").asText().contains("Équipe 日本 🚀"), conflict.toString());
  }

  @Test
  void veryLongValueIsStoredOrRejectedCleanly() throws Exception {
    String id = newUser("long.values");
    String title = "T".repeat(10_000);
    Response r =
        scim.patch(
            "/Users/" + id,
            patch("[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"" + title + "\"}]"));
    assertTrue(r.status() == 200 || r.status() == 400, r.toString());
    if (r.status() == 200) {
      assertEquals(title, r.json().path("title").asText());
      assertEquals(title, entry(userDn("long.values")).getAttributeValue("title"));
    } else {
      error(r, 400, null);
      assertNull(entry(userDn("long.values")).getAttributeValue("title"));
    }

    String longName = "u".repeat(10_000);
    Response create = scim.post("/Users", userBody(longName));
    assertTrue(create.status() == 201 || create.status() == 400, create.toString());
    if (create.status() == 201) {
      assertEquals(longName, create.json().path("userName").asText());
      assertNotNull(entry(userDn(longName)));
    } else {
      error(create, 400, null);
      assertEquals(0, count(PEOPLE, Filter.createEqualityFilter("uid", longName)));
    }
  }
}
