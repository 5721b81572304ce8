package org.scimldap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void theShippedFileGivesTheEmbeddedDefault() {
    GatewayConfig c = new ConfigLoader(Map.of()).load(Path.of("config/gateway.yaml"));
    assertTrue(c.ldap().usesEmbedded());
    assertEquals(1389, c.ldap().embedded().port());
    assertEquals("127.0.0.1", c.http().host());
    assertEquals(8080, c.http().port());
    assertEquals("/scim/v2", c.http().basePath());
    assertEquals(Path.of("data", "gateway.db"), c.storePath());
    assertEquals("dc=example,dc=com", c.ldap().baseDn());
    assertEquals(List.of(), c.tokens());
  }

  @Test
  void everyDocumentedVariableOverridesTheFile() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_HTTP_HOST", "0.0.0.0");
    env.put("GATEWAY_HTTP_PORT", "9090");
    env.put("GATEWAY_DATA_DIR", "/var/lib/gw");
    env.put("GATEWAY_TOKEN", "tok-123");
    env.put("GATEWAY_EMBEDDED_LDAP_PORT", "2389");
    env.put("GATEWAY_LDAP_URL", "ldaps://a:636 ldaps://b:636");
    env.put("GATEWAY_LDAP_BIND_DN", "cn=gw,dc=corp");
    env.put("GATEWAY_LDAP_BIND_PASSWORD", "pw");
    env.put("GATEWAY_BASE_DN", "dc=corp");
    env.put("GATEWAY_MAPPING", "/etc/gw/mapping.yaml");
    env.put("GATEWAY_PUBLIC_URL", "https://scim.example.com/scim/v2/");
    GatewayConfig c = new ConfigLoader(env).load(Path.of("config/gateway.yaml"));
    assertEquals("0.0.0.0", c.http().host());
    assertEquals(9090, c.http().port());
    assertEquals(Path.of("/var/lib/gw", "gateway.db"), c.storePath());
    assertEquals(List.of("tok-123"), c.tokens());
    assertEquals(2389, c.ldap().embedded().port());
    assertEquals(List.of("ldaps://a:636", "ldaps://b:636"), c.ldap().urls());
    assertFalse(c.ldap().usesEmbedded(), "an LDAP URL turns the embedded directory off");
    assertEquals("cn=gw,dc=corp", c.ldap().bindDn());
    assertEquals("pw", c.ldap().bindPassword());
    assertEquals("dc=corp", c.ldap().baseDn());
    assertEquals("/etc/gw/mapping.yaml", c.mapping());
    assertEquals("https://scim.example.com/scim/v2", c.http().publicUrl());
  }

  @Test
  void secretsFromTheEnvironmentKeepEveryCharacterAndNeverShowInErrors() throws Exception {
    Path file = dir.resolve("g.yaml");
    Files.writeString(file, "ldap:\n  bindPassword: ${SECRET}\n");
    String secret = "@S3cr3t: pw #not-a-comment";
    GatewayConfig c = new ConfigLoader(Map.of("SECRET", secret)).load(file);
    assertEquals(secret, c.ldap().bindPassword());

    Files.writeString(file, "ldap:\n  bindPassword: ${SECRET}\n  poolSize: ${SECRET}\n");
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> new ConfigLoader(Map.of("SECRET", secret)).load(file));
    assertTrue(e.getMessage().contains("'ldap.poolSize'"), e.getMessage());
    assertFalse(e.getMessage().contains("S3cr3t"), e.getMessage());
  }

  @Test
  void mistakesNameTheKey() throws Exception {
    Path file = dir.resolve("g.yaml");
    Files.writeString(file, "http:\n  prot: 1\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file));
    assertTrue(e.getMessage().contains("unknown key 'prot' at 'http.prot'"), e.getMessage());
    Files.writeString(file, "http: [\n");
    assertTrue(
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file))
            .getMessage()
            .startsWith(file + ":"));
    ConfigException missing =
        assertThrows(
            ConfigException.class,
            () ->
                new ConfigLoader(Map.of("GATEWAY_CONFIG", dir.resolve("none.yaml").toString()))
                    .load());
    assertTrue(missing.getMessage().contains("none.yaml"));
    assertThrows(
        ConfigException.class,
        () ->
            new ConfigLoader(Map.of("GATEWAY_HTTP_PORT", "eighty"))
                .load(Path.of("config/gateway.yaml")));
  }

  @Test
  void directoryNamesAreCheckedAtStart() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new ConfigLoader(Map.of("GATEWAY_LDAP_BIND_DN", "cn=gw,,"))
                    .load(Path.of("config/gateway.yaml")));
    assertTrue(e.getMessage().contains("ldap.bindDn"), e.getMessage());
    assertEquals(
        "svc@corp.example.com",
        new ConfigLoader(Map.of("GATEWAY_LDAP_BIND_DN", "svc@corp.example.com"))
            .load(Path.of("config/gateway.yaml"))
            .ldap()
            .bindDn(),
        "Active Directory's user@domain bind names are accepted");
    assertThrows(
        ConfigException.class,
        () ->
            new ConfigLoader(Map.of("GATEWAY_BASE_DN", "dc=,,"))
                .load(Path.of("config/gateway.yaml")));
    assertThrows(
        ConfigException.class,
        () ->
            new ConfigLoader(Map.of("GATEWAY_HTTP_PORT", "70000"))
                .load(Path.of("config/gateway.yaml")));
  }

  @Test
  void referencesWorkInFlowListsToo() throws Exception {
    Path file = dir.resolve("g.yaml");
    Files.writeString(file, "auth:\n  tokens: [${EXTRA_TOKEN}, fixed-token-0123456789]\n");
    GatewayConfig c =
        new ConfigLoader(Map.of("EXTRA_TOKEN", "env-token: with, odd [chars]")).load(file);
    assertEquals(List.of("env-token: with, odd [chars]", "fixed-token-0123456789"), c.tokens());
  }
}
