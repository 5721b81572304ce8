package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Transforms end to end, on the embedded directory: what a mapping's transforms write is what the
 * entry holds, what they read is what SCIM shows, and filters on transformed attributes select
 * exactly.
 */
class TransformsTest {
  private static final String PEOPLE = "ou=people,dc=example,dc=com";
  private static final String MAPPING =
      """
      version: 1
      resourceTypes:
        User:
          objectClasses: [top, person, organizationalPerson, inetOrgPerson]
          container: "ou=people,{baseDn}"
          rdn: "uid={userName}"
          attributes:
            - {scim: userName, ldap: uid, transform: lower}
            - {scim: name.familyName, ldap: sn, fallback: [userName]}
            - {scim: displayName, ldap: cn, transform: {sanitize: {maxLength: 8}}, fallback: [userName]}
            - scim: userType
              ldap: employeeType
              transform: {lookup: {table: {Employee: E, Contractor: C}}}
            - scim: active
              ldap: roomNumber
              transform: {bit: {mask: 2, trueWhen: clear, initial: 512}}
            - {scim: password, ldap: userPassword, transform: unicodePwd}
      """;

  @TempDir static Path dir;
  private static GatewayUnderTest gateway;
  private static ScimClient scim;

  @BeforeAll
  static void start() throws Exception {
    Path mapping = dir.resolve("transforms.yaml");
    Files.writeString(mapping, MAPPING);
    gateway = GatewayUnderTest.embedded(Map.of("GATEWAY_MAPPING", mapping.toString()));
    scim = gateway.client();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void writesAndReadsThroughTheTransforms() throws Exception {
    String id =
        created(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"Ada.L",
             "displayName":"Ada, Countess of Lovelace","userType":"contractor","active":false}""");
    try (LDAPConnection ldap = gateway.ldap()) {
      SearchResultEntry e = ldap.getEntry("uid=ada.l," + PEOPLE);
      assertEquals("ada.l", e.getAttributeValue("uid"));
      assertEquals("Ada_ Cou", e.getAttributeValue("cn"));
      assertEquals("C", e.getAttributeValue("employeeType"));
      assertEquals("514", e.getAttributeValue("roomNumber"));
      ldap.modify(
          "uid=ada.l," + PEOPLE, new Modification(ModificationType.REPLACE, "roomNumber", "66050"));
    }
    JsonNode user = scim.get("/Users/" + id).json();
    assertEquals("ada.l", user.path("userName").asText());
    assertEquals("Contractor", user.path("userType").asText());
    assertFalse(user.path("active").asBoolean(true));

    Response enabled =
        scim.patch(
            "/Users/" + id,
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]}");
    assertEquals(200, enabled.status(), enabled.toString());
    assertTrue(enabled.json().path("active").asBoolean(false));
    try (LDAPConnection ldap = gateway.ldap()) {
      assertEquals(
          "66048",
          ldap.getEntry("uid=ada.l," + PEOPLE).getAttributeValue("roomNumber"),
          "only the disable bit changed");
    }
  }

  @Test
  void filtersOnTransformedAttributesSelectExactly() {
    String on = created(user("bit-on", true));
    String off = created(user("bit-off", false));
    assertEquals(
        off, only("/Users?filter=" + ScimClient.q("active eq false and userName sw \"bit-\"")));
    assertEquals(
        on, only("/Users?filter=" + ScimClient.q("active eq true and userName sw \"bit-\"")));
    assertEquals(
        off,
        only("/Users?filter=" + ScimClient.q("userType eq \"Employee\" and userName sw \"bit-\"")));
  }

  @Test
  void aPasswordForUnicodePwdIsNeverSentWithoutTls() throws Exception {
    Response r =
        scim.post(
            "/Users",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"pw",
             "password":"Pa55-word!"}""");
    assertEquals(500, r.status(), r.toString());
    assertTrue(r.json().path("detail").asText().contains("only over TLS"), r.toString());
    try (LDAPConnection ldap = gateway.ldap()) {
      assertEquals(null, ldap.getEntry("uid=pw," + PEOPLE), "nothing was written");
    }
  }

  private static String user(String userName, boolean active) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
        + userName
        + "\",\"userType\":\""
        + (active ? "Contractor" : "Employee")
        + "\",\"active\":"
        + active
        + "}";
  }

  private static String created(String body) {
    Response r = scim.post("/Users", body);
    assertEquals(201, r.status(), r.toString());
    return r.json().path("id").asText();
  }

  private static String only(String path) {
    JsonNode list = scim.get(path).json();
    assertEquals(1, list.path("totalResults").asInt(), list.toString());
    return list.path("Resources").path(0).path("id").asText();
  }
}
