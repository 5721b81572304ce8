package org.scimldap.mapping.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.config.ConfigException;
import org.scimldap.mapping.spec.MappingLoader;

/**
 * Constants and templates: LDAP attributes a mapping writes without a SCIM attribute of their own
 * ({@code groupType} of a new AD group, {@code userPrincipalName} from {@code userName}).
 */
class DerivedValuesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String RULES =
      """
            - {scim: userName, ldap: uid}
            - {ldap: employeeType, value: staff, on: create}
            - {ldap: description, value: [provisioned, by SCIM]}
            - {ldap: mail, template: "{userName}@Example.com", transform: lower}
      """;

  private final EntryMapper mapper = mapper(RULES);

  @Test
  void aNewEntryGetsEveryConstantAndTemplate() throws Exception {
    Entry entry = mapper.newEntry(resource("{\"userName\":\"Ada\"}"), References.none());
    assertEquals("staff", entry.getAttributeValue("employeeType"));
    assertEquals(
        List.of("provisioned", "by SCIM"), List.of(entry.getAttributeValues("description")));
    assertEquals("ada@example.com", entry.getAttributeValue("mail"));
  }

  @Test
  void aTemplateFollowsItsPathsAndAConstantIsPutBackButOnCreateOnesAreLeftAlone() throws Exception {
    Entry current = new Entry("uid=ada,ou=people,dc=x");
    current.addAttribute("uid", "ada");
    current.addAttribute("employeeType", "contractor");
    current.addAttribute("description", "changed by hand");
    List<Modification> mods =
        mapper.diff(
            resource("{\"userName\":\"ada\"}"),
            resource("{\"userName\":\"ada.l\"}"),
            current,
            References.none(),
            true);
    assertEquals(
        List.of("replace description: [provisioned, by SCIM]", "replace mail: [ada.l@example.com]"),
        mods.stream()
            .map(m -> "replace " + m.getAttributeName() + ": " + List.of(m.getValues()))
            .sorted()
            .toList());
  }

  @Test
  void aTemplateWithAMissingPathGivesNoValue() throws Exception {
    EntryMapper m =
        mapper(
            "      - {scim: userName, ldap: uid}\n      - {ldap: cn, template: '{name.givenName} {name.familyName}'}\n");
    Entry entry =
        m.newEntry(
            resource("{\"userName\":\"x\",\"name\":{\"givenName\":\"A\"}}"), References.none());
    assertEquals(null, entry.getAttributeValue("cn"));
  }

  static Stream<Arguments> badEntries() {
    return Stream.of(
        arguments(
            "{ldap: title, value: x, template: '{userName}'}",
            "t.yaml:9:9: a derived value has either 'value' or 'template', not both"),
        arguments(
            "{ldap: title, value: x, transform: lower}",
            "t.yaml:9:44: a constant value takes no transform"),
        arguments(
            "{ldap: title, value: x, on: sometimes}",
            "t.yaml:9:37: on is create or always, got 'sometimes'"),
        arguments(
            "{ldap: uid, value: x}",
            "t.yaml:9:9: LDAP attribute 'uid' is already written by the rule at t.yaml:8:9"),
        arguments(
            "{ldap: title, template: 'no placeholder'}",
            "t.yaml:9:33: a template needs {path} placeholders, e.g. '{userName}@example.com'"),
        arguments(
            "{ldap: title, template: '{nosuch}'}",
            "t.yaml:9:33: 'nosuch' is not an attribute of User or its extensions"),
        arguments(
            "{ldap: title, template: '{userName}', transform: guid}",
            "t.yaml:9:58: a template takes text steps only (lower, sanitize, replace…)"),
        arguments(
            "{ldap: 'bad name', value: x}",
            "t.yaml:9:16: 'bad name' is not a valid LDAP attribute name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEntries")
  void badEntriesAreReportedWhereTheyAre(String entry, String message) {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> mapper("      - {scim: userName, ldap: uid}\n      - " + entry + "\n"));
    assertEquals(message, e.getMessage());
  }

  private static EntryMapper mapper(String attributes) {
    return EntryMapper.forBase(
        MappingLoader.parse(
                "t.yaml",
                "version: 1\n"
                    + "resourceTypes:\n"
                    + "  User:\n"
                    + "    objectClasses: [inetOrgPerson]\n"
                    + "    container: 'ou=people,{baseDn}'\n"
                    + "    rdn: 'uid={userName}'\n"
                    + "    attributes:\n"
                    + attributes)
            .byName("User")
            .orElseThrow(),
        "dc=x",
        null);
  }

  private static ObjectNode resource(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }
}
