package org.scimldap.mapping.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Entry;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.config.ConfigException;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.testsupport.Presets;

class MappingLoaderTest {
  private static final String HEAD =
      """
      version: 1
      resourceTypes:
        User:
          objectClasses: [top, person, organizationalPerson, inetOrgPerson]
          container: "ou=people,{baseDn}"
          rdn: "uid={userName}"
          attributes:
            - scim: userName
              ldap: uid
      """;

  @ParameterizedTest
  @MethodSource("presetNames")
  void aPresetIsChosenByItsBareName(String name) {
    MappingReport report = MappingLoader.read(name, Map.of());
    assertEquals("preset:" + name + ".yaml", report.source());
    assertTrue(report.problems().isEmpty(), report.problems().toString());
  }

  static Stream<String> presetNames() {
    return MappingLoader.PRESETS.stream();
  }

  @Test
  void anUnknownNameListsThePresets() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> MappingLoader.read("active-directry", Map.of()));
    assertEquals(
        "Mapping file active-directry not found (nor a bundled preset of that name: openldap,"
            + " active-directory, 389ds)",
        e.getMessage());
  }

  @Test
  void thePresetLoadsWithBothResourceTypes() {
    MappingSpec spec = MappingLoader.load("mappings/openldap.yaml");
    assertEquals(2, spec.resources().size());
    ResourceMapping users = spec.byName("User").orElseThrow();
    assertEquals("uid", users.rdnAttribute());
    assertEquals("/Users", users.schema().endpoint());
    assertEquals("member", spec.byName("Group").orElseThrow().membersRule().orElseThrow().ldap());
  }

  @Test
  void aNameThatIsNoFileFallsBackToTheBundledPreset() {
    assertEquals("preset:openldap.yaml", MappingLoader.load("/nowhere/openldap.yaml").source());
    ConfigException e =
        assertThrows(ConfigException.class, () -> MappingLoader.load("/nowhere/absent.yaml"));
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of(HEAD + "    extra: 1\n", "t.yaml:10:5: unknown key 'extra'"),
        Arguments.of(
            HEAD + "      - scim: nickName\n        ldpa: x\n", "t.yaml:11:9: unknown key 'ldpa'"),
        Arguments.of(
            HEAD + "      - scim: 'emails[type eq ]'\n        ldap: mail\n",
            "t.yaml:10:15: 'emails[type eq ]' is not a valid SCIM path"),
        Arguments.of(
            HEAD
                + "      - scim: password\n        ldap: userPassword\n"
                + "        transform: password\n        direction: toScim\n",
            "t.yaml:13:20: a password is never read back, so a password rule cannot be toScim"),
        Arguments.of(
            HEAD + "      - scim: shoeSize\n        ldap: x\n",
            "t.yaml:10:15: 'shoeSize' is not an attribute of User"),
        Arguments.of(
            HEAD + "      - scim: title\n        ldap: 'bad attr'\n",
            "t.yaml:11:15: 'bad attr' is not a valid LDAP attribute name"),
        Arguments.of(
            HEAD + "      - scim: title\n        ldap: uid\n",
            "t.yaml:10:9: LDAP attribute 'uid' is already written by the rule at t.yaml:8:9"),
        Arguments.of(
            HEAD + "      - scim: title\n",
            "t.yaml:10:9: a rule needs exactly one of 'ldap: <attribute>' or 'store: true'"),
        Arguments.of(
            HEAD + "      - scim: title\n        ldap: title\n        transform: rot13\n",
            "t.yaml:12:20: unknown transform 'rot13'"),
        Arguments.of(
            HEAD
                + "      - scim: title\n        ldap: title\n        fallback: ['{name.givenName']\n",
            "t.yaml:12:19: template '{name.givenName' needs {path} placeholders"),
        Arguments.of(
            HEAD.replace("uid={userName}", "uid=userName"),
            "t.yaml:6:10: rdn must look like 'uid={userName}'"),
        Arguments.of(
            HEAD.replace("\"ou=people,{baseDn}\"", "\"ou=people,,\""),
            "t.yaml:5:16: 'ou=people,,' is not a valid DN template"),
        Arguments.of(
            HEAD.replace("version: 1", "version: 2"),
            "t.yaml:1:10: unsupported mapping version '2'"),
        Arguments.of("version: 1\nresourceTypes:\n  User: [a\n", "t.yaml:4:1:"),
        Arguments.of(
            HEAD + "      - scim: title\n        ldap: title\n        store: true\n",
            "t.yaml:10:9: a rule needs exactly one of"),
        Arguments.of(
            HEAD + "      - scim: externalId\n        store: true\n        unique: true\n",
            "t.yaml:12:17: a value kept in the correlation store cannot be unique"),
        Arguments.of(
            HEAD
                + "      - scim: title\n        ldap: title\n        direction: toScim\n"
                + "        unique: true\n",
            "t.yaml:13:17: a toScim rule never writes, so its values cannot be checked as unique"),
        Arguments.of(
            HEAD
                + "      - scim: password\n        ldap: userPassword\n        transform: password\n"
                + "        unique: true\n",
            "t.yaml:13:17: a password cannot be unique"),
        Arguments.of(
            HEAD + "      - scim: title\n        ldap: title\n        unique: often\n",
            "t.yaml:12:17: expected true or false, got 'often'"));
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void everyProblemNamesFileLineAndColumn(String text, String expectedStart) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> MappingLoader.parse("t.yaml", text));
    assertTrue(e.getMessage().startsWith(expectedStart), "got: " + e.getMessage());
  }

  @Test
  void everyProblemIsReportedAtOnceInTheOrderOfTheFile() {
    String text =
        HEAD
            + "      - scim: titel\n        ldap: title\n"
            + "      - scim: nickName\n        ldap: displayName\n        transform: rot13\n"
            + "      - scim: displayName\n        ldap: displayName\n"
            + "  Group:\n"
            + "    objectClasses: [top, groupOfNames]\n"
            + "    container: \"ou=groups,,\"\n"
            + "    rdn: \"cn={displayName}\"\n"
            + "    attributes:\n"
            + "      - scim: displayName\n        ldap: cn\n        direktion: toLdap\n";
    MappingReport report = MappingLoader.check("t.yaml", text);
    assertTrue(report.spec().isEmpty());
    assertEquals(
        List.of(
            "t.yaml:10:15: 'titel' is not an attribute of User or its extensions",
            "t.yaml:14:20: unknown transform 'rot13'"
                + "; expected text, boolean, reference, password, unicodePwd, base64, uuid, guid,"
                + " generalizedTime, filetime, lower, upper, postalAddress, or a map such as"
                + " {presentWhenFalse: ...}, {bit: ...}, {boolean: ...}, {sanitize: ...},"
                + " {replace: ...}, {lookup: ...}, {country: ...}",
            "t.yaml:19:16: 'ou=groups,,' is not a valid DN template",
            "t.yaml:24:9: unknown key 'direktion'; expected one of [direction, fallback, ldap,"
                + " primary, scim, store, transform, unique]"),
        report.problems().stream()
            .map(p -> p.toString().replaceAll(" template: .*", " template"))
            .toList());
    assertEquals("did you mean 'title'?", report.problems().get(0).hint());
    assertEquals("did you mean 'direction'?", report.problems().get(3).hint());

    ConfigException e =
        assertThrows(ConfigException.class, () -> MappingLoader.parse("t.yaml", text));
    assertEquals(4, e.getMessage().lines().filter(l -> l.startsWith("t.yaml:")).count());
    assertTrue(e.getMessage().contains("\n  hint: did you mean 'title'?"), e.getMessage());
  }

  @Test
  void aRuleThatFailsDoesNotHideTheClashOfTwoOthers() {
    String text =
        HEAD
            + "      - scim: 'emails[type eq ]'\n        ldap: mail\n"
            + "      - scim: nickName\n        ldap: UID\n";
    assertEquals(
        List.of(
            "t.yaml:10:15: 'emails[type eq ]' is not a valid SCIM path: ",
            "t.yaml:12:9: LDAP attribute 'UID' is already written by the rule at t.yaml:8:9"),
        MappingLoader.check("t.yaml", text).problems().stream()
            .map(p -> p.toString().replaceAll("SCIM path: .*", "SCIM path: "))
            .toList());
  }

  @Test
  void aSoundFileLoadsWithThePlacesOfItsParts() {
    MappingReport report = MappingLoader.read("mappings/openldap.yaml");
    assertEquals(List.of(), report.problems());
    ResourceOrigins users = report.spec().orElseThrow().byName("User").orElseThrow().origins();
    assertEquals(Presets.openLdapAt("objectClasses: [top, person", 21), users.objectClass(0));
    assertEquals(Presets.openLdapAt("container: \"ou=people", 16), users.container());
    assertEquals(Presets.openLdapAt("rdn: \"uid={userName}", 10), users.rdn());
  }

  @Test
  void templatesFillRequiredAttributesFromSeveralPaths() throws Exception {
    MappingSpec spec = MappingLoader.load("mappings/openldap.yaml");
    EntryMapper mapper =
        EntryMapper.forBase(spec.byName("User").orElseThrow(), "dc=example,dc=com", null);
    ObjectNode resource =
        (ObjectNode)
            new ObjectMapper()
                .readTree(
                    "{\"userName\":\"jd\",\"name\":{\"givenName\":\"Jane\",\"familyName\":\"Doe\"}}");
    assertEquals("Jane Doe", mapper.newEntry(resource, References.none()).getAttributeValue("cn"));
    resource.remove("name");
    Entry entry = mapper.newEntry(resource, References.none());
    assertEquals(List.of("jd"), List.of(entry.getAttributeValues("cn")));
    assertEquals(List.of("jd"), List.of(entry.getAttributeValues("sn")));
  }

  private static final String SITE =
      """
      version: 1
      resourceTypes:
        User:
          objectClasses: [top, person, organizationalPerson, inetOrgPerson]
          container: "ou=${PEOPLE_OU:-people},{baseDn}"
          searchBase: ${SEARCH_BASE}
          rdn: "uid={userName}"
          filter: "(&(objectClass=inetOrgPerson)(o=${ORG}))"
          attributes:
            - scim: userName
              ldap: uid
            - scim: emails.value
              ldap: mail
              transform: {replace: {pattern: '@.*$', with: '@${MAIL_DOMAIN:-example.com}'}}
      """;

  @Test
  void environmentVariablesFillValuesAndDefaults() {
    MappingSpec spec =
        MappingLoader.check(
                "t.yaml", SITE, Map.of("SEARCH_BASE", "dc=corp,dc=example", "ORG", "Acme"))
            .orElseThrow();
    ResourceMapping users = spec.byName("User").orElseThrow();
    assertEquals(List.of("ou=people,{baseDn}"), users.placement().templates());
    assertEquals("dc=corp,dc=example", users.searchBase());
    assertEquals("(&(objectClass=inetOrgPerson)(o=Acme))", users.entryFilter().toString());
    EntryMapper mapper = EntryMapper.forBase(users, "dc=corp,dc=example", null);
    ObjectNode resource = new ObjectMapper().createObjectNode().put("userName", "jd");
    resource.putArray("emails").addObject().put("value", "jd@old.example");
    assertEquals(
        "jd@example.com", mapper.newEntry(resource, References.none()).getAttributeValue("mail"));
  }

  @Test
  void anUnsetVariableIsAProblemAtItsPlaceNamingIt() {
    String text = SITE.replace("ldap: mail", "ldap: ${MAIL_ATTRIBUTE}");
    MappingReport report = MappingLoader.check("t.yaml", text, Map.of("PEOPLE_OU", "x"));
    assertEquals(
        List.of(
            "t.yaml:6:17: ${SEARCH_BASE} names the environment variable SEARCH_BASE, which is not"
                + " set (${SEARCH_BASE:-} would make it empty)",
            "t.yaml:8:46: ${ORG} names the environment variable ORG, which is not set (${ORG:-}"
                + " would make it empty)",
            "t.yaml:13:15: ${MAIL_ATTRIBUTE} names the environment variable MAIL_ATTRIBUTE, which"
                + " is not set (${MAIL_ATTRIBUTE:-} would make it empty)"),
        report.problems().stream().map(MappingProblem::toString).toList());
  }

  @Test
  void placesAfterAReferenceAreThoseOfTheFileAsWritten() {
    String text =
        SITE.replace(
            "      - scim: userName\n",
            "      - {scim: \"${ATTR:-title}\", ldap: title, ldpa: x}\n      - scim: userName\n");
    assertEquals(
        List.of(
            "t.yaml:10:47: unknown key 'ldpa'; expected one of [direction, fallback, ldap,"
                + " primary, scim, store, transform, unique]"),
        MappingLoader.check("t.yaml", text, Map.of("SEARCH_BASE", "o=x", "ORG", "y"))
            .problems()
            .stream()
            .map(MappingProblem::toString)
            .toList());
  }
}
