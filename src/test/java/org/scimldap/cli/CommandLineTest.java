package org.scimldap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.Main;
import org.scimldap.embedded.EmbeddedSchema;
import org.scimldap.testsupport.ActiveDirectoryLikeServer;
import org.scimldap.testsupport.Presets;

/** The command line, run in-process through {@link Main#run}: statuses, output and side effects. */
class CommandLineTest {
  private static final String USER_ID = "0b0c5a5e-1111-4a4a-8b8b-000000000001";
  private static final String GROUP_ID = "0b0c5a5e-2222-4a4a-8b8b-000000000002";

  @TempDir Path dir;
  private InMemoryDirectoryServer directory;

  @AfterEach
  void stop() {
    if (directory != null) {
      directory.shutDown(true);
    }
  }

  /** What one run printed and returned. */
  private record Run(int status, String out, String err) {}

  private Run run(Map<String, String> env, String... args) {
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

  private Run run(String... args) {
    return run(env(), args);
  }

  /** No configuration file; the data folder in the test's temp folder. */
  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_CONFIG", "");
    env.put("GATEWAY_DATA_DIR", data().toString());
    return env;
  }

  private Path data() {
    return dir.resolve("data");
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void helpPrintsTheUsageAndStartsNothing() {
    for (String help : new String[] {"--help", "-h", "validate --help"}) {
      Run r = run(help.split(" "));
      assertEquals(0, r.status(), help);
      assertEquals(CommandLine.USAGE_TEXT, r.out(), help);
      assertEquals("", r.err(), help);
    }
    assertTrue(CommandLine.USAGE_TEXT.startsWith("Usage: scim-ldap-gateway [serve]"));
    assertFalse(Files.exists(data()), "no data folder");
  }

  @Test
  void versionSaysWhenItIsADevelopmentBuild() {
    Run r = run("--version");
    assertEquals(0, r.status());
    assertEquals("scim-ldap-gateway (development build)\n", r.out());
  }

  @Test
  void anUnknownOptionOrCommandIsAUsageErrorThatStartsNothing() {
    for (String line :
        new String[] {"--bogus", "serve --bogus", "frobnicate", "serve extra", "validate --id x"}) {
      Run r = run(line.split(" "));
      assertEquals(2, r.status(), line);
      assertEquals("", r.out(), line);
      assertTrue(r.err().startsWith("error: "), line + ": " + r.err());
      assertTrue(r.err().contains("\nUsage: scim-ldap-gateway"), line + ": " + r.err());
    }
    assertTrue(run("--bogus").err().startsWith("error: unknown option '--bogus'\n"));
    assertTrue(run("frobnicate").err().startsWith("error: unknown command 'frobnicate'\n"));
    assertFalse(Files.exists(data()), "no data folder");
  }

  @Test
  void validateOfThePresetFindsNothing() {
    Run r = run("validate");
    assertEquals(0, r.status(), r.err());
    assertEquals(
        "OK: mappings/openldap.yaml, checked against the embedded directory's schema\n", r.out());
    assertFalse(Files.exists(data()), "the embedded directory was not started");
  }

  @Test
  void validateReportsEveryMistakeWithItsPlace() throws Exception {
    String text =
        Files.readString(Path.of("mappings/openldap.yaml"))
            .replace("    rdn: \"uid={userName}\"", "    rdn: \"uid={userNam}\"")
            .replace("        ldap: telephoneNumber", "        ldpa: telephoneNumber")
            .replace("transform: {presentWhenFalse: \"000001010000Z\"}", "transform: lock");
    Path mapping = file("three.yaml", text);
    Run r = run("validate", "--offline", mapping.toString());
    assertEquals(1, r.status());
    assertEquals(
        mapping
            + ":"
            + Presets.openLdapLine("rdn: \"uid={userName}")
            + ":10: 'userNam' is not an attribute of User or its extensions\n"
            + "  hint: did you mean 'userName'?\n"
            + mapping
            + ":"
            + (Presets.openLdapLine("ldap: telephoneNumber"))
            + ":9: unknown key 'ldpa'; expected one of [direction, fallback, ldap, primary,"
            + " scim, store, transform, unique]\n"
            + "  hint: did you mean 'ldap'?\n"
            + mapping
            + ":"
            + Presets.openLdapLine("transform: {presentWhenFalse")
            + ":20: unknown transform 'lock'"
            + "; expected text, boolean, reference, password, unicodePwd, base64, uuid, guid,"
            + " generalizedTime, filetime, lower, upper, postalAddress, or a map such as"
            + " {presentWhenFalse: ...}, {bit: ...}, {boolean: ...}, {sanitize: ...},"
            + " {replace: ...}, {lookup: ...}, {country: ...}"
            + "\n"
            + "3 problems in "
            + mapping
            + " (3 errors, 0 warnings), checked against the mapping file only\n",
        r.out());
  }

  @Test
  void validateReadsVariablesFromTheEnvironmentAndNamesTheUnsetOnes() throws Exception {
    String text =
        Files.readString(Path.of("mappings/openldap.yaml"))
            .replace("container: \"ou=people,{baseDn}\"", "container: \"${PEOPLE}\"");
    Path mapping = file("site.yaml", text);
    int line = Presets.openLdapLine("container: \"ou=people");
    Run unset = run("validate", "--offline", mapping.toString());
    assertEquals(1, unset.status());
    assertEquals(
        mapping
            + ":"
            + line
            + ":17: ${PEOPLE} names the environment variable PEOPLE, which is not set"
            + " (${PEOPLE:-} would make it empty)\n"
            + "1 problem in "
            + mapping
            + " (1 error, 0 warnings), checked against the mapping file only\n",
        unset.out());
    Map<String, String> env = env();
    env.put("PEOPLE", "ou=people,dc=example,dc=com");
    Run set = run(env, "validate", "--offline", mapping.toString());
    assertEquals(0, set.status(), set.out());
  }

  @Test
  void validateChecksTheMappingAgainstTheEmbeddedDirectorysSchema() throws Exception {
    String text =
        Files.readString(Path.of("mappings/openldap.yaml"))
            .replace("        ldap: mobile", "        ldap: mobileTelephone")
            .replace("[top, groupOfNames]", "[top, groupOfUniqueNamez]")
            .replace(
                "      - scim: name.familyName\n"
                    + "        ldap: sn\n"
                    + "        fallback: [displayName, userName]     # sn is required by person\n",
                "");
    Path mapping = file("schema.yaml", text);
    // Three lines (the familyName rule) are gone before the rules named below.
    Run r = run("validate", mapping.toString());
    assertEquals(1, r.status());
    String[] lines = r.out().split("\n");
    assertTrue(
        lines[0].startsWith(
            mapping
                + ":"
                + Presets.openLdapLine("objectClasses: [top, person")
                + ":26: warning: object class 'person' requires 'sn', and no rule writes it,"
                + " so the directory refuses every new entry; it defines ( 2.5.6.6 NAME 'person'"),
        r.out());
    assertEquals(
        "  hint: add a rule with 'ldap: sn' and a fallback that always has a value, such as the"
            + " naming attribute's path",
        lines[1]);
    assertEquals(
        mapping
            + ":"
            + (Presets.openLdapLine("phoneNumbers[type eq \"mobile\"]") - 3)
            + ":9: LDAP attribute 'mobileTelephone' is not defined in the directory's schema"
            + " (cn=schema)",
        lines[2]);
    assertEquals(
        mapping
            + ":"
            + (Presets.openLdapLine("[top, groupOfNames]") - 3)
            + ":26: object class 'groupOfUniqueNamez' is not defined in the directory's"
            + " schema (cn=schema)",
        lines[3]);
    assertEquals("  hint: did you mean 'groupOfUniqueNames'?", lines[4]);
    assertEquals(
        "3 problems in "
            + mapping
            + " (2 errors, 1 warning), checked against the embedded directory's schema",
        lines[5]);
    assertEquals(6, lines.length, r.out());
  }

  @Test
  void validateChecksTheEntriesOfAConfiguredDirectory() throws Exception {
    Map<String, String> env = directoryEnv();
    env.put("GATEWAY_BASE_DN", "dc=example,dc=org");
    Run r = run(env, "validate");
    assertEquals(1, r.status(), r.err());
    assertTrue(
        r.out()
            .startsWith(
                "the base DN 'dc=example,dc=org' (ldap.baseDn) does not exist in ldap://127.0.0.1:"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                Presets.openLdapAt("container: \"ou=people", 16)
                    + ": the container 'ou=people,dc=example,dc=org' of"
                    + " User does not exist"),
        r.out());
  }

  @Test
  void explainCreateNeedsNoDirectoryAndShowsReferencesUnresolved() throws Exception {
    Path request =
        file(
            "group.json",
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
             "displayName": "Engineering", "externalId": "eng-1",
             "members": [{"value": "%s"}]}
            """
                .formatted(USER_ID));
    Run r = run("explain", "--operation", "create", request.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(
        """
        # create Group: the LDAP operations the gateway would perform (nothing was written)
        # externalId 'eng-1' is kept in the correlation store
        # without the directory, references are not looked up; each is shown as unresolved=<id>:
        #   %s

        dn: cn=Engineering,ou=groups,dc=example,dc=com
        changetype: add
        objectClass: top
        objectClass: groupOfNames
        cn: Engineering
        member: unresolved=%s
        """
            .formatted(USER_ID, USER_ID),
        r.out());
    assertFalse(Files.exists(data()), "nothing written");
  }

  @Test
  void explainPatchReadsTheResourceAndShowsRenameModifyAndReferences() throws Exception {
    Map<String, String> env = directoryEnv();
    Path request =
        file(
            "patch.json",
            """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations": [
               {"op": "replace", "path": "userName", "value": "john.doe"},
               {"op": "add", "path": "title", "value": "Engineer"},
               {"op": "replace", "path": "active", "value": false}]}
            """);
    Run r = run(env, "explain", "--operation", "patch", "--id", USER_ID, request.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(
        """
        # patch User: the LDAP operations the gateway would perform (nothing was written)
        # references to the old DN are renamed after the entry (a referential-integrity overlay\
         such as OpenLDAP's refint does it first, and then nothing is left to change)

        dn: uid=jdoe,ou=people,dc=example,dc=com
        changetype: moddn
        newrdn: uid=john.doe
        deleteoldrdn: 1

        dn: uid=john.doe,ou=people,dc=example,dc=com
        changetype: modify
        replace: title
        title: Engineer
        -
        replace: pwdAccountLockedTime
        pwdAccountLockedTime: 000001010000Z
        -

        dn: cn=Engineering,ou=groups,dc=example,dc=com
        changetype: modify
        add: member
        member: uid=john.doe,ou=people,dc=example,dc=com
        -
        delete: member
        member: uid=jdoe,ou=people,dc=example,dc=com
        -
        """,
        r.out());
    assertTrue(directory.entryExists("uid=jdoe,ou=people,dc=example,dc=com"), "nothing written");
  }

  @Test
  void explainPatchOnADirectoryWithoutAssertionsShowsTheValuesRead() throws Exception {
    try (ActiveDirectoryLikeServer ad = ActiveDirectoryLikeServer.start()) {
      String dn = "uid=jdoe," + ActiveDirectoryLikeServer.PEOPLE_DN;
      String id;
      try (LDAPConnection ldap = ad.admin()) {
        ldap.add(
            "dn: " + dn,
            "objectClass: inetOrgPerson",
            "uid: jdoe",
            "cn: John Doe",
            "sn: Doe",
            "title: Intern");
        id = ldap.getEntry(dn, "entryUUID").getAttributeValue("entryUUID");
      }
      Map<String, String> env = env();
      env.put("GATEWAY_LDAP_URL", ad.url());
      env.put("GATEWAY_LDAP_BIND_DN", ad.adminDn());
      env.put("GATEWAY_LDAP_BIND_PASSWORD", ad.adminPassword());
      Path request =
          file(
              "patch.json",
              """
              {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
               "Operations": [
                 {"op": "replace", "path": "title", "value": "Engineer"},
                 {"op": "add", "path": "emails",
                  "value": [{"value": "jdoe@example.com", "type": "work"}]}]}
              """);
      Run r = run(env, "explain", "--operation", "patch", "--id", id, request.toString());
      assertEquals(0, r.status(), r.err());
      assertEquals(
          """
          # patch User: the LDAP operations the gateway would perform (nothing was written)
          # the directory has no Assertion control (RFC 4528): the entry's version is read again\
           just before the write, and each changed attribute is written as a delete of the values\
           read and an add of the new ones, so that a change made meanwhile fails the modify

          dn: uid=jdoe,ou=people,dc=example,dc=com
          changetype: modify
          add: mail
          mail: jdoe@example.com
          -
          delete: title
          title: Intern
          -
          add: title
          title: Engineer
          -
          """,
          r.out());
    }
  }

  @Test
  void explainPatchOfTheAttributeThatPlacesAUserShowsTheMove() throws Exception {
    Map<String, String> env = directoryEnv();
    directory.add(
        "dn: ou=Engineering,ou=people,dc=example,dc=com",
        "objectClass: organizationalUnit",
        "ou: Engineering");
    String preset = Files.readString(Path.of("mappings/openldap.yaml"));
    String placed =
        preset.replace(
            "    container: \"ou=people,{baseDn}\"\n",
            """
                container:
                  by: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department
                  values: {Engineering: "ou=Engineering,ou=people,{baseDn}"}
                  default: "ou=people,{baseDn}"
            """);
    Path mapping = file("placed.yaml", placed);
    Path request =
        file(
            "patch.json",
            """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations": [{"op": "replace", "value": {"urn:ietf:params:scim:schemas:extension:\
            enterprise:2.0:User:department": "Engineering"}}]}
            """);
    Run r =
        run(
            env,
            "explain",
            "--mapping",
            mapping.toString(),
            "--operation",
            "patch",
            "--id",
            USER_ID,
            request.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(
        """
        # patch User: the LDAP operations the gateway would perform (nothing was written)
        # references to the old DN are renamed after the entry (a referential-integrity overlay\
         such as OpenLDAP's refint does it first, and then nothing is left to change)

        dn: uid=jdoe,ou=people,dc=example,dc=com
        changetype: moddn
        newrdn: uid=jdoe
        deleteoldrdn: 1
        newsuperior: ou=Engineering,ou=people,dc=example,dc=com

        dn: uid=jdoe,ou=Engineering,ou=people,dc=example,dc=com
        changetype: modify
        replace: departmentNumber
        departmentNumber: Engineering
        -

        dn: cn=Engineering,ou=groups,dc=example,dc=com
        changetype: modify
        add: member
        member: uid=jdoe,ou=Engineering,ou=people,dc=example,dc=com
        -
        delete: member
        member: uid=jdoe,ou=people,dc=example,dc=com
        -
        """,
        r.out());
    assertTrue(directory.entryExists("uid=jdoe,ou=people,dc=example,dc=com"), "nothing written");
  }

  @Test
  void explainOfAMemberRemovalShowsTheSingleValueDelete() throws Exception {
    Path request =
        file(
            "remove.json",
            """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations": [{"op": "remove", "path": "members[value eq \\\"%s\\\"]"}]}
            """
                .formatted(USER_ID));
    Run r =
        run(
            directoryEnv(),
            "explain",
            "--operation",
            "patch",
            "--id",
            GROUP_ID,
            request.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(
        """
        # patch Group: the LDAP operations the gateway would perform (nothing was written)
        # should the directory refuse to leave the group without a member, the gateway sends\
         the modify again with the placeholder cn=nobody added

        dn: cn=Engineering,ou=groups,dc=example,dc=com
        changetype: modify
        delete: member
        member: uid=jdoe,ou=people,dc=example,dc=com
        -
        """,
        r.out());
  }

  @Test
  void explainDnShowsTheResourceAnEntryIs() throws Exception {
    Run r = run(directoryEnv(), "explain", "--dn", "cn=Engineering,ou=groups,dc=example,dc=com");
    assertEquals(0, r.status(), r.err());
    assertEquals(
        """
        {
          "schemas" : [ "urn:ietf:params:scim:schemas:core:2.0:Group" ],
          "id" : "%s",
          "displayName" : "Engineering",
          "members" : [ {
            "value" : "%s",
            "type" : "User",
            "$ref" : "http://127.0.0.1:8080/scim/v2/Users/%s"
          } ],
          "meta" : {
            "resourceType" : "Group",
            "created" : "2024-01-01T00:00:00Z",
            "lastModified" : "2024-01-02T00:00:00Z",
            "location" : "http://127.0.0.1:8080/scim/v2/Groups/%s",
            "version" : "W/\\"%s\\""
          }
        }
        """
            .formatted(GROUP_ID, USER_ID, USER_ID, GROUP_ID, "4b21db6229b1d33f"),
        r.out());
  }

  @Test
  void explainShowsTheScimErrorTheGatewayWouldAnswer() throws Exception {
    Path request =
        file(
            "nameless.json",
            "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"], \"title\": \"x\"}");
    Run r = run("explain", "--operation", "create", request.toString());
    assertEquals(1, r.status());
    assertEquals(
        """
        {
          "schemas" : [ "urn:ietf:params:scim:api:messages:2.0:Error" ],
          "status" : "400",
          "scimType" : "invalidValue",
          "detail" : "Attribute 'userName' is required for a User"
        }
        """,
        r.out());
    assertEquals("The gateway would answer 400 to this request.\n", r.err());

    Path broken = file("broken.json", "{\"userName\": ");
    Run b = run("explain", "--operation", "create", "--type", "User", broken.toString());
    assertEquals(1, b.status());
    assertTrue(b.out().contains("\"scimType\" : \"invalidSyntax\""), b.out());
  }

  @Test
  void explainNeedsAnIdToReplaceOrPatch() throws Exception {
    Path request = file("p.json", "{}");
    Run r = run("explain", "--operation", "patch", request.toString());
    assertEquals(2, r.status());
    assertEquals(
        "error: explain --operation patch needs the --id of the resource\n"
            + "Run scim-ldap-gateway --help for the usage.\n",
        r.err());
  }

  /**
   * The environment of a gateway on an in-memory directory holding the user jdoe and the group
   * Engineering with jdoe in it, both with fixed ids and timestamps.
   */
  private Map<String, String> directoryEnv() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.addAdditionalBindCredentials("cn=admin,dc=example,dc=com", "secret");
    config.setSchema(EmbeddedSchema.schema());
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig("test", InetAddress.getLoopbackAddress(), 0, null));
    directory = new InMemoryDirectoryServer(config);
    directory.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
    directory.add(
        "dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
    directory.add(
        "dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
    directory.add(
        "dn: uid=jdoe,ou=people,dc=example,dc=com",
        "objectClass: inetOrgPerson",
        "uid: jdoe",
        "cn: John Doe",
        "sn: Doe",
        "givenName: John",
        "entryUUID: " + USER_ID,
        "createTimestamp: 20240101000000Z",
        "modifyTimestamp: 20240102000000Z");
    directory.add(
        "dn: cn=Engineering,ou=groups,dc=example,dc=com",
        "objectClass: groupOfNames",
        "cn: Engineering",
        "member: uid=jdoe,ou=people,dc=example,dc=com",
        "entryUUID: " + GROUP_ID,
        "createTimestamp: 20240101000000Z",
        "modifyTimestamp: 20240102000000Z");
    directory.startListening();
    Map<String, String> env = env();
    env.put("GATEWAY_LDAP_URL", "ldap://127.0.0.1:" + directory.getListenPort());
    env.put("GATEWAY_LDAP_BIND_DN", "cn=admin,dc=example,dc=com");
    env.put("GATEWAY_LDAP_BIND_PASSWORD", "secret");
    return env;
  }
}
