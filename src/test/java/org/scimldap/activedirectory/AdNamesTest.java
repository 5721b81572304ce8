package org.scimldap.activedirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.StartupCheckException;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Names AD is strict about: a {@code userName} with the characters AD refuses in {@code
 * sAMAccountName} or must escape in a DN, one longer than a {@code cn} may be, two that derive the
 * same {@code sAMAccountName}, and a duplicate UPN; and a mapping that names an attribute AD's
 * schema lacks, which stops the start instead of failing every write.
 */
class AdNamesTest extends AdContract {

  @Test
  void awkwardUserNamesBecomeNamesAdAccepts() throws Exception {
    String awkward = "o'brien, pat+[x]*?=a;b@corp.example.com";
    Response created = scim.post("/Users", user(awkward, "Pat", "O'Brien"));
    assertEquals(201, created.status(), created.raw());
    String id = created.json().get("id").asText();
    SearchResultEntry e = userEntry(awkward, "sAMAccountName", "cn");
    String sam = e.getAttributeValue("sAMAccountName");
    assertTrue(sam.length() <= 20, sam);
    for (char c : "\"/\\[]:;|=,+*?<>".toCharArray()) {
      assertFalse(sam.indexOf(c) >= 0, sam + " holds " + c);
    }
    assertEquals(awkward, e.getAttributeValue("cn"));
    assertEquals(awkward, get("/Users/" + id).get("userName").asText());

    String longName = "a".repeat(90) + "@corp.example.com";
    Response long1 = scim.post("/Users", user(longName, "Long", "Name"));
    assertEquals(201, long1.status(), long1.raw());
    SearchResultEntry l = userEntry(longName, "cn", "sAMAccountName");
    assertEquals(64, l.getAttributeValue("cn").length());
    assertEquals("a".repeat(20), l.getAttributeValue("sAMAccountName"));
    assertEquals(
        longName, get("/Users/" + long1.json().get("id").asText()).get("userName").asText());
  }

  @Test
  void aRenameToANameWithAnEqualsSignKeepsIdAndMemberships() throws Exception {
    String id = createUser(user("plain@corp.example.com", "Plain", "Name"));
    String group = createGroup("Eq=Team", id);
    Response renamed =
        scim.patch(
            "/Users/" + id,
            patch(
                "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"a=b;c@corp.example.com\"}"));
    assertEquals(200, renamed.status(), renamed.raw());
    assertEquals(id, renamed.json().get("id").asText());
    SearchResultEntry e = userEntry("a=b;c@corp.example.com", "memberOf");
    assertEquals("a=b;c@corp.example.com", e.getParsedDN().getRDN().getAttributeValues()[0]);
    assertEquals(
        group,
        get("/Users/" + id).get("groups").get(0).get("value").asText(),
        "the membership follows the rename");
    assertEquals(1, get("/Groups/" + group).get("members").size());
  }

  @Test
  void aUserAnAdminMovesToAnotherOuKeepsIdMembershipsAndChanges() throws Exception {
    String id = createUser(user("mover@corp.example.com", "Moe", "Ver"));
    String team = createGroup("Movers", id);
    String unit = "OU=Moved," + BASE;
    try (LDAPConnection c = dc.connect()) {
      c.add("dn: " + unit, "objectClass: organizationalUnit", "ou: Moved");
      c.modifyDN("CN=mover@corp.example.com," + USERS, "CN=mover@corp.example.com", true, unit);
    }
    JsonNode read = get("/Users/" + id);
    assertEquals(id, read.get("id").asText());
    assertEquals("mover@corp.example.com", read.get("userName").asText());
    assertEquals(team, read.get("groups").get(0).get("value").asText());
    assertEquals(id, get("/Groups/" + team).get("members").get(0).get("value").asText());

    Response titled =
        scim.patch(
            "/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Hauler\"}"));
    assertEquals(200, titled.status(), titled.raw());
    SearchResultEntry moved = userEntry("mover@corp.example.com", "title");
    assertEquals(new DN("CN=mover@corp.example.com," + unit), moved.getParsedDN(), "left there");
    assertEquals("Hauler", moved.getAttributeValue("title"));
    Response off =
        scim.patch(
            "/Groups/" + team,
            patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"%s\\\"]\"}".formatted(id)));
    assertEquals(204, off.status(), off.raw());
    assertFalse(userEntry("mover@corp.example.com", "memberOf").hasAttribute("memberOf"));
    assertEquals(204, scim.delete("/Users/" + id).status());
    assertTrue(entry("(cn=mover@corp.example.com)").isEmpty());
  }

  @Test
  void sameAccountNamesGetANumberAndASecondUpnIsAConflict() throws Exception {
    assertEquals(201, scim.post("/Users", user("jsmith@corp.example.com", "J", "Smith")).status());
    Response other = scim.post("/Users", user("jsmith@sales.example.com", "Jo", "Smith"));
    assertEquals(201, other.status(), other.raw());
    assertEquals(
        "jsmith1",
        userEntry("jsmith@sales.example.com", "sAMAccountName")
            .getAttributeValue("sAMAccountName"));

    Response again = scim.post("/Users", user("JSmith@corp.example.com", "Jay", "Smith"));
    assertEquals(409, again.status(), again.raw());
    assertEquals("uniqueness", again.json().get("scimType").asText());
  }

  @Test
  void aDuplicateUpnMadeBehindTheGatewaysBackIsStillAConflict() throws Exception {
    String id = createUser(user("first@corp.example.com", "First", "One"));
    String other = createUser(user("second@corp.example.com", "Second", "Two"));
    // AD itself refuses the duplicate (0000202F), whatever the gateway checked before.
    Response renamed =
        scim.patch(
            "/Users/" + other,
            patch(
                "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"first@corp.example.com\"}"));
    assertEquals(409, renamed.status(), renamed.raw());
    assertEquals("uniqueness", renamed.json().get("scimType").asText());
    JsonNode first = get("/Users/" + id);
    assertEquals("first@corp.example.com", first.get("userName").asText());
  }

  @Test
  void anAttributeAdDoesNotHaveStopsTheStart(@TempDir Path dir) throws Exception {
    String preset = Files.readString(Path.of("mappings/active-directory.yaml"));
    String wrong = preset.replace("ldap: wWWHomePage", "ldap: homePageUrl");
    assertFalse(wrong.equals(preset));
    Path mapping = Files.writeString(dir.resolve("ad.yaml"), wrong);
    StartupCheckException e =
        assertThrows(
            StartupCheckException.class,
            () -> start(Map.of("GATEWAY_MAPPING", mapping.toString())));
    assertTrue(
        e.getMessage()
            .contains("LDAP attribute 'homePageUrl' is not defined in the directory's schema"),
        e.getMessage());
    assertTrue(e.getMessage().contains("ad.yaml:"), "names the place: " + e.getMessage());
  }
}
