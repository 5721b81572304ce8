package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.SampleDirectory;

/** /health/ready follows the directory: 503 naming it while it is down, 200 once it is back. */
class ReadinessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
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
  void readyIs503NamingTheDirectoryWhileItIsDown() throws Exception {
    int port = directory.getListenPort();
    assertEquals(200, ready().statusCode());

    directory.shutDown(true);
    HttpResponse<String> down = ready();
    assertEquals(503, down.statusCode(), down.body());
    JsonNode body = JSON.readTree(down.body());
    assertEquals("DOWN", body.path("status").asText(), down.body());
    JsonNode check = body.path("checks").path("directory");
    assertEquals("DOWN", check.path("status").asText(), down.body());
    assertTrue(
        check.path("detail").asText().contains("connection refused by 127.0.0.1:" + port),
        down.body());
    assertEquals("UP", body.path("checks").path("store").path("status").asText(), down.body());
    assertEquals("UP", body.path("checks").path("mapping").path("status").asText(), down.body());

    directory.startListening();
    assertEquals(200, ready().statusCode());
  }

  private HttpResponse<String> ready() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.httpPort() + "/health/ready"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
