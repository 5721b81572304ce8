package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.SampleDirectory;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/** A directory outage is a retryable 503; when the directory is back, the gateway is too. */
class DirectoryOutageTest {
  private InMemoryDirectoryServer directory;
  private GatewayUnderTest gateway;

  @BeforeEach
  void start() throws Exception {
    directory = SampleDirectory.start();
    gateway = SampleDirectory.gatewayOn(directory);
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
