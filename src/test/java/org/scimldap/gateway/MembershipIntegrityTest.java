package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Group membership names the entries SCIM ids name, and only those: an id whose entry was replaced
 * at the same DN behind the gateway's back names nobody; member values SCIM cannot see (outside the
 * mapped containers) survive a replace or remove of all members; a group is never a member of
 * itself, directly or through others.
 */
class MembershipIntegrityTest extends BlackBoxContract {
  /** A member DN outside every mapped container: an application account SCIM does not manage. */
  private static final DN OUTSIDER = dn("cn=legacy-app,ou=services," + BASE);

  /** Creates user {@code uid}, then replaces its entry with another person's at the same DN. */
  private String idOfReplacedUser(String uid) throws Exception {
    String id = newUser(uid);
    try (LDAPConnection c = gateway().ldap()) {
      c.delete(userDn(uid).toString());
      c.add(
          "dn: " + userDn(uid),
          "objectClass: inetOrgPerson",
          "uid: " + uid,
          "cn: Someone Else",
          "sn: Else");
    }
    return id;
  }

  private static String groupWith(String displayName, String... memberIds) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add(GROUP_URN);
    body.put("displayName", displayName);
    var members = body.putArray("members");
    for (String id : memberIds) {
      members.addObject().put("value", id);
    }
    return body.toString();
  }

  private static String addMembers(String... ids) {
    StringBuilder values = new StringBuilder();
    for (String id : ids) {
      values.append(values.isEmpty() ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
    }
    return patch("[{\"op\":\"add\",\"path\":\"members\",\"value\":[" + values + "]}]");
  }

  @Test
  void anIdWhoseEntryWasReplacedAtTheSameDnAddsNobodyByPatch() throws Exception {
    String stale = idOfReplacedUser("replaced");
    String group = createdId(scim.post("/Groups", groupBody("g-patch")));

    error(scim.patch("/Groups/" + group, addMembers(stale)), 400, "invalidValue");

    assertFalse(memberDns(groupDn("g-patch").toString()).contains(userDn("replaced")));
  }

  @Test
  void anIdWhoseEntryWasReplacedAtTheSameDnAddsNobodyByPostOrPut() throws Exception {
    String stale = idOfReplacedUser("replaced2");

    error(scim.post("/Groups", groupWith("g-post", stale)), 400, "invalidValue");
    assertEquals(null, entry(groupDn("g-post")));

    String group = createdId(scim.post("/Groups", groupBody("g-put")));
    error(scim.put("/Groups/" + group, groupWith("g-put", stale)), 400, "invalidValue");
    assertFalse(memberDns(groupDn("g-put").toString()).contains(userDn("replaced2")));
  }

  @Test
  void aManagerIdWhoseEntryWasReplacedIsRefused() throws Exception {
    String stale = idOfReplacedUser("old-boss");
    String id = newUser("employee");
    String ops =
        "[{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:"
            + "User:manager\",\"value\":{\"value\":\""
            + stale
            + "\"}}]";

    error(scim.patch("/Users/" + id, patch(ops)), 400, "invalidValue");

    assertEquals(null, entry(userDn("employee")).getAttributeValue("manager"));
  }

  private void addOutsiderTo(String groupCn) throws Exception {
    try (LDAPConnection c = gateway().ldap()) {
      c.modify(
          groupDn(groupCn).toString(),
          new Modification(ModificationType.ADD, "member", OUTSIDER.toString()));
    }
  }

  @Test
  void replacingAllMembersKeepsMembersScimCannotSee() throws Exception {
    String a = newUser("seen-a");
    String b = newUser("seen-b");
    String group = createdId(scim.post("/Groups", groupWith("mixed", a)));
    addOutsiderTo("mixed");

    Response r =
        scim.patch(
            "/Groups/" + group,
            patch(
                "[{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + b
                    + "\"}]}]"));

    assertEquals(Set.of(b), memberIds(patchedGroup(scim, group, r)));
    assertEquals(Set.of(userDn("seen-b"), OUTSIDER), memberDns(groupDn("mixed").toString()));
  }

  @Test
  void removingAllMembersKeepsMembersScimCannotSee() throws Exception {
    String a = newUser("seen-c");
    String group = createdId(scim.post("/Groups", groupWith("mixed2", a)));
    addOutsiderTo("mixed2");

    Response r =
        scim.patch("/Groups/" + group, patch("[{\"op\":\"remove\",\"path\":\"members\"}]"));

    assertEquals(Set.of(), memberIds(patchedGroup(scim, group, r)));
    assertEquals(Set.of(OUTSIDER), memberDns(groupDn("mixed2").toString()));
  }

  @Test
  void aGroupCannotBeItsOwnMemberDirectlyOrThroughOthers() throws Exception {
    String a = createdId(scim.post("/Groups", groupBody("cycle-a")));
    String b = createdId(scim.post("/Groups", groupWith("cycle-b", a)));
    String c = createdId(scim.post("/Groups", groupWith("cycle-c", b)));

    error(scim.patch("/Groups/" + a, addMembers(a)), 400, "invalidValue");
    JsonNode twoStep = error(scim.patch("/Groups/" + a, addMembers(b)), 400, "invalidValue");
    assertTrue(twoStep.path("detail").asText().contains("cycle"), twoStep.toString());
    error(scim.patch("/Groups/" + a, addMembers(c)), 400, "invalidValue");
    error(scim.put("/Groups/" + a, groupWith("cycle-a", c)), 400, "invalidValue");

    assertEquals(Set.of(), memberIds(ok(scim.get("/Groups/" + a))));
  }

  @Test
  void aManagerThatIsAGroupIsRefused() throws Exception {
    String group = createdId(scim.post("/Groups", groupBody("not-a-boss")));
    String id = newUser("reports-to-group");
    String ops =
        "[{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:"
            + "User:manager\",\"value\":{\"value\":\""
            + group
            + "\"}}]";

    JsonNode error = error(scim.patch("/Users/" + id, patch(ops)), 400, "invalidValue");

    assertTrue(error.path("detail").asText().contains("manager"), error.toString());
    assertEquals(null, entry(userDn("reports-to-group")).getAttributeValue("manager"));
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add(USER_URN);
    body.put("userName", "new-reports-to-group");
    body.putObject(ENTERPRISE_URN).putObject("manager").put("value", group);
    error(scim.post("/Users", body.toString()), 400, "invalidValue");
    assertEquals(null, entry(userDn("new-reports-to-group")));
  }

  @Test
  void aDeleteTheDirectoryRefusesKeepsTheMemberships() throws Exception {
    String user = newUser("has-child");
    String group = createdId(scim.post("/Groups", groupWith("keeps", user)));
    try (LDAPConnection c = gateway().ldap()) {
      c.add("dn: cn=device," + userDn("has-child"), "objectClass: device", "cn: device");
    }
    try {
      Response r = scim.delete("/Users/" + user);

      error(r, 400, null);
      assertEquals(Set.of(user), memberIds(ok(scim.get("/Groups/" + group))));
      assertTrue(memberDns(groupDn("keeps").toString()).contains(userDn("has-child")));
    } finally {
      try (LDAPConnection c = gateway().ldap()) {
        c.delete("cn=device," + userDn("has-child"));
      }
    }
  }

  @Test
  void aGroupOfMoreMembersThanOneRequestMayNameIsRefusedWhole() throws Exception {
    String one = newUser("only-one");
    String[] ids = new String[1_001];
    ids[0] = one;
    for (int i = 1; i < ids.length; i++) {
      ids[i] = UUID.nameUUIDFromBytes(("member" + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    JsonNode post = error(scim.post("/Groups", groupWith("huge", ids)), 400, "tooMany");
    assertTrue(post.path("detail").asText().contains("'members'"), post.toString());
    assertEquals(null, entry(groupDn("huge")));

    String group = createdId(scim.post("/Groups", groupWith("huge2", one)));
    error(scim.put("/Groups/" + group, groupWith("huge2", ids)), 400, "tooMany");
    assertEquals(Set.of(one), memberIds(ok(scim.get("/Groups/" + group))));
  }
}
