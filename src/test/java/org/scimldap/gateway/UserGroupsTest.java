package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * A user's read-only {@code groups} (RFC 7643 §4.1.2) on the default preset, which finds them
 * through the groups' {@code member} values ({@code groups: {from: members}}): shown on reads and
 * lists, filtered on, never written.
 */
class UserGroupsTest extends BlackBoxContract {

  /** Creates a group with these members and returns its id. */
  private String newGroup(String displayName, String... memberIds) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add(GROUP_URN);
    body.put("displayName", displayName);
    var members = body.putArray("members");
    for (String id : memberIds) {
      members.addObject().put("value", id);
    }
    return createdId(scim.post("/Groups", body.toString()));
  }

  /** The groups of a user as {@code display=id} pairs, in order. */
  private static List<String> groups(JsonNode user) {
    List<String> out = new ArrayList<>();
    user.path("groups")
        .forEach(g -> out.add(g.path("display").asText() + "=" + g.path("value").asText()));
    return out;
  }

  @Test
  void aUserShowsTheGroupsItIsADirectMemberOf() {
    String ann = newUser("ann");
    String loner = newUser("loner");
    String ops = newGroup("Ops", ann);
    String eng = newGroup("engineering", ann);
    newGroup("Empty");

    JsonNode user = ok(scim.get("/Users/" + ann));
    assertEquals(List.of("engineering=" + eng, "Ops=" + ops), groups(user));
    JsonNode first = user.path("groups").get(0);
    assertEquals("direct", first.path("type").asText());
    assertTrue(first.path("$ref").asText().endsWith("/Groups/" + eng), first.path("$ref").asText());
    assertEquals(ok(scim.get("/Groups/" + eng)).path("meta").path("location"), first.path("$ref"));

    assertTrue(ok(scim.get("/Users/" + loner)).path("groups").isMissingNode(), "no groups, none");
    assertTrue(
        ok(scim.get("/Users/" + ann + "?attributes=userName")).path("groups").isMissingNode());
    JsonNode only = ok(scim.get("/Users/" + ann + "?attributes=groups"));
    assertEquals(2, only.path("groups").size(), only.toString());
    assertTrue(
        ok(scim.get("/Users/" + ann + "?excludedAttributes=groups"))
            .path("groups")
            .isMissingNode());
  }

  @Test
  void aPageShowsEachUsersOwnGroups() {
    String ann = newUser("page.ann");
    String bob = newUser("page.bob");
    String cid = newUser("page.cid");
    String ops = newGroup("Ops", ann, bob);
    String dev = newGroup("Dev", bob);

    JsonNode list = ok(scim.get("/Users?" + filter("userName sw \"page.\"") + "&count=10"));
    Map<String, List<String>> byId = new HashMap<>();
    list.path("Resources").forEach(u -> byId.put(u.path("id").asText(), groups(u)));
    assertEquals(List.of("Ops=" + ops), byId.get(ann));
    assertEquals(List.of("Dev=" + dev, "Ops=" + ops), byId.get(bob));
    assertEquals(List.of(), byId.get(cid));
  }

  @Test
  void groupsCanBeFilteredOnByIdAndByDisplayName() {
    String ann = newUser("f.ann");
    String bob = newUser("f.bob");
    String cid = newUser("f.cid");
    String ops = newGroup("Ops", ann, bob);
    newGroup("Dev", bob);

    assertEquals(Set.of(ann, bob), usersWhere("groups.value eq " + literal(ops)));
    assertEquals(Set.of(ann, bob), usersWhere("groups eq " + literal(ops)));
    assertEquals(Set.of(bob), usersWhere("groups[display eq \"dev\"]"));
    assertEquals(Set.of(bob), usersWhere("groups.display eq \"Dev\" and userName sw \"f.\""));
    assertEquals(Set.of(cid), usersWhere("userName sw \"f.\" and not (groups pr)"));
    assertEquals(Set.of(), usersWhere("groups.value eq \"0b0c5a5e-0000-4a4a-8b8b-000000000000\""));
    JsonNode page =
        ok(scim.get("/Users?" + filter("groups.value eq " + literal(ops)) + "&count=1"));
    assertEquals(2, page.path("totalResults").asInt(), "the count is exact");
    error(scim.get("/Users?" + filter("groups.colour eq \"x\"")), 400, "invalidFilter");
  }

  @Test
  void groupsAreNeverWrittenThroughTheUser() throws Exception {
    String ann = newUser("w.ann");
    String ops = newGroup("Ops", ann);
    String dev = newGroup("Dev");

    Response add =
        scim.patch(
            "/Users/" + ann,
            patch(
                "[{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"" + dev + "\"}]}]"));
    error(add, 400, "mutability");

    JsonNode user = ok(scim.get("/Users/" + ann));
    ObjectNode put = user.deepCopy();
    put.remove("meta");
    put.putArray("groups").addObject().put("value", dev);
    put.put("title", "Boss");
    JsonNode replaced = ok(scim.put("/Users/" + ann, put.toString()));
    assertEquals("Boss", replaced.path("title").asText());
    assertEquals(List.of("Ops=" + ops), groups(replaced), "groups in a PUT are ignored");
    assertEquals(Set.of(), memberIds(ok(scim.get("/Groups/" + dev))));
  }

  @Test
  void groupsFollowMembershipChangesAndRenames() {
    String ann = newUser("m.ann");
    String ops = newGroup("Ops");
    assertFalse(ok(scim.get("/Users/" + ann)).has("groups"));

    scim.patch(
        "/Groups/" + ops,
        patch("[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ann + "\"}]}]"));
    assertEquals(List.of("Ops=" + ops), groups(ok(scim.get("/Users/" + ann))));

    ok(
        scim.patch(
            "/Groups/" + ops,
            patch("[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Operations\"}]")));
    assertEquals(List.of("Operations=" + ops), groups(ok(scim.get("/Users/" + ann))));

    scim.patch(
        "/Groups/" + ops,
        patch("[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + ann + "\\\"]\"}]"));
    assertFalse(ok(scim.get("/Users/" + ann)).has("groups"));
  }

  @Test
  void theUserSchemaPublishesGroupsAsReadOnly() {
    JsonNode schema = ok(scim.get("/Schemas/" + USER_URN));
    JsonNode groups = null;
    for (JsonNode a : schema.path("attributes")) {
      if (a.path("name").asText().equals("groups")) {
        groups = a;
      }
    }
    assertTrue(groups != null, schema.toString());
    assertEquals("readOnly", groups.path("mutability").asText());
    List<String> subs = new ArrayList<>();
    groups.path("subAttributes").forEach(s -> subs.add(s.path("name").asText()));
    assertEquals(List.of("value", "$ref", "display", "type"), subs);
  }
}
