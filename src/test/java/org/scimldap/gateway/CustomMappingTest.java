package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/** The gateway follows whatever the mapping file says, not a built-in idea of inetOrgPerson. */
class CustomMappingTest {
  @TempDir Path dir;

  private static final String MAPPING =
      """
      version: 1
      resourceTypes:
        User:
          objectClasses: [top, person, organizationalPerson, inetOrgPerson]
          container: "ou=people,{baseDn}"
          rdn: "cn={userName}"
          attributes:
            - scim: userName
              ldap: cn
            - scim: externalId
              ldap: employeeNumber
            - scim: name.familyName
              ldap: sn
              fallback: [userName]
            - scim: emails.value
              ldap: mail
            - scim: active
              ldap: description
              transform: {boolean: {true: "enabled", false: "disabled"}}
      """;

  @Test
  void entriesTakeTheShapeTheMappingGivesThem() throws Exception {
    Path mapping = dir.resolve("custom.yaml");
    Files.writeString(mapping, MAPPING);
    try (GatewayUnderTest gateway =
        GatewayUnderTest.embedded(Map.of("GATEWAY_MAPPING", mapping.toString()))) {
      ScimClient scim = gateway.client();
      Response r =
          scim.post(
              "/Users",
              """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"rita",
           "externalId":"ext-1","emails":[{"value":"rita@example.com"}],"active":false}""");
      assertEquals(201, r.status(), r.toString());
      String id = r.json().path("id").asText();
      try (LDAPConnection ldap = gateway.ldap()) {
        SearchResultEntry e = ldap.getEntry("cn=rita,ou=people,dc=example,dc=com");
        assertNotNull(e, "named by cn, as the mapping says");
        assertEquals("ext-1", e.getAttributeValue("employeeNumber"));
        assertEquals("rita", e.getAttributeValue("sn"));
        assertEquals("disabled", e.getAttributeValue("description"));
        assertFalse(e.hasAttribute("uid"));
      }
      JsonNode found = scim.get("/Users?filter=" + ScimClient.q("externalId eq \"ext-1\"")).json();
      assertEquals(id, found.path("Resources").get(0).path("id").asText());
      assertFalse(found.path("Resources").get(0).path("active").asBoolean(true));
      Response unmapped = scim.get("/Users?filter=" + ScimClient.q("title eq \"x\""));
      assertEquals(400, unmapped.status());
      assertEquals("invalidFilter", unmapped.json().path("scimType").asText());
      JsonNode schema = scim.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").json();
      assertTrue(schema.toString().contains("\"userName\""));
      assertFalse(schema.toString().contains("\"title\""), "only mapped attributes are advertised");
      assertEquals(404, scim.get("/Groups").status(), "no Group type in this mapping");
    }
  }

  @Test
  void locationsUseThePublicUrl() throws Exception {
    try (GatewayUnderTest gateway =
        GatewayUnderTest.embedded(
            Map.of("GATEWAY_PUBLIC_URL", "https://scim.example.com/scim/v2"))) {
      Response r =
          gateway
              .client()
              .post(
                  "/Users",
                  """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"pub","name":{"familyName":"P"}}""");
      assertEquals(201, r.status(), r.toString());
      assertTrue(
          r.header("Location").startsWith("https://scim.example.com/scim/v2/Users/"),
          r.header("Location"));
      assertEquals(r.header("Location"), r.json().path("meta").path("location").asText());
    }
  }
}
