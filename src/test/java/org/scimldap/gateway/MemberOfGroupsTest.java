package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.testsupport.DirectoryKind;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.Presets;
import org.scimldap.testsupport.ScimClient;

/**
 * {@code groups: {from: memberOf}} on OpenLDAP with the memberof overlay: a user's groups are read
 * from its own {@code memberOf} values, and filters on them run in the directory. (The embedded
 * directory keeps no memberOf; a mapping that asks for it is refused there at start.)
 */
class MemberOfGroupsTest {
  @TempDir Path dir;
  private GatewayUnderTest gateway;
  private ScimClient scim;

  @BeforeEach
  void start() throws Exception {
    String mapping = Presets.openLdapWith("groups: {from: members}", "groups: {from: memberOf}");
    Path file = Files.writeString(dir.resolve("memberof.yaml"), mapping);
    gateway = DirectoryKind.OPENLDAP.startWith(Map.of("GATEWAY_MAPPING", file.toString()));
    gateway.wipe();
    scim = gateway.client();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private String newUser(String userName) {
    return BlackBoxContract.createdId(scim.post("/Users", BlackBoxContract.userBody(userName)));
  }

  private String newGroup(String displayName, String... memberIds) {
    ObjectNode body = BlackBoxContract.JSON.createObjectNode();
    body.putArray("schemas").add(BlackBoxContract.GROUP_URN);
    body.put("displayName", displayName);
    var members = body.putArray("members");
    for (String id : memberIds) {
      members.addObject().put("value", id);
    }
    return BlackBoxContract.createdId(scim.post("/Groups", body.toString()));
  }

  private static List<String> groups(JsonNode user) {
    List<String> out = new ArrayList<>();
    user.path("groups")
        .forEach(g -> out.add(g.path("display").asText() + "=" + g.path("value").asText()));
    return out;
  }

  private Set<String> usersWhere(String filter) {
    return BlackBoxContract.ids(scim.get("/Users?" + BlackBoxContract.filter(filter)));
  }

  @Test
  void groupsComeFromTheUsersMemberOfAndAreFilteredInTheDirectory() throws Exception {
    String ann = newUser("mo.ann");
    String bob = newUser("mo.bob");
    String cid = newUser("mo.cid");
    String ops = newGroup("Ops", ann, bob);
    String dev = newGroup("Dev", bob);

    try (var ldap = gateway.ldap()) {
      assertEquals(
          1,
          ldap.getEntry("uid=mo.ann,ou=people,dc=example,dc=com", "memberOf")
              .getAttributeValues("memberOf")
              .length,
          "the overlay keeps memberOf");
    }
    JsonNode user = BlackBoxContract.ok(scim.get("/Users/" + bob));
    assertEquals(List.of("Dev=" + dev, "Ops=" + ops), groups(user));
    assertTrue(user.path("groups").get(0).path("$ref").asText().endsWith("/Groups/" + dev));

    JsonNode list =
        BlackBoxContract.ok(scim.get("/Users?" + BlackBoxContract.filter("userName sw \"mo.\"")));
    Map<String, List<String>> byId = new HashMap<>();
    list.path("Resources").forEach(u -> byId.put(u.path("id").asText(), groups(u)));
    assertEquals(List.of("Ops=" + ops), byId.get(ann));
    assertEquals(List.of(), byId.get(cid));

    assertEquals(Set.of(ann, bob), usersWhere("groups.value eq \"" + ops + "\""));
    assertEquals(Set.of(bob), usersWhere("groups[display eq \"dev\"]"));
    assertEquals(Set.of(ann, bob), usersWhere("groups.display eq \"OPS\""));
    assertEquals(Set.of(cid), usersWhere("userName sw \"mo.\" and not (groups pr)"));
    assertEquals(Set.of(), usersWhere("groups.display eq \"Nobody\""));

    BlackBoxContract.error(
        scim.patch(
            "/Users/" + cid,
            BlackBoxContract.patch(
                "[{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"" + ops + "\"}]}]")),
        400,
        "mutability");
  }
}
