package org.scimldap.mapping.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimldap.embedded.EmbeddedSchema;
import org.scimldap.testsupport.Presets;

class DirectorySchemaCheckTest {
  private static final String USERS =
      """
      version: 1
      resourceTypes:
        User:
          objectClasses: [top, person, inetOrgPersn]
          container: "ou=people,{baseDn}"
          rdn: "uid={userName}"
          attributes:
            - scim: userName
              ldap: uid
            - scim: displayName
              ldap: cn
            - scim: emails.value
              ldap: displayName
            - scim: photos.value
              ldap: jpegPhoto
            - scim: title
              ldap: titel
        Group:
          objectClasses: [top, groupOfNames]
          container: "ou=groups,{baseDn}"
          rdn: "cn={displayName}"
          attributes:
            - scim: displayName
              ldap: cn
          members:
            ldap: member
      """;

  @Test
  void thePresetFitsTheEmbeddedDirectory() {
    MappingSpec preset = MappingLoader.load("mappings/openldap.yaml");
    assertEquals(List.of(), DirectorySchemaCheck.check(preset, EmbeddedSchema.schema()));
  }

  @Test
  void aDirectoryWithoutPpolicyCannotLockAccounts() throws Exception {
    MappingSpec preset = MappingLoader.load("mappings/openldap.yaml");
    List<MappingProblem> found =
        DirectorySchemaCheck.check(preset, Schema.getDefaultStandardSchema());
    assertEquals(
        List.of(
            Presets.openLdapAt("scim: active", 9)
                + ": LDAP attribute 'pwdAccountLockedTime' is not defined in"
                + " the directory's schema (cn=schema)"),
        found.stream().map(MappingProblem::toString).toList());
    assertTrue(found.get(0).isError());
    assertTrue(found.get(0).hint().contains("ppolicy"), found.get(0).hint());
  }

  @Test
  void groupsFromMemberOfNeedADirectoryThatKeepsIt() throws Exception {
    String text =
        Files.readString(Path.of("mappings/openldap.yaml"))
            .replace("groups: {from: members}", "groups: {from: memberOf}");
    List<MappingProblem> found =
        DirectorySchemaCheck.check(MappingLoader.parse("m.yaml", text), EmbeddedSchema.schema());
    assertEquals(
        List.of(
            "m.yaml:"
                + Presets.openLdapLine("groups: {from: members}")
                + ":13: LDAP attribute 'memberOf' is not defined in the directory's schema"
                + " (cn=schema)"),
        found.stream().map(MappingProblem::toString).toList());
    assertTrue(found.get(0).hint().contains("memberof overlay"), found.get(0).hint());
    assertTrue(found.get(0).hint().contains("{from: members}"), found.get(0).hint());
  }

  @Test
  void eachFindingNamesThePlaceAndQuotesTheDirectory() {
    List<MappingProblem> found =
        DirectorySchemaCheck.check(MappingLoader.parse("m.yaml", USERS), EmbeddedSchema.schema());
    List<String> lines = found.stream().map(MappingProblem::toString).toList();
    assertEquals(6, lines.size(), String.join("\n", lines));
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "m.yaml:4:26: warning: object class 'person' requires 'sn', and no rule writes"
                    + " it, so the directory refuses every new entry; it defines ( 2.5.6.6 NAME"
                    + " 'person' SUP top STRUCTURAL MUST ( sn $ cn )"),
        lines.get(0));
    assertEquals(
        "m.yaml:4:34: object class 'inetOrgPersn' is not defined in the directory's schema"
            + " (cn=schema)",
        lines.get(1));
    assertEquals("did you mean 'inetOrgPerson'?", found.get(1).hint());
    assertTrue(
        lines
            .get(2)
            .startsWith(
                "m.yaml:12:9: warning: 'displayName' is single-valued in the directory, but"
                    + " 'emails.value' may hold several values, which the directory refuses; it"
                    + " defines ( 2.16.840.1.113730.3.1.241 NAME 'displayName'"),
        lines.get(2));
    assertTrue(
        lines
            .get(3)
            .startsWith(
                "m.yaml:14:9: warning: 'jpegPhoto' holds binary values (syntax"
                    + " 1.3.6.1.4.1.1466.115.121.1.28), which a text transform garbles"),
        lines.get(3));
    assertEquals(
        "m.yaml:16:9: LDAP attribute 'titel' is not defined in the directory's schema"
            + " (cn=schema)",
        lines.get(4));
    assertEquals("did you mean 'title'?", found.get(4).hint());
    assertTrue(
        lines
            .get(5)
            .startsWith(
                "m.yaml:26:7: warning: object class 'groupOfNames' requires 'member', and"
                    + " members has no placeholder, so the directory refuses every empty group"),
        lines.get(5));
    assertEquals(
        List.of(false, true, false, false, true, false),
        found.stream().map(MappingProblem::isError).toList());
    assertEquals(
        "add a rule with 'ldap: sn' and a fallback that always has a value, such as the naming"
            + " attribute's path",
        found.get(0).hint());
    assertEquals(
        "map it from a single-valued SCIM attribute, or to an LDAP attribute that takes several"
            + " values",
        found.get(2).hint());
    assertEquals("leave binary attributes out of the mapping", found.get(3).hint());
    assertEquals("set 'placeholder: \"cn=nobody\"' under members", found.get(5).hint());
  }
}
