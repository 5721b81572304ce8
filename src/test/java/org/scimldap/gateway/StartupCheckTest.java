package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.schema.Schema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.Main;
import org.scimldap.StartupCheckException;
import org.scimldap.embedded.EmbeddedSchema;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.Presets;

/**
 * A directory that does not fit the mapping stops the start, with a message that names what is
 * missing and where the mapping asks for it; nothing is left running or half written.
 */
class StartupCheckTest {
  private static final String ADMIN = "cn=admin,dc=example,dc=com";

  @TempDir Path dir;
  private InMemoryDirectoryServer directory;

  @AfterEach
  void stop() {
    if (directory != null) {
      directory.shutDown(true);
    }
  }

  @Test
  void aWrongBaseDnStopsTheStartNamingItAndTheContainersUnderIt() throws Exception {
    String url = start(EmbeddedSchema.schema());
    StartupCheckException e =
        assertThrows(
            StartupCheckException.class,
            () ->
                GatewayUnderTest.external(
                    url, ADMIN, "secret", Map.of("GATEWAY_BASE_DN", "dc=example,dc=org")));
    assertTrue(
        e.getMessage().contains("the base DN 'dc=example,dc=org' (ldap.baseDn) does not exist"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                Presets.openLdapAt("container: \"ou=people", 16)
                    + ": the container 'ou=people,dc=example,dc=org' of User"
                    + " does not exist"),
        e.getMessage());
  }

  @Test
  void aMissingContainerStopsTheStartNamingItsPlaceInTheMapping() throws Exception {
    String url = start(EmbeddedSchema.schema());
    Path mapping = dir.resolve("teams.yaml");
    List<String> lines =
        Files.readAllLines(Path.of("mappings/openldap.yaml")).stream()
            .map(l -> l.replace("\"ou=groups,{baseDn}\"", "\"ou=teams,{baseDn}\""))
            .toList();
    Files.write(mapping, lines);
    int line = lines.indexOf("    container: \"ou=teams,{baseDn}\"") + 1;
    StartupCheckException e =
        assertThrows(
            StartupCheckException.class,
            () ->
                GatewayUnderTest.external(
                    url, ADMIN, "secret", Map.of("GATEWAY_MAPPING", mapping.toString())));
    assertTrue(
        e.getMessage()
            .contains(
                mapping
                    + ":"
                    + line
                    + ":16: the container 'ou=teams,dc=example,dc=com' of Group does not exist"),
        e.getMessage());
    assertFalse(e.getMessage().contains("ou=people"), e.getMessage());
  }

  @Test
  void everyContainerOfAPlacementRuleAndTheLeaversContainerMustExist() throws Exception {
    String url = start(EmbeddedSchema.schema());
    directory.add(
        "dn: ou=Sales,ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: Sales");
    Path mapping = dir.resolve("placed.yaml");
    List<String> lines =
        Files.readAllLines(Path.of("mappings/openldap.yaml")).stream()
            .flatMap(
                l ->
                    l.equals("    container: \"ou=people,{baseDn}\"")
                        ? Stream.of(
                            "    container:",
                            "      by: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:"
                                + "department",
                            "      values: {Sales: \"ou=Sales,ou=people,{baseDn}\",",
                            "               Engineering: \"ou=Engineering,ou=people,{baseDn}\"}",
                            "      default: \"ou=people,{baseDn}\"",
                            "    delete: {moveTo: \"ou=leavers,{baseDn}\"}")
                        : Stream.of(l))
            .toList();
    Files.write(mapping, lines);
    int engineering =
        lines.indexOf("               Engineering: \"ou=Engineering,ou=people,{baseDn}\"}") + 1;
    int delete = lines.indexOf("    delete: {moveTo: \"ou=leavers,{baseDn}\"}") + 1;
    StartupCheckException e =
        assertThrows(
            StartupCheckException.class,
            () ->
                GatewayUnderTest.external(
                    url, ADMIN, "secret", Map.of("GATEWAY_MAPPING", mapping.toString())));
    assertTrue(
        e.getMessage()
            .contains(
                mapping
                    + ":"
                    + engineering
                    + ":29: the container 'ou=Engineering,ou=people,dc=example,dc=com' of User"
                    + " (for 'Engineering') does not exist"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                mapping
                    + ":"
                    + delete
                    + ":13: the leavers' container 'ou=leavers,dc=example,dc=com' of User"
                    + " (delete.moveTo) does not exist"),
        e.getMessage());
    assertFalse(e.getMessage().contains("ou=Sales"), e.getMessage());
  }

  @Test
  void aDirectoryWithoutThePasswordPolicySchemaIsRefusedAtStart() throws Exception {
    String url = start(Schema.getDefaultStandardSchema());
    StartupCheckException e =
        assertThrows(
            StartupCheckException.class, () -> GatewayUnderTest.external(url, ADMIN, "secret"));
    assertTrue(
        e.getMessage()
            .contains(
                Presets.openLdapAt("scim: active", 9)
                    + ": LDAP attribute 'pwdAccountLockedTime' is not defined"
                    + " in the directory's schema"),
        e.getMessage());
    assertTrue(e.getMessage().contains("hint: OpenLDAP defines it in the schema of its ppolicy"));
  }

  @Test
  void serveExitsWith1AndLeavesNothingRunningOrWritten() throws Exception {
    String url = start(EmbeddedSchema.schema());
    Path data = dir.resolve("data");
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_CONFIG", "");
    env.put("GATEWAY_DATA_DIR", data.toString());
    env.put("GATEWAY_HTTP_PORT", "0");
    env.put("GATEWAY_TOKEN", GatewayUnderTest.TOKEN);
    env.put("GATEWAY_LDAP_URL", url);
    env.put("GATEWAY_LDAP_BIND_DN", ADMIN);
    env.put("GATEWAY_LDAP_BIND_PASSWORD", "secret");
    env.put("GATEWAY_BASE_DN", "dc=example,dc=org");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"serve"},
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String errors = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, status, errors);
    assertTrue(errors.startsWith("Cannot start: the directory ldap://"), errors);
    assertTrue(errors.contains("'dc=example,dc=org'"), errors);
    assertFalse(Files.exists(data.resolve("gateway.db")), "the store was not opened");
    assertFalse(Files.exists(data.resolve("scim-token")), "no token was generated");
  }

  /** An in-memory directory for dc=example,dc=com with ou=people and ou=groups. */
  private String start(Schema schema) throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.addAdditionalBindCredentials(ADMIN, "secret");
    config.setSchema(schema);
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig("test", InetAddress.getLoopbackAddress(), 0, null));
    directory = new InMemoryDirectoryServer(config);
    directory.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
    directory.add(
        "dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
    directory.add(
        "dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
    directory.startListening();
    return "ldap://127.0.0.1:" + directory.getListenPort();
  }
}
