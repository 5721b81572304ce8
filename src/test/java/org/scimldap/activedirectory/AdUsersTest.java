package org.scimldap.activedirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.SambaDc;
import org.scimldap.testsupport.SambaExtension;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

@ExtendWith(SambaExtension.class)
class AdUsersTest {
  private static GatewayUnderTest gateway;
  private static ScimClient scim;

  @BeforeAll
  static void start() throws Exception {
    SambaDc dc = SambaDc.shared();
    gateway =
        GatewayUnderTest.external(
            dc.url(),
            SambaDc.ADMIN,
            dc.adminPassword(),
            Map.of(
                "GATEWAY_MAPPING",
                "active-directory.yaml",
                "GATEWAY_BASE_DN",
                SambaDc.BASE_DN,
                "GATEWAY_LDAP_TRUSTSTORE",
                dc.certificatesForTrustStore().keyStore().toString(),
                "GATEWAY_LDAP_TRUSTSTORE_PASSWORD",
                dc.certificatesForTrustStore().keyStorePassword()));
    scim = gateway.client();
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aCreatedUserIsReadBackByItsObjectGuid(SambaDc dc) throws Exception {
    Response created =
        scim.post(
            "/Users",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName":"alice@corp.example.com","name":{"givenName":"Alice","familyName":"Liddell"},
             "active":true}""");
    assertEquals(201, created.status(), created.raw());
    String id = created.json().get("id").asText();
    Response read = scim.get("/Users/" + id);
    assertEquals(200, read.status(), read.raw());
    JsonNode user = read.json();
    assertEquals("alice@corp.example.com", user.get("userName").asText());
    try (LDAPConnection c = dc.connect()) {
      SearchResultEntry e =
          c.searchForEntry(
              SambaDc.USERS_DN,
              com.unboundid.ldap.sdk.SearchScope.ONE,
              "(userPrincipalName=alice@corp.example.com)",
              "objectGUID",
              "sAMAccountName",
              "userAccountControl");
      System.out.println(e.toLDIFString());
    }
  }
}
