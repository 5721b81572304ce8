package org.scimldap.activedirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.Main;
import org.scimldap.testsupport.SambaDc;

/**
 * The admin tools against a domain controller: {@code validate} finds the AD preset clean against
 * AD's own schema, and names what a copy of it gets wrong; {@code explain --dn} shows what an entry
 * is as a SCIM resource.
 */
class AdAdminToolsTest extends AdContract {
  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  private Run run(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_CONFIG", "");
    env.put("GATEWAY_DATA_DIR", dir.resolve("data").toString());
    env.put("GATEWAY_LDAP_URL", dc.url());
    env.put("GATEWAY_LDAP_CA_FILE", dc.certificatePem().toString());
    env.put("GATEWAY_LDAP_BIND_DN", SambaDc.ADMIN);
    env.put("GATEWAY_LDAP_BIND_PASSWORD", dc.adminPassword());
    env.put("GATEWAY_BASE_DN", BASE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void thePresetIsCleanAgainstAdsSchemaAndACopysMistakesAreNamed() throws Exception {
    Run clean = run("validate", "active-directory");
    assertEquals(0, clean.status(), clean.out() + clean.err());
    assertTrue(!clean.out().contains("warning"), clean.out());

    String preset = Files.readString(Path.of("mappings/active-directory.yaml"));
    Path copy =
        Files.writeString(
            dir.resolve("ad.yaml"),
            preset
                .replace("ldap: department", "ldap: departement")
                .replace(
                    "[top, person, organizationalPerson, user]",
                    "[top, person, organizationalPerson, usr]"));
    Run wrong = run("validate", copy.toString());
    assertEquals(1, wrong.status(), wrong.out() + wrong.err());
    assertTrue(
        wrong
            .out()
            .contains("LDAP attribute 'departement' is not defined in the directory's schema"),
        wrong.out());
    assertTrue(wrong.out().contains("object class 'usr' is not defined"), wrong.out());
    assertTrue(wrong.out().contains("ad.yaml:"), wrong.out());
  }

  @Test
  void explainShowsAnEntryAsTheResourceItIs() throws Exception {
    String id = createUser(user("shown@corp.example.com", "Shown", "User"));
    Run shown =
        run(
            "explain",
            "--mapping",
            "active-directory",
            "--dn",
            "CN=shown@corp.example.com," + USERS);
    assertEquals(0, shown.status(), shown.out() + shown.err());
    assertTrue(
        shown.out().contains("\"id\" : \"" + id + "\"")
            || shown.out().contains("\"id\":\"" + id + "\""),
        shown.out());
    assertTrue(shown.out().contains("shown@corp.example.com"), shown.out());
  }
}
