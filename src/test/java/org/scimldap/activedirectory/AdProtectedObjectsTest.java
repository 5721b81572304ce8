package org.scimldap.activedirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Built-in and protected objects of the domain (Domain Admins, Administrator, krbtgt, and whoever
 * is marked {@code adminCount=1}) are not SCIM resources: no request can list, read or change them,
 * nor make a user a member of them. Searches from the domain root, where AD answers with referrals
 * to its other partitions too, give entries only.
 */
class AdProtectedObjectsTest extends AdContract {
  private static final String DOMAIN_ADMINS = "CN=Domain Admins," + USERS;
  private static final String ADMINISTRATOR = "CN=Administrator," + USERS;

  @Test
  void domainAdminsCannotBeListedReadOrChanged() throws Exception {
    String groupId = idOf(entry("(cn=Domain Admins)", "objectGUID").orElseThrow());
    List<String> before = members(DOMAIN_ADMINS);
    String alice = createUser(user("alice@corp.example.com", "Alice", "Liddell"));

    JsonNode groups = get("/Groups?count=1000");
    Set<String> names = new HashSet<>();
    groups.get("Resources").forEach(g -> names.add(g.get("displayName").asText()));
    assertFalse(names.contains("Domain Admins"), names.toString());
    assertFalse(names.contains("Domain Users"), names.toString());
    assertEquals(0, groups.get("totalResults").asInt(), "a fresh domain has no IdP groups");
    assertEquals(
        0,
        get("/Groups?filter=" + ScimClient.q("displayName eq \"Domain Admins\""))
            .get("totalResults")
            .asInt());
    assertEquals(404, scim.get("/Groups/" + groupId).status());
    Response patched =
        scim.patch(
            "/Groups/" + groupId,
            patch(
                "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"%s\"}]}"
                    .formatted(alice)));
    assertEquals(404, patched.status(), patched.raw());
    assertEquals(
        404,
        scim.put(
                "/Groups/" + groupId,
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Domain Admins\",\"members\":[{\"value\":\""
                    + alice
                    + "\"}]}")
            .status());
    assertEquals(404, scim.delete("/Groups/" + groupId).status());
    assertEquals(before, members(DOMAIN_ADMINS), "Domain Admins unchanged");
  }

  @Test
  void administratorAndProtectedUsersAreNotResources() throws Exception {
    String adminId = idOf(entry("(sAMAccountName=Administrator)", "objectGUID").orElseThrow());
    String alice = createUser(user("alice@corp.example.com", "Alice", "Liddell"));
    String bob = createUser(user("bob@corp.example.com", "Bob", "Builder"));
    try (LDAPConnection c = dc.connect()) {
      // An admin makes Bob a domain admin by hand: AD marks him adminCount=1.
      c.modify(
          DOMAIN_ADMINS,
          new Modification(ModificationType.ADD, "member", "CN=bob@corp.example.com," + USERS));
      c.modify(
          "CN=bob@corp.example.com," + USERS,
          new Modification(ModificationType.REPLACE, "adminCount", "1"));
    }

    JsonNode users = get("/Users?count=1000");
    Set<String> ids = new HashSet<>();
    users.get("Resources").forEach(u -> ids.add(u.get("id").asText()));
    assertEquals(Set.of(alice), ids, "only the IdP's unprotected users");
    assertEquals(404, scim.get("/Users/" + adminId).status());
    assertEquals(404, scim.get("/Users/" + bob).status());
    Response renamed =
        scim.patch(
            "/Users/" + adminId,
            patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"pwned\"}"));
    assertEquals(404, renamed.status());
    assertEquals(404, scim.delete("/Users/" + adminId).status());
    assertTrue(entry("(sAMAccountName=Administrator)").isPresent());

    Response group =
        scim.post(
            "/Groups",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Helpdesk",
             "members":[{"value":"%s"}]}"""
                .formatted(adminId));
    assertEquals(400, group.status(), "a protected account is no member an IdP can name");
    assertTrue(entry("(cn=Helpdesk)").isEmpty());
    Response withBob =
        scim.post(
            "/Groups",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Helpdesk",
             "members":[{"value":"%s"},{"value":"%s"}]}"""
                .formatted(alice, bob));
    assertEquals(400, withBob.status(), "nor one that became protected after it was created");
  }

  @Test
  void membersOfProtectedGroupsAreProtectedBeforeAdMarksThem() throws Exception {
    String alice = createUser(user("alice@corp.example.com", "Alice", "Liddell"));
    String carol = createUser(user("carol@corp.example.com", "Carol", "Danvers"));
    String dave = createUser(user("dave@corp.example.com", "Dave", "Grohl"));
    String helpdesk = createGroup("Helpdesk", carol);
    String inner = createGroup("Inner Circle");
    try (LDAPConnection c = dc.connect()) {
      // Made a backup operator by hand; Helpdesk (with Carol in it) nested into Administrators, and
      // Inner Circle into Helpdesk. AD marks adminCount only later (SDProp runs hourly).
      c.modify(
          "CN=Backup Operators,CN=Builtin," + BASE,
          new Modification(ModificationType.ADD, "member", "CN=dave@corp.example.com," + USERS));
      c.modify(
          "CN=Administrators,CN=Builtin," + BASE,
          new Modification(ModificationType.ADD, "member", "CN=Helpdesk," + USERS));
      c.modify(
          "CN=Helpdesk," + USERS,
          new Modification(ModificationType.ADD, "member", "CN=Inner Circle," + USERS));
      assertTrue(entry("(&(cn=dave@corp.example.com)(adminCount=1))").isEmpty());
    }

    JsonNode users = get("/Users?count=1000");
    Set<String> ids = new HashSet<>();
    users.get("Resources").forEach(u -> ids.add(u.get("id").asText()));
    assertTrue(ids.contains(alice), ids.toString());
    assertFalse(ids.contains(dave), "a direct member of a protected group is never listed");
    assertEquals(404, scim.get("/Users/" + dave).status());
    assertEquals(404, scim.get("/Users/" + carol).status(), "an administrator through Helpdesk");
    for (String protectedUser : List.of(dave, carol)) {
      Response reset =
          scim.patch(
              "/Users/" + protectedUser,
              patch("{\"op\":\"replace\",\"path\":\"password\",\"value\":\"Tak3n!Over#2026\"}"));
      assertEquals(404, reset.status(), "no password reset of an administrator");
      assertEquals(404, scim.delete("/Users/" + protectedUser).status());
    }
    for (String group : List.of(helpdesk, inner)) {
      assertEquals(404, scim.get("/Groups/" + group).status(), "a group inside Administrators");
      Response grow =
          scim.patch(
              "/Groups/" + group,
              patch(
                  "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"%s\"}]}"
                      .formatted(alice)));
      assertEquals(404, grow.status(), "no one made an administrator through it");
    }
    assertEquals(
        Set.of("CN=carol@corp.example.com," + USERS, "CN=Inner Circle," + USERS),
        Set.copyOf(members("CN=Helpdesk," + USERS)));
    assertEquals(List.of(), members("CN=Inner Circle," + USERS));
  }

  private static List<String> members(String dn) throws Exception {
    try (LDAPConnection c = dc.connect()) {
      SearchResultEntry e = c.getEntry(dn, "member");
      return List.of(
          e.getAttributeValues("member") == null ? new String[0] : e.getAttributeValues("member"));
    }
  }
}
