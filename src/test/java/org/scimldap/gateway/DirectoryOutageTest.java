package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.embedded.EmbeddedSchema;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/** A directory outage is a retryable 503; when the directory is back, the gateway is too. */
class DirectoryOutageTest {
  private InMemoryDirectoryServer directory;
  private GatewayUnderTest gateway;

  @BeforeEach
  void start() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.addAdditionalBindCredentials("cn=admin,dc=example,dc=com", "secret");
    // The schema the OpenLDAP preset needs (pwdAccountLockedTime), or the gateway refuses to start.
    config.setSchema(EmbeddedSchema.schema());
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig("test", InetAddress.getLoopbackAddress(), 0, null));
    directory = new InMemoryDirectoryServer(config);
    directory.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
    directory.add(
        "dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
    directory.add(
        "dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
    directory.startListening();
    gateway =
        GatewayUnderTest.external(
            "ldap://127.0.0.1:" + directory.getListenPort(),
            "cn=admin,dc=example,dc=com",
            "secret");
  }

  @AfterEach
  void stop() {
    gateway.close();
    directory.shutDown(true);
  }

  @Test
  void outageIs503WithRetryAfterAndRecoveryNeedsNoRestart() throws Exception {
    ScimClient scim = gateway.client();
    int port = directory.getListenPort();
    Response created =
        scim.post("/Users", GatewayTest.user("olga", "Olga", "Berg", "olga@example.com"));
    assertEquals(201, created.status(), created.toString());
    String id = created.json().path("id").asText();

    directory.shutDown(true);
    Response down = scim.get("/Users/" + id);
    assertEquals(503, down.status(), down.toString());
    assertNotNull(down.header("Retry-After"));
    assertEquals("503", down.json().path("status").asText());
    assertTrue(down.json().path("detail").asText().contains("retry"), down.toString());
    Response refused =
        scim.post("/Users", GatewayTest.user("piet", "Piet", "Mol", "piet@example.com"));
    assertEquals(503, refused.status(), refused.toString());

    directory.startListening();
    assertEquals(port, directory.getListenPort());
    assertEquals(200, scim.get("/Users/" + id).status());
    Response retried =
        scim.post("/Users", GatewayTest.user("piet", "Piet", "Mol", "piet@example.com"));
    assertEquals(201, retried.status(), retried.toString());
    assertEquals(
        1,
        scim.get("/Users?filter=" + ScimClient.q("userName eq \"piet\""))
            .json()
            .path("totalResults")
            .asInt());
  }
}
