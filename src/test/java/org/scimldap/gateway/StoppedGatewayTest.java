package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayProcess;
import org.scimldap.testsupport.ScimClient;

/**
 * A gateway asked to stop (SIGTERM) logs it, stops, and says so, with nothing it logged before
 * lost: the log is closed last, after the gateway's own last lines.
 */
class StoppedGatewayTest {
  @Test
  void logsItsStopToTheLastLine() throws Exception {
    Path data = Files.createTempDirectory("gateway-stopped");
    try (GatewayProcess gateway = GatewayProcess.embedded(data)) {
      ScimClient scim = gateway.client();
      ScimClient.Response created =
          scim.post("/Users", GatewayTest.user("stopped", "Stop", "Ped", "stopped@example.com"));
      assertEquals(201, created.status(), created.toString());
      ScimClient.Response read = scim.get("/Users/" + created.json().path("id").asText());
      assertEquals(200, read.status(), read.toString());

      gateway.terminate();

      String output = gateway.output();
      int request = output.indexOf("GET /scim/v2/Users/" + created.json().path("id").asText());
      int stopping = output.indexOf("Stopping: the process was asked to end");
      int endpoint = output.indexOf("SCIM endpoint stopped");
      int stopped = output.indexOf("Gateway stopped");
      assertTrue(
          request >= 0 && request < stopping && stopping < endpoint && endpoint < stopped, output);
    }
  }
}
