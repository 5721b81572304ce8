package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.Gateway;
import org.scimldap.config.ConfigException;
import org.scimldap.config.ConfigLoader;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.ScimClient;

/**
 * The generated token is the fall-back of the embedded default only: it exists when nothing at all
 * is configured, and is neither made nor accepted otherwise; on a real directory, nothing
 * configured stops the start.
 */
class GeneratedTokenTest {
  @TempDir Path dir;

  @Test
  void withNothingConfiguredTheEmbeddedDefaultGeneratesAToken() throws Exception {
    try (GatewayUnderTest gateway = GatewayUnderTest.embedded(Map.of("GATEWAY_TOKEN", ""))) {
      Path file = gateway.dataDir().resolve("scim-token");
      assertTrue(Files.exists(file), "a token was generated");
      String token = Files.readString(file).trim();
      assertTrue(token.length() >= 32, "generated tokens are long");
      assertEquals(200, gateway.client(token).get("/Users").status());
      assertEquals(401, gateway.client().get("/Users").status(), "GATEWAY_TOKEN is not set");
    }
  }

  @Test
  void withGatewayTokenSetNoTokenIsGeneratedAndAnOldOneIsRefused() throws Exception {
    try (GatewayUnderTest gateway = GatewayUnderTest.embedded(Map.of("GATEWAY_TOKEN", ""))) {
      String generated = Files.readString(gateway.dataDir().resolve("scim-token")).trim();
      gateway.stop();
      Map<String, String> env = new HashMap<>();
      env.put("GATEWAY_CONFIG", "");
      env.put("GATEWAY_DATA_DIR", gateway.dataDir().toString());
      env.put("GATEWAY_HTTP_PORT", "0");
      env.put("GATEWAY_EMBEDDED_LDAP_PORT", "0");
      env.put("GATEWAY_TOKEN", GatewayUnderTest.TOKEN);
      try (Gateway restarted = Gateway.start(new ConfigLoader(env).load())) {
        String base = "http://127.0.0.1:" + restarted.httpPort() + "/scim/v2";
        assertEquals(
            401,
            new ScimClient(base, generated).get("/Users").status(),
            "the generated token is not accepted once a token is configured");
        assertEquals(200, new ScimClient(base, GatewayUnderTest.TOKEN).get("/Users").status());
      }
    }
  }

  @Test
  void withNothingConfiguredARealDirectoryStopsTheStart() {
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_CONFIG", "");
    env.put("GATEWAY_DATA_DIR", dir.toString());
    env.put("GATEWAY_HTTP_PORT", "0");
    env.put("GATEWAY_LDAP_URL", "ldap://127.0.0.1:1");
    ConfigException e =
        assertThrows(ConfigException.class, () -> Gateway.start(new ConfigLoader(env).load()));
    assertTrue(e.getMessage().startsWith("No client can call the gateway"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("scim-token")), "no token was generated");
  }
}
