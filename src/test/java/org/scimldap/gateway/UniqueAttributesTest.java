package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * {@code unique: true} on a rule: the gateway refuses, with 409 uniqueness naming the attribute and
 * the value, a create or a change that would give a second entry of the type a value another one
 * has (compared as the directory compares), writes nothing then, and publishes {@code uniqueness:
 * server}.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(DirectoryKind.class)
class UniqueAttributesTest {
  private static final String ENTERPRISE = BlackBoxContract.ENTERPRISE_URN;

  @Parameter DirectoryKind directory;
  @TempDir Path dir;
  private GatewayUnderTest gateway;
  private ScimClient scim;

  @BeforeEach
  void start() throws Exception {
    String preset = Files.readString(Path.of("mappings/openldap.yaml"));
    String mapping =
        preset
            .replace("        ldap: mail\n", "        ldap: mail\n        unique: true\n")
            .replace(
                "        ldap: employeeNumber\n",
                "        ldap: employeeNumber\n        unique: true\n");
    assertTrue(mapping.split("unique: true").length == 3, "both rules were marked");
    Path file = Files.writeString(dir.resolve("unique.yaml"), mapping);
    gateway = directory.startWith(Map.of("GATEWAY_MAPPING", file.toString()));
    gateway.wipe();
    scim = gateway.client();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private Response create(String userName, String mail, String employeeNumber) {
    return scim.post(
        "/Users",
        """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"%s",
         "name":{"familyName":"U"},"emails":[{"value":"%s","type":"work"}],
         "%s":{"employeeNumber":"%s"}}"""
            .formatted(ENTERPRISE, userName, mail, ENTERPRISE, employeeNumber));
  }

  @Test
  void aSecondUserWithTheSameMailOrNumberIsAConflict() throws Exception {
    BlackBoxContract.createdId(create("ann", "ann@example.com", "E-1"));

    JsonNode sameMail =
        BlackBoxContract.error(create("bea", "ANN@example.com", "E-2"), 409, "uniqueness");
    assertEquals(
        "User with emails.value 'ANN@example.com' already exists (unique LDAP" + " attribute mail)",
        sameMail.path("detail").asText());
    JsonNode sameNumber =
        BlackBoxContract.error(create("bea", "bea@example.com", "E-1"), 409, "uniqueness");
    assertEquals(
        "User with "
            + ENTERPRISE
            + ":employeeNumber 'E-1' already exists (unique LDAP attribute employeeNumber)",
        sameNumber.path("detail").asText());
    assertEquals(1, count("(uid=*)"), "nothing was added");
  }

  @Test
  void changingToAValueAnotherUserHasIsAConflictAndWritesNothing() throws Exception {
    String ann = BlackBoxContract.createdId(create("ann", "ann@example.com", "E-1"));
    String bea = BlackBoxContract.createdId(create("bea", "bea@example.com", "E-2"));

    Response patch =
        scim.patch(
            "/Users/" + bea,
            BlackBoxContract.patch(
                "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Boss\"},"
                    + "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\","
                    + "\"value\":\"ann@example.com\"}]"));
    BlackBoxContract.error(patch, 409, "uniqueness");
    Response rename =
        scim.patch(
            "/Users/" + bea,
            BlackBoxContract.patch(
                "[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"bea2\"},"
                    + "{\"op\":\"replace\",\"path\":\""
                    + ENTERPRISE
                    + ":employeeNumber\",\"value\":\"E-1\"}]"));
    BlackBoxContract.error(rename, 409, "uniqueness");
    JsonNode unchanged = BlackBoxContract.ok(scim.get("/Users/" + bea));
    assertEquals("bea", unchanged.path("userName").asText(), "neither renamed");
    assertTrue(unchanged.path("title").isMissingNode(), "nor modified");
    assertEquals("E-2", unchanged.path(ENTERPRISE).path("employeeNumber").asText());

    Response own =
        scim.put(
            "/Users/" + ann,
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"ann",
             "name":{"familyName":"Other"},"emails":[{"value":"Ann@Example.com","type":"work"}],
             "%s":{"employeeNumber":"E-1"}}"""
                .formatted(ENTERPRISE, ENTERPRISE));
    assertEquals("Other", BlackBoxContract.ok(own).at("/name/familyName").asText());
    Response moved =
        scim.patch(
            "/Users/" + bea,
            BlackBoxContract.patch(
                "[{\"op\":\"replace\",\"path\":\""
                    + ENTERPRISE
                    + ":employeeNumber\",\"value\":\"E-3\"}]"));
    assertEquals(
        "E-3", BlackBoxContract.ok(moved).path(ENTERPRISE).path("employeeNumber").asText());
  }

  @Test
  void uniqueAttributesArePublishedAsServerUnique() {
    JsonNode user =
        BlackBoxContract.ok(scim.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"));
    JsonNode enterprise = BlackBoxContract.ok(scim.get("/Schemas/" + ENTERPRISE));
    assertEquals("server", sub(attribute(user, "emails"), "value").path("uniqueness").asText());
    assertEquals("none", sub(attribute(user, "emails"), "type").path("uniqueness").asText());
    assertEquals("server", attribute(enterprise, "employeeNumber").path("uniqueness").asText());
    assertEquals("none", attribute(enterprise, "department").path("uniqueness").asText());
    assertEquals("server", attribute(user, "userName").path("uniqueness").asText());
  }

  @Test
  void aValueHeldByAnEntryThatIsNoUserCollidesToo() throws Exception {
    try (LDAPConnection c = gateway.ldap()) {
      c.add(
          "dn: cn=team-mailbox,ou=people,dc=example,dc=com",
          "objectClass: organizationalRole",
          "objectClass: extensibleObject",
          "cn: team-mailbox",
          "mail: team@example.com");
    }

    JsonNode taken =
        BlackBoxContract.error(create("tess", "team@example.com", "E-9"), 409, "uniqueness");

    assertTrue(taken.path("detail").asText().contains("team@example.com"), taken.toString());
    assertEquals(0, count("(uid=*)"), "nothing was added");
  }

  private int count(String filter) throws Exception {
    try (LDAPConnection c = gateway.ldap()) {
      return c.search("ou=people,dc=example,dc=com", com.unboundid.ldap.sdk.SearchScope.ONE, filter)
          .getEntryCount();
    }
  }

  private static JsonNode attribute(JsonNode schema, String name) {
    return find(schema.path("attributes"), name);
  }

  private static JsonNode sub(JsonNode attribute, String name) {
    return find(attribute.path("subAttributes"), name);
  }

  private static JsonNode find(JsonNode list, String name) {
    for (JsonNode a : list) {
      if (a.path("name").asText().equals(name)) {
        return a;
      }
    }
    throw new AssertionError(name + " is not in " + List.of(list.toString()));
  }
}
