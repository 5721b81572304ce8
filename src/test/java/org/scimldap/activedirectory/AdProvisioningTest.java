package org.scimldap.activedirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.IdpHeaders;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Okta- and Entra-shaped provisioning on Active Directory: create, read, filter, update, disable,
 * enable, group push, rename, delete, with the AD objects checked over LDAPS after each step.
 */
class AdProvisioningTest extends AdContract {
  private static final String PASSWORD = "Str0ng-Passw0rd!";

  @Test
  void oktaProvisionsAUserWithAPasswordThatBindsUntilDisabled() throws Exception {
    ScimClient okta = scim.withHeaders(IdpHeaders.okta());
    Response created =
        okta.post(
            "/Users",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName":"jdoe@corp.example.com",
             "name":{"givenName":"John","familyName":"Doe"},
             "emails":[{"primary":true,"value":"jdoe@corp.example.com","type":"work"}],
             "displayName":"John Doe","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7",
             "groups":[],"password":"%s","active":true}"""
                .formatted(PASSWORD));
    assertEquals(201, created.status(), created.raw());
    String id = created.json().get("id").asText();

    SearchResultEntry e =
        userEntry(
            "jdoe@corp.example.com",
            "objectClass",
            "objectGUID",
            "sAMAccountName",
            "givenName",
            "sn",
            "displayName",
            "mail",
            "userAccountControl");
    assertEquals("CN=jdoe@corp.example.com," + USERS, e.getDN());
    assertEquals(id, idOf(e), "the id is the objectGUID");
    assertEquals("jdoe", e.getAttributeValue("sAMAccountName"));
    assertEquals("John", e.getAttributeValue("givenName"));
    assertEquals("Doe", e.getAttributeValue("sn"));
    assertEquals("John Doe", e.getAttributeValue("displayName"));
    assertEquals("jdoe@corp.example.com", e.getAttributeValue("mail"));
    assertEquals("512", e.getAttributeValue("userAccountControl"));
    assertTrue(e.hasAttributeValue("objectClass", "user"));
    assertBinds("jdoe@corp.example.com", PASSWORD);

    JsonNode read = get("/Users/" + id);
    assertEquals("jdoe@corp.example.com", read.get("userName").asText());
    assertEquals("00ujl29u0le5T6Aj10h7", read.get("externalId").asText());
    assertEquals("en-US", read.get("locale").asText(), "kept in the store: AD has no locale");
    assertTrue(read.get("active").asBoolean());
    assertFalse(read.has("password"));

    JsonNode found = get("/Users?filter=" + ScimClient.q("userName eq \"JDOE@corp.example.com\""));
    assertEquals(1, found.get("totalResults").asInt());
    assertEquals(id, found.get("Resources").get(0).get("id").asText());

    Response disabled =
        okta.patch("/Users/" + id, patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"));
    assertEquals(200, disabled.status(), disabled.raw());
    assertFalse(disabled.json().get("active").asBoolean());
    assertEquals(
        "514",
        userEntry("jdoe@corp.example.com", "userAccountControl")
            .getAttributeValue("userAccountControl"));
    LDAPException refused =
        assertThrows(
            LDAPException.class, () -> dc.connect("jdoe@corp.example.com", PASSWORD).close());
    assertEquals(ResultCode.INVALID_CREDENTIALS, refused.getResultCode());
    assertTrue(refused.getDiagnosticMessage().contains("data 533"), refused.getDiagnosticMessage());

    Response enabled =
        okta.patch("/Users/" + id, patch("{\"op\":\"replace\",\"value\":{\"active\":true}}"));
    assertEquals(200, enabled.status(), enabled.raw());
    assertBinds("jdoe@corp.example.com", PASSWORD);

    Response changed =
        okta.patch(
            "/Users/" + id,
            patch("{\"op\":\"replace\",\"value\":{\"password\":\"An0ther-Passw0rd!\"}}"));
    assertEquals(200, changed.status(), changed.raw());
    assertBinds("jdoe@corp.example.com", "An0ther-Passw0rd!");

    assertEquals(204, okta.delete("/Users/" + id).status());
    assertTrue(entry("(userPrincipalName=jdoe@corp.example.com)").isEmpty());
    assertEquals(404, okta.get("/Users/" + id).status());
    assertEquals(
        0,
        get("/Users?filter=" + ScimClient.q("userName eq \"jdoe@corp.example.com\""))
            .get("totalResults")
            .asInt(),
        "a deleted object (CN=Deleted Objects) is never a resource");
  }

  @Test
  void aPasswordThePolicyRefusesIsA400AndLeavesNoAccount() throws Exception {
    Response refused =
        scim.post(
            "/Users",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName":"weak@corp.example.com","password":"abc","active":true}""");
    assertEquals(400, refused.status(), refused.raw());
    assertEquals("invalidValue", refused.json().get("scimType").asText());
    String detail = refused.json().get("detail").asText();
    assertTrue(detail.contains("password policy"), detail);
    assertFalse(detail.contains("abc\""), "the password is never echoed: " + detail);
    assertTrue(entry("(userPrincipalName=weak@corp.example.com)").isEmpty(), "no half-made user");
  }

  @Test
  void disablingAndEnablingKeepTheOtherBitsOfUserAccountControl() throws Exception {
    try (LDAPConnection c = dc.connect()) {
      c.add(
          "dn: CN=Keeper,CN=Users," + BASE,
          "objectClass: user",
          "sAMAccountName: keeper",
          "userPrincipalName: keeper@corp.example.com",
          "userAccountControl: 66048");
    }
    String id = idOf(userEntry("keeper@corp.example.com", "objectGUID"));
    assertTrue(get("/Users/" + id).get("active").asBoolean(), "66048 is an enabled account");
    assertEquals(
        1,
        get("/Users?filter=" + ScimClient.q("active eq true and userName sw \"keeper\""))
            .get("totalResults")
            .asInt());

    Response off =
        scim.patch(
            "/Users/" + id, patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}"));
    assertEquals(200, off.status(), off.raw());
    assertEquals(
        "66050",
        userEntry("keeper@corp.example.com", "userAccountControl")
            .getAttributeValue("userAccountControl"));
    assertEquals(
        1,
        get("/Users?filter=" + ScimClient.q("active eq false and userName sw \"keeper\""))
            .get("totalResults")
            .asInt());

    Response on =
        scim.patch(
            "/Users/" + id, patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}"));
    assertEquals(200, on.status(), on.raw());
    assertEquals(
        "66048",
        userEntry("keeper@corp.example.com", "userAccountControl")
            .getAttributeValue("userAccountControl"));
  }

  @Test
  void entraUpdatesAddressesAndManagerWithItsOwnPaths() throws Exception {
    ScimClient entra = scim.withHeaders(IdpHeaders.entra());
    String boss = createUser(user("boss@corp.example.com", "Big", "Boss"));
    String id =
        createUser(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "externalId":"e-1","userName":"ann@corp.example.com","active":true,
             "displayName":"Ann Lee","name":{"givenName":"Ann","familyName":"Lee"},
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"employeeNumber":"701","department":"Sales"}}""");
    Response patched =
        entra.patch(
            "/Users/" + id,
            patch(
                """
                {"op":"Add","path":"addresses[type eq \\"work\\"].streetAddress","value":"1 Main St"},
                {"op":"Add","path":"addresses[type eq \\"work\\"].locality","value":"Springfield"},
                {"op":"Add","path":"addresses[type eq \\"work\\"].postalCode","value":"12345"},
                {"op":"Add","path":"addresses[type eq \\"work\\"].country","value":"US"},
                {"op":"Add","path":"addresses[type eq \\"work\\"].formatted","value":"Building 4"},
                {"op":"Replace","path":"phoneNumbers[type eq \\"work\\"].value","value":"+1 555 0100"},
                {"op":"Replace","path":"title","value":"Rep"},
                {"op":"Add","path":"nickName","value":"Annie"},
                {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":{"value":"%s"}}"""
                    .formatted(boss)));
    assertEquals(200, patched.status(), patched.raw());
    SearchResultEntry e =
        userEntry(
            "ann@corp.example.com",
            "streetAddress",
            "l",
            "postalCode",
            "c",
            "co",
            "countryCode",
            "physicalDeliveryOfficeName",
            "telephoneNumber",
            "title",
            "manager",
            "employeeID",
            "department");
    assertEquals("1 Main St", e.getAttributeValue("streetAddress"));
    assertEquals("Springfield", e.getAttributeValue("l"));
    assertEquals("12345", e.getAttributeValue("postalCode"));
    assertEquals("US", e.getAttributeValue("c"));
    assertEquals("United States", e.getAttributeValue("co"));
    assertEquals("840", e.getAttributeValue("countryCode"));
    assertEquals("Building 4", e.getAttributeValue("physicalDeliveryOfficeName"));
    assertEquals("+1 555 0100", e.getAttributeValue("telephoneNumber"));
    assertEquals("Rep", e.getAttributeValue("title"));
    assertEquals("701", e.getAttributeValue("employeeID"));
    assertEquals("Sales", e.getAttributeValue("department"));
    assertEquals("CN=boss@corp.example.com," + USERS, e.getAttributeValue("manager"));
    JsonNode read = get("/Users/" + id);
    assertEquals("Annie", read.get("nickName").asText());
    assertEquals(boss, read.get(ENTERPRISE).get("manager").get("value").asText());

    Response bare =
        entra.patch(
            "/Users/" + id,
            patch(
                "{\"op\":\"Remove\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager\"}"));
    assertEquals(200, bare.status(), bare.raw());
    assertFalse(userEntry("ann@corp.example.com", "manager").hasAttribute("manager"));

    Response off =
        entra.patch(
            "/Users/" + id, patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}"));
    assertEquals(200, off.status(), off.raw());
    assertEquals(
        "514",
        userEntry("ann@corp.example.com", "userAccountControl")
            .getAttributeValue("userAccountControl"));
    assertFalse(get("/Users/" + id).get("active").asBoolean(), "a disabled user is still read");
  }

  @Test
  void aUserSentWithoutActiveOrPasswordIsANormalAccountThatNeedsNoPasswordFlag() throws Exception {
    Response created =
        scim.post(
            "/Users",
            """
            {"schemas":["%s"],"userName":"quiet@corp.example.com","name":{"givenName":"Q"}}"""
                .formatted(USER_SCHEMA));
    assertEquals(201, created.status(), created.raw());
    long flags =
        Long.parseLong(
            userEntry("quiet@corp.example.com", "userAccountControl")
                .getAttributeValue("userAccountControl"));
    assertEquals(0x200, flags & 0x200, "a normal account: " + flags);
    assertEquals(0, flags & 0x20, "never PASSWD_NOTREQD, which AD sets on its own: " + flags);
    assertEquals((flags & 0x2) == 0, created.json().get("active").asBoolean(), "as AD has it");
    Response second =
        scim.post(
            "/Users",
            """
            {"schemas":["%s"],"userName":"quiet@sales.example.com","active":true}"""
                .formatted(USER_SCHEMA));
    assertEquals(201, second.status(), second.raw());
    assertEquals(
        "quiet1",
        userEntry("quiet@sales.example.com", "sAMAccountName").getAttributeValue("sAMAccountName"),
        "the free account name found stays, whether created enabled or disabled");
  }

  @Test
  void aGroupPushedWithMembersIsAGlobalSecurityGroupAndFollowsARename() throws Exception {
    String alice = createUser(user("alice@corp.example.com", "Alice", "Liddell"));
    String bob = createUser(user("bob@corp.example.com", "Bob", "Builder"));
    String groupId = createGroup("Sales Team", alice);
    SearchResultEntry g =
        entry("(cn=Sales Team)", "groupType", "sAMAccountName", "member", "objectGUID")
            .orElseThrow();
    assertEquals("CN=Sales Team," + USERS, g.getDN());
    assertEquals(groupId, idOf(g));
    assertEquals("-2147483646", g.getAttributeValue("groupType"));
    assertEquals("Sales Team", g.getAttributeValue("sAMAccountName"));
    assertEquals(
        List.of("CN=alice@corp.example.com," + USERS), List.of(g.getAttributeValues("member")));

    Response added =
        scim.patch(
            "/Groups/" + groupId,
            patch(
                "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"%s\"}]}"
                    .formatted(bob)));
    assertTrue(added.status() == 204 || added.status() == 200, added.raw());
    JsonNode bobRead = get("/Users/" + bob);
    assertEquals(
        groupId, bobRead.get("groups").get(0).get("value").asText(), "groups from memberOf");

    Response renamed =
        scim.put("/Users/" + alice, user("alice.liddell@corp.example.com", "Alice", "Liddell"));
    assertEquals(200, renamed.status(), renamed.raw());
    assertEquals(alice, renamed.json().get("id").asText(), "the id survives a rename");
    SearchResultEntry moved = userEntry("alice.liddell@corp.example.com", "objectGUID");
    assertEquals("CN=alice.liddell@corp.example.com," + USERS, moved.getDN());
    Set<String> members = new TreeSet<>();
    get("/Groups/" + groupId).get("members").forEach(m -> members.add(m.get("value").asText()));
    assertEquals(new TreeSet<>(List.of(alice, bob)), members, "membership kept across the rename");

    Response removed =
        scim.patch(
            "/Groups/" + groupId,
            patch("{\"op\":\"Remove\",\"path\":\"members[value eq \\\"%s\\\"]\"}".formatted(bob)));
    assertTrue(removed.status() == 204 || removed.status() == 200, removed.raw());
    assertEquals(
        List.of("CN=alice.liddell@corp.example.com," + USERS),
        List.of(entry("(cn=Sales Team)", "member").orElseThrow().getAttributeValues("member")));

    assertEquals(204, scim.delete("/Groups/" + groupId).status());
    assertTrue(entry("(cn=Sales Team)").isEmpty());
  }

  @Test
  void mustChangePasswordAtNextLogonIsOneLineOfTheMapping(@TempDir Path dir) throws Exception {
    String preset =
        new String(
            Files.readAllBytes(Path.of("mappings/active-directory.yaml")), StandardCharsets.UTF_8);
    String changed =
        preset.replace(
            "      # - {ldap: pwdLastSet, value: \"0\", on: create}",
            "      - {ldap: pwdLastSet, value: \"0\", on: create}");
    assertTrue(!changed.equals(preset), "the preset offers the line");
    Path mapping = Files.writeString(dir.resolve("ad.yaml"), changed);
    try (GatewayUnderTest own = start(Map.of("GATEWAY_MAPPING", mapping.toString()))) {
      Response created =
          own.client()
              .post(
                  "/Users",
                  """
                  {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                   "userName":"fresh@corp.example.com","password":"%s","active":true}"""
                      .formatted(PASSWORD));
      assertEquals(201, created.status(), created.raw());
    }
    assertEquals(
        "0", userEntry("fresh@corp.example.com", "pwdLastSet").getAttributeValue("pwdLastSet"));
    LDAPException mustChange =
        assertThrows(
            LDAPException.class, () -> dc.connect("fresh@corp.example.com", PASSWORD).close());
    assertTrue(
        mustChange.getDiagnosticMessage().contains("data 773"), mustChange.getDiagnosticMessage());
  }

  private static void assertBinds(String upn, String password) throws LDAPException {
    try (LDAPConnection c = dc.connect(upn, password)) {
      assertTrue(c.getEntry(BASE, "1.1") != null);
    }
  }
}
