package org.scimldap.activedirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimldap.ldap.DirectoryUnusableException;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.SambaDc;

/**
 * How the gateway reaches a domain controller: LDAPS with the DC's certificate checked against the
 * host name, or StartTLS; a name the certificate does not give, plain LDAP (which AD refuses for a
 * simple bind) and a wrong password each stop the start with a message that says what is wrong.
 */
class AdConnectionTest extends AdContract {

  @Test
  void startTlsOnThePlainPortWorksToo() throws Exception {
    try (GatewayUnderTest g =
        startAt(
            "ldap://127.0.0.1:389", dc.adminPassword(), Map.of("GATEWAY_LDAP_STARTTLS", "true"))) {
      assertEquals(200, g.client().get("/Users?count=1").status());
      assertEquals(
          201,
          g.client().post("/Users", user("tls@corp.example.com", "Tee", "Ls")).status(),
          "a create (and so a password) may go over StartTLS");
    }
  }

  @Test
  void aHostNameTheCertificateDoesNotGiveStopsTheStart() {
    DirectoryUnusableException e =
        assertThrows(
            DirectoryUnusableException.class,
            () -> startAt("ldaps://localhost:636", dc.adminPassword(), Map.of()));
    assertTrue(e.getMessage().contains("names " + SambaDc.HOST_NAME), e.getMessage());
    assertTrue(e.getMessage().contains("not localhost"), e.getMessage());
  }

  @Test
  void plainLdapIsRefusedForWantOfTls() {
    DirectoryUnusableException e =
        assertThrows(
            DirectoryUnusableException.class,
            () -> startAt("ldap://127.0.0.1:389", dc.adminPassword(), Map.of()));
    assertTrue(e.getMessage().contains("TLS"), e.getMessage());
    assertTrue(e.getMessage().contains("GATEWAY_LDAP_STARTTLS"), e.getMessage());
  }

  @Test
  void aWrongPasswordSaysSoWithoutShowingIt() {
    DirectoryUnusableException e =
        assertThrows(
            DirectoryUnusableException.class,
            () -> startAt(dc.url(), "Wrong-Passw0rd-123", Map.of()));
    assertTrue(e.getMessage().contains("52e"), e.getMessage());
    assertFalse(e.getMessage().contains("Wrong-Passw0rd-123"), e.getMessage());
  }

  private static GatewayUnderTest startAt(String url, String password, Map<String, String> extra)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_MAPPING", "active-directory");
    env.put("GATEWAY_BASE_DN", BASE);
    env.put("GATEWAY_LDAP_CA_FILE", dc.certificatePem().toString());
    env.putAll(extra);
    return GatewayUnderTest.external(url, SambaDc.ADMIN, password, env);
  }
}
