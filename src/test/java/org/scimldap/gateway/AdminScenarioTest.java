package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.Main;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.IdpHeaders;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * What a directory admin does to fit the gateway to a site, end to end on the embedded directory:
 * copy the OpenLDAP preset, declare an extension schema with an attribute of the site's own ({@code
 * officeRoom}, kept in {@code roomNumber}), place users by department; check the edit with {@code
 * validate} (which names each mistake with its place) and {@code explain} (which shows the LDIF a
 * create would write); save it while the gateway runs, and see users created in and moved between
 * the containers of their department.
 *
 * <p>On the preset itself, identity providers' requests come back exactly as sent: an Okta PUT with
 * {@code name.middleName} here, whole; an Entra "Add nickName" PATCH and a user with work, home and
 * other emails in {@link KeptAttributesTest} (with filters on what is kept, and what the directory
 * holds), which runs on both directories.
 */
class AdminScenarioTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACME = "urn:example:params:scim:schemas:extension:acme:2.0:User";
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String PEOPLE = "ou=people,dc=example,dc=com";
  private static final String SALES = "ou=Sales," + PEOPLE;

  @TempDir Path dir;

  /** The preset as the admin copies it. */
  private static String preset() throws Exception {
    return Files.readString(Path.of("mappings/openldap.yaml"));
  }

  /**
   * The admin's edit of the preset: the Acme extension schema declared and listed for User, its
   * {@code officeRoom} mapped to {@code roomNumber}, and users placed by department.
   */
  private static String edited() throws Exception {
    return edit(
        preset(),
        "version: 1\n",
        """
        version: 1
        schemas:
          - id: urn:example:params:scim:schemas:extension:acme:2.0:User
            name: AcmeUser
            description: What Acme keeps about its staff
            attributes:
              - name: officeRoom
                description: The room on the badge
        """,
        "      - urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\n",
        """
              - urn:ietf:params:scim:schemas:extension:enterprise:2.0:User
              - urn:example:params:scim:schemas:extension:acme:2.0:User
        """,
        "    container: \"ou=people,{baseDn}\"\n",
        """
            container:
              by: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department
              values: {Sales: "ou=Sales,ou=people,{baseDn}"}
              default: "ou=people,{baseDn}"
        """,
        "        transform: reference\n",
        """
                transform: reference
              - scim: urn:example:params:scim:schemas:extension:acme:2.0:User:officeRoom
                ldap: roomNumber
        """);
  }

  /** {@code text} with each {@code (old, new)} pair replaced; each old text must be there once. */
  private static String edit(String text, String... pairs) {
    String out = text;
    for (int i = 0; i < pairs.length; i += 2) {
      int at = out.indexOf(pairs[i]);
      assertTrue(at >= 0 && out.indexOf(pairs[i], at + 1) < 0, "once in the preset: " + pairs[i]);
      out = out.replace(pairs[i], pairs[i + 1]);
    }
    return out;
  }

  /** {@code file:line:column} of {@code token} on the first line of {@code text} holding it. */
  private static String place(Path file, String text, String token) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      int column = lines.get(i).indexOf(token);
      if (column >= 0) {
        return file + ":" + (i + 1) + ":" + (column + 1);
      }
    }
    throw new IllegalArgumentException("not in the file: " + token);
  }

  @Test
  void validateNamesEachOfThreeMistakesWithItsPlace() throws Exception {
    String text =
        edit(
            edited(),
            "      by: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\n",
            "      by: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:departement\n",
            "User:officeRoom\n",
            "User:officeRom\n",
            "      default: \"ou=people,{baseDn}\"\n",
            "      default: \"ou=people,{baseDN}\"\n");
    Path broken = Files.writeString(dir.resolve("broken.yaml"), text);

    Run r = run(toolEnv(), "validate", broken.toString());

    assertEquals(1, r.status(), r.err());
    String[] out = r.out().split("\n");
    assertEquals(
        place(broken, text, ENTERPRISE + ":departement")
            + ": '"
            + ENTERPRISE
            + ":departement' is not an attribute of User or its extensions",
        out[0]);
    assertEquals("  hint: did you mean 'department'?", out[1]);
    assertTrue(
        out[2].startsWith(
            place(broken, text, "\"ou=people,{baseDN}\"")
                + ": 'ou=people,{baseDN}' is not a valid DN template: "),
        out[2]);
    assertEquals(
        place(broken, text, ACME + ":officeRom")
            + ": '"
            + ACME
            + ":officeRom' is not an attribute of User or its extensions",
        out[3]);
    assertEquals("  hint: did you mean 'officeRoom'?", out[4]);
    assertEquals(
        "3 problems in "
            + broken
            + " (3 errors, 0 warnings), checked against the mapping file only",
        out[5]);
    assertEquals(6, out.length, r.out());
    assertFalse(Files.exists(dir.resolve("tool-data")), "validate writes nothing");
  }

  @Test
  void explainShowsACreateUnderItsDepartmentWithTheExtensionAttribute() throws Exception {
    Path mapping = Files.writeString(dir.resolve("acme.yaml"), edited());
    Path request = Files.writeString(dir.resolve("okta-create.json"), oktaUser("ann.lee"));

    Run r =
        run(
            toolEnv(),
            "explain",
            "--mapping",
            mapping.toString(),
            "--operation",
            "create",
            request.toString());

    assertEquals(0, r.status(), r.err());
    assertEquals(
        """
        # create User: the LDAP operations the gateway would perform (nothing was written)
        # externalId '00ujl29u0le5T6Aj10h7' is kept in the correlation store

        dn: uid=ann.lee@example.com,ou=Sales,ou=people,dc=example,dc=com
        changetype: add
        objectClass: top
        objectClass: person
        objectClass: organizationalPerson
        objectClass: inetOrgPerson
        uid: ann.lee@example.com
        givenName: Ann
        sn: Lee
        displayName: Ann Lee
        cn: Ann Lee
        mail: ann.lee@example.com
        departmentNumber: Sales
        roomNumber: B-204
        """,
        r.out());
  }

  @Test
  void aSavedEditIsServedAndPlacesAndMovesUsersByDepartment() throws Exception {
    Path mapping = dir.resolve("gateway.yaml");
    Files.writeString(mapping, preset());
    String edited = edited();
    try (GatewayUnderTest gateway =
        GatewayUnderTest.embedded(Map.of("GATEWAY_MAPPING", mapping.toString()))) {
      ScimClient scim = gateway.client();
      Path candidate = Files.writeString(dir.resolve("candidate.yaml"), edited);

      // Checked against the running directory, the edit names the container it lacks.
      Map<String, String> online = toolEnv();
      try (LDAPConnection ldap = gateway.ldap()) {
        online.put("GATEWAY_LDAP_URL", "ldap://127.0.0.1:" + ldap.getConnectedPort());
      }
      Run missing = run(online, "validate", candidate.toString());
      assertEquals(1, missing.status(), missing.out() + missing.err());
      assertTrue(
          missing
              .out()
              .startsWith(
                  place(candidate, edited, "\"ou=Sales,ou=people,{baseDn}\"")
                      + ": the container '"
                      + SALES
                      + "' of User (for 'Sales') does not exist in ldap://127.0.0.1:"),
          missing.out());
      try (LDAPConnection ldap = gateway.ldap()) {
        ldap.add(
            "dn: " + SALES, "objectClass: top", "objectClass: organizationalUnit", "ou: Sales");
      }
      Run fits = run(online, "validate", candidate.toString());
      assertEquals(0, fits.status(), fits.out() + fits.err());
      assertTrue(
          fits.out().startsWith("OK: " + candidate + ", checked against ldap://"), fits.out());

      assertEquals(404, scim.get("/Schemas/" + ACME).status(), "not served before the save");
      Files.move(candidate, mapping, StandardCopyOption.REPLACE_EXISTING);
      await("officeRoom in /Schemas", () -> schemaLists(scim, ACME, "officeRoom"));
      JsonNode types = scim.get("/ResourceTypes/User").json();
      assertTrue(types.path("schemaExtensions").toString().contains(ACME), types.toString());

      ScimClient okta = scim.withHeaders(IdpHeaders.okta());
      Response created = okta.post("/Users", oktaUser("ann.lee"));
      assertEquals(201, created.status(), created.toString());
      String id = created.json().path("id").asText();
      assertEquals("B-204", created.json().path(ACME).path("officeRoom").asText(), created.raw());
      String inSales = "uid=ann.lee@example.com," + SALES;
      String inPeople = "uid=ann.lee@example.com," + PEOPLE;
      try (LDAPConnection ldap = gateway.ldap()) {
        SearchResultEntry entry = ldap.getEntry(inSales, "*", "+");
        assertNotNull(entry, "created under ou=Sales");
        assertEquals("B-204", entry.getAttributeValue("roomNumber"));
        assertEquals("Sales", entry.getAttributeValue("departmentNumber"));
        assertEquals(id, entry.getAttributeValue("entryUUID").toLowerCase());
        assertNull(ldap.getEntry(inPeople));
      }

      Response patched =
          okta.patch(
              "/Users/" + id,
              """
              {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
               "Operations":[{"op":"replace","path":"%s:department","value":"Engineering"}]}"""
                  .formatted(ENTERPRISE));
      assertEquals(200, patched.status(), patched.toString());
      assertEquals(id, patched.json().path("id").asText(), "the id survives the move");
      try (LDAPConnection ldap = gateway.ldap()) {
        assertNull(ldap.getEntry(inSales), "moved out of ou=Sales");
        SearchResultEntry entry = ldap.getEntry(inPeople);
        assertNotNull(entry, "moved to the default container");
        assertEquals("Engineering", entry.getAttributeValue("departmentNumber"));
        assertEquals("B-204", entry.getAttributeValue("roomNumber"));
      }
      JsonNode read = scim.get("/Users/" + id).json();
      assertEquals("Engineering", read.path(ENTERPRISE).path("department").asText());
      assertEquals("B-204", read.path(ACME).path("officeRoom").asText());
      assertEquals("en-US", read.path("locale").asText(), "kept attributes survive the move");
    }
  }

  @Test
  void anOktaPutWithAMiddleNameComesBackExactlyAsSent() throws Exception {
    try (GatewayUnderTest gateway = GatewayUnderTest.embedded()) {
      ScimClient okta = gateway.client().withHeaders(IdpHeaders.okta());
      Response created =
          okta.post(
              "/Users", OktaReplayTest.oktaUser("mia.wong@example.com", "Mia", "Wong", "1mz050nq"));
      assertEquals(201, created.status(), created.toString());
      String id = created.json().path("id").asText();
      ObjectNode put =
          (ObjectNode)
              JSON.readTree(
                  OktaReplayTest.oktaUser("mia.wong@example.com", "Mia", "Wong", "1mz050nq"));
      put.put("id", id);
      ((ObjectNode) put.path("name")).put("middleName", "Jia");
      put.put("displayName", "Mia Jia Wong");

      Response answer = okta.put("/Users/" + id, put.toString());
      assertEquals(200, answer.status(), answer.toString());
      JsonNode read = okta.get("/Users/" + id).json();

      // What comes back is what was sent, but for what RFC 7643 has the gateway set or never
      // return: meta, groups (read-only) and the password (write-only).
      ObjectNode expected = put.deepCopy();
      expected.remove(List.of("groups", "password"));
      for (JsonNode resource : List.of(answer.json(), read)) {
        ObjectNode actual = resource.deepCopy();
        actual.remove(List.of("meta", "groups"));
        assertEquals(expected, actual);
      }
    }
  }

  /**
   * A user as Okta creates one (its SCIM 2.0 reference, as in {@link OktaReplayTest}), with the
   * Enterprise User department and the Acme office room; no password, whose hash has a random salt.
   */
  private static String oktaUser(String name) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                    "urn:example:params:scim:schemas:extension:acme:2.0:User"],
         "userName":"%1$s@example.com",
         "name":{"givenName":"Ann","familyName":"Lee"},
         "emails":[{"primary":true,"value":"%1$s@example.com","type":"work"}],
         "displayName":"Ann Lee",
         "locale":"en-US",
         "externalId":"00ujl29u0le5T6Aj10h7",
         "groups":[],
         "active":true,
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales"},
         "urn:example:params:scim:schemas:extension:acme:2.0:User":{"officeRoom":"B-204"}}
        """
        .formatted(name);
  }

  private static boolean schemaLists(ScimClient scim, String urn, String attribute) {
    Response r = scim.get("/Schemas/" + urn);
    if (r.status() != 200) {
      return false;
    }
    for (JsonNode a : r.json().path("attributes")) {
      if (a.path("name").asText().equals(attribute)) {
        return true;
      }
    }
    return false;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("waited 10 s for " + what);
      }
      Thread.sleep(25);
    }
  }

  /** What one run of the command line printed and returned. */
  private record Run(int status, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
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

  /** The tools' environment: no configuration file, a data folder they must not create. */
  private Map<String, String> toolEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_CONFIG", "");
    env.put("GATEWAY_DATA_DIR", dir.resolve("tool-data").toString());
    return env;
  }
}
