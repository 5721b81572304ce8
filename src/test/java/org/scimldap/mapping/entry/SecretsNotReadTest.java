package org.scimldap.mapping.entry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.testsupport.Presets;

/**
 * A password's attribute ({@code userPassword}, {@code unicodePwd}) is written, never read: no list
 * of attributes the gateway asks the directory for (reads, scans, the read-back of a write) names
 * it, so a bind account that may read password hashes still never sends one to the gateway.
 */
class SecretsNotReadTest {
  @ParameterizedTest
  @ValueSource(
      strings = {"mappings/openldap.yaml", "mappings/active-directory.yaml", "mappings/389ds.yaml"})
  void noAttributeListOfAPresetNamesAPassword(String preset) {
    List<String> secretsSeen = new ArrayList<>();
    for (ResourceMapping resource : MappingLoader.load(preset).resources()) {
      EntryMapper mapper = EntryMapper.forBase(resource, "dc=example,dc=com", null);
      Set<String> secrets = mapper.writeOnlyAttributes();
      secretsSeen.addAll(secrets);
      for (boolean members : new boolean[] {false, true}) {
        List<List<String>> lists =
            List.of(
                mapper.attributesToFetch(members),
                mapper.attributesToFetch(members, Set.of("displayName")),
                mapper.attributesToCheck(members, Set.of()));
        for (List<String> list : lists) {
          for (String name : list) {
            assertFalse(
                secrets.contains(name.toLowerCase(Locale.ROOT)),
                resource.schema().name() + " asks for " + name + ": " + list);
          }
        }
      }
    }
    assertTrue(
        secretsSeen.stream().anyMatch(s -> s.equals("userpassword") || s.equals("unicodepwd")),
        "the preset writes a password: " + secretsSeen);
  }

  @Test
  void aRuleThatReadsThePasswordsAttributeDoesNotMakeItRead() {
    String yaml =
        Presets.openLdapWith(
            "      - scim: password\n",
            """
                  - scim: nickName
                    ldap: userPassword
                    direction: toScim
                  - scim: password
            """);
    ResourceMapping users = MappingLoader.parse("reads-password.yaml", yaml).resources().get(0);
    EntryMapper mapper = EntryMapper.forBase(users, "dc=example,dc=com", null);
    for (boolean members : new boolean[] {false, true}) {
      assertFalse(
          mapper.attributesToFetch(members).stream()
              .anyMatch(a -> a.equalsIgnoreCase("userPassword")),
          mapper.attributesToFetch(members).toString());
      assertFalse(mapper.attributesReadBack(members).contains("userpassword"));
    }
  }
}
