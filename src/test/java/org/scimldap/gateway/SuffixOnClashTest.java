package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.LDAPConnection;
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
 * A naming attribute cut to a length ({@code sanitize}) with {@code unique: suffix}: two users
 * whose names share their first characters get the value with the smallest free number appended,
 * within the length, as Active Directory's {@code sAMAccountName} needs.
 */
class SuffixOnClashTest {
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
            - {scim: userName, ldap: uid}
            - {scim: name.familyName, ldap: sn, fallback: [userName]}
            - {scim: userName, ldap: cn, direction: toLdap}
            - scim: userName
              ldap: employeeNumber
              direction: toLdap
              transform: [{replace: {pattern: '@.*$', with: ''}}, {sanitize: {maxLength: 8}}]
              unique: suffix
      """;

  @TempDir static Path dir;
  private static GatewayUnderTest gateway;
  private static ScimClient scim;

  @BeforeAll
  static void start() throws Exception {
    Path mapping = dir.resolve("suffix.yaml");
    Files.writeString(mapping, MAPPING);
    gateway = GatewayUnderTest.embedded(Map.of("GATEWAY_MAPPING", mapping.toString()));
    scim = gateway.client();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void takenValuesGetTheNextFreeNumberWithinTheLength() throws Exception {
    create("alexander.one@example.com");
    create("alexander.two@example.com");
    create("alexander.six@example.com");
    create("al@example.com");
    try (LDAPConnection ldap = gateway.ldap()) {
      assertEquals("alexande", number(ldap, "alexander.one@example.com"));
      assertEquals("alexand1", number(ldap, "alexander.two@example.com"));
      assertEquals("alexand2", number(ldap, "alexander.six@example.com"));
      assertEquals("al", number(ldap, "al@example.com"));
    }
  }

  private static void create(String userName) {
    Response r =
        scim.post(
            "/Users",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + userName
                + "\"}");
    assertEquals(201, r.status(), r.toString());
  }

  private static String number(LDAPConnection ldap, String uid) throws Exception {
    return ldap.getEntry("uid=" + uid + "," + PEOPLE).getAttributeValue("employeeNumber");
  }
}
