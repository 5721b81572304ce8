package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.scimldap.testsupport.DirectoryKind;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * A schema extension the mapping file declares (RFC 7643 §3.3) is a schema like the built-in ones:
 * its attributes are mapped, written, read back with their types, filtered on, PATCHed, and
 * published on /Schemas and /ResourceTypes with the characteristics the file gives them.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(DirectoryKind.class)
class DeclaredExtensionTest {
  static final String ACME = "urn:example:params:scim:schemas:extension:acme:2.0:User";
  static final String ACME_GROUP = "urn:example:params:scim:schemas:extension:acme:2.0:Group";

  private static final String MAPPING =
      """
      version: 1
      schemas:
        - id: urn:example:params:scim:schemas:extension:acme:2.0:User
          name: AcmeUser
          description: What Acme keeps about its staff
          attributes:
            - name: badgeNumber
              required: true
              caseExact: true
              uniqueness: server
              description: The number printed on the badge
            - name: clearance
              canonicalValues: [low, high]
            - name: floor
              type: integer
            - name: remote
              type: boolean
      resourceTypes:
        User:
          extensions:
            - urn:ietf:params:scim:schemas:extension:enterprise:2.0:User
            - {schema: urn:example:params:scim:schemas:extension:acme:2.0:User, required: true}
          objectClasses: [top, person, organizationalPerson, inetOrgPerson]
          container: "ou=people,{baseDn}"
          rdn: "uid={userName}"
          attributes:
            - scim: userName
              ldap: uid
            - scim: name.familyName
              ldap: sn
              fallback: [userName]
            - scim: displayName
              ldap: cn
              fallback: [userName]
            - scim: urn:example:params:scim:schemas:extension:acme:2.0:User:badgeNumber
              ldap: employeeNumber
            - scim: urn:example:params:scim:schemas:extension:acme:2.0:User:clearance
              ldap: businessCategory
            - scim: urn:example:params:scim:schemas:extension:acme:2.0:User:floor
              ldap: roomNumber
            - scim: urn:example:params:scim:schemas:extension:acme:2.0:User:remote
              ldap: carLicense
              transform: boolean
        Group:
          extensions:
            - schema: urn:example:params:scim:schemas:extension:acme:2.0:Group
              name: AcmeGroup
              attributes:
                - {name: costCode, type: string}
          objectClasses: [top, groupOfNames]
          container: "ou=groups,{baseDn}"
          rdn: "cn={displayName}"
          attributes:
            - scim: displayName
              ldap: cn
            - scim: urn:example:params:scim:schemas:extension:acme:2.0:Group:costCode
              ldap: businessCategory
          members:
            ldap: member
            placeholder: "cn=nobody"
      """;

  @Parameter DirectoryKind directory;
  @TempDir Path dir;
  private GatewayUnderTest gateway;
  private ScimClient scim;

  @BeforeEach
  void start() throws Exception {
    Path mapping = Files.writeString(dir.resolve("acme.yaml"), MAPPING);
    gateway = directory.startWith(Map.of("GATEWAY_MAPPING", mapping.toString()));
    gateway.wipe();
    scim = gateway.client();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private String createUser(String userName, String badge, int floor) {
    Response r =
        scim.post(
            "/Users",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"%s",
             "%s":{"badgeNumber":"%s","clearance":"high","floor":%d,"remote":"True"}}"""
                .formatted(ACME, userName, ACME, badge, floor));
    return BlackBoxContract.createdId(r);
  }

  @Test
  void declaredAttributesAreWrittenReadFilteredAndPatched() throws Exception {
    String id = createUser("ada", "B-17", 3);
    createUser("bob", "B-18", 4);
    SearchResultEntry entry = entry("uid=ada,ou=people,dc=example,dc=com");
    assertEquals("B-17", entry.getAttributeValue("employeeNumber"));
    assertEquals("high", entry.getAttributeValue("businessCategory"));
    assertEquals("3", entry.getAttributeValue("roomNumber"));
    assertEquals("TRUE", entry.getAttributeValue("carLicense"));

    JsonNode user = BlackBoxContract.ok(scim.get("/Users/" + id));
    assertTrue(contains(user.path("schemas"), ACME), user.toString());
    JsonNode acme = user.path(ACME);
    assertEquals("B-17", acme.path("badgeNumber").asText());
    assertTrue(acme.path("floor").isInt(), "an integer reads back as a number: " + acme);
    assertEquals(3, acme.path("floor").asInt());
    assertTrue(acme.path("remote").isBoolean(), acme.toString());

    assertEquals(Set.of(id), usersWhere(ACME + ":badgeNumber eq \"B-17\""));
    assertEquals(Set.of(id), usersWhere(ACME + ":floor lt 4"));
    assertEquals(Set.of(), usersWhere(ACME + ":clearance eq \"low\""));

    Response patched =
        scim.patch(
            "/Users/" + id,
            BlackBoxContract.patch(
                "[{\"op\":\"replace\",\"path\":\""
                    + ACME
                    + ":clearance\",\"value\":\"low\"},"
                    + "{\"op\":\"remove\",\"path\":\""
                    + ACME
                    + ":remote\"}]"));
    assertEquals("low", BlackBoxContract.ok(patched).path(ACME).path("clearance").asText());
    entry = entry("uid=ada,ou=people,dc=example,dc=com");
    assertEquals("low", entry.getAttributeValue("businessCategory"));
    assertFalse(entry.hasAttribute("carLicense"));
    assertEquals(Set.of(id), usersWhere(ACME + ":clearance eq \"low\""));

    Response misspelt =
        scim.patch(
            "/Users/" + id,
            BlackBoxContract.patch(
                "[{\"op\":\"replace\",\"path\":\"" + ACME + ":clearence\",\"value\":\"x\"}]"));
    BlackBoxContract.error(misspelt, 400, "invalidPath");
  }

  @Test
  void anExtensionDeclaredInPlaceServesAGroup() throws Exception {
    Response r =
        scim.post(
            "/Groups",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","%s"],
             "displayName":"Finance","%s":{"costCode":"CC-9"}}"""
                .formatted(ACME_GROUP, ACME_GROUP));
    JsonNode group = BlackBoxContract.created(r);
    assertEquals("CC-9", group.path(ACME_GROUP).path("costCode").asText());
    assertEquals(
        "CC-9",
        entry("cn=Finance,ou=groups,dc=example,dc=com").getAttributeValue("businessCategory"));
  }

  @Test
  void declaredSchemasArePublishedWithTheirCharacteristics() {
    JsonNode schema = BlackBoxContract.ok(scim.get("/Schemas/" + ACME));
    assertEquals("AcmeUser", schema.path("name").asText());
    assertEquals("What Acme keeps about its staff", schema.path("description").asText());
    JsonNode badge = attribute(schema, "badgeNumber");
    assertEquals("string", badge.path("type").asText());
    assertTrue(badge.path("required").asBoolean());
    assertTrue(badge.path("caseExact").asBoolean());
    assertEquals("server", badge.path("uniqueness").asText());
    assertEquals("The number printed on the badge", badge.path("description").asText());
    assertEquals("integer", attribute(schema, "floor").path("type").asText());
    assertEquals(
        List.of("low", "high"),
        List.of(
            attribute(schema, "clearance").path("canonicalValues").get(0).asText(),
            attribute(schema, "clearance").path("canonicalValues").get(1).asText()));

    JsonNode userType = BlackBoxContract.ok(scim.get("/ResourceTypes/User"));
    assertEquals(1, userType.path("schemaExtensions").size(), userType.toString());
    assertEquals(ACME, userType.path("schemaExtensions").get(0).path("schema").asText());
    assertTrue(userType.path("schemaExtensions").get(0).path("required").asBoolean());
    JsonNode groupType = BlackBoxContract.ok(scim.get("/ResourceTypes/Group"));
    assertEquals(ACME_GROUP, groupType.path("schemaExtensions").get(0).path("schema").asText());
    assertFalse(groupType.path("schemaExtensions").get(0).path("required").asBoolean());
    assertEquals(200, scim.get("/Schemas/" + ACME_GROUP).status());
  }

  private Set<String> usersWhere(String filter) {
    return BlackBoxContract.ids(scim.get("/Users?" + BlackBoxContract.filter(filter)));
  }

  private SearchResultEntry entry(String dn) throws Exception {
    try (var ldap = gateway.ldap()) {
      return ldap.getEntry(dn, "*", "+");
    }
  }

  private static JsonNode attribute(JsonNode schema, String name) {
    for (JsonNode a : schema.path("attributes")) {
      if (a.path("name").asText().equals(name)) {
        return a;
      }
    }
    throw new AssertionError(name + " is not in " + schema);
  }

  private static boolean contains(JsonNode array, String text) {
    for (JsonNode n : array) {
      if (n.asText().equals(text)) {
        return true;
      }
    }
    return false;
  }
}
