package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.embedded.EmbeddedSchema;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.MappingLoader;

/**
 * The guarded rewriting of a modify for directories without the Assertion control: the entry as
 * read and the modifications computed from it give the modifications sent, which name the values
 * read. Modifications read {@code replace mail: a@x, b@x}; an empty value list is written {@code
 * replace mail:}.
 */
class ValueGuardTest {
  private static final EntryMapper OPENLDAP_USERS =
      EntryMapper.forBase(
          MappingLoader.load("mappings/openldap.yaml").byName("User").orElseThrow(),
          "dc=example,dc=com",
          null);
  private static final EntryMapper AD_USERS =
      EntryMapper.forBase(
          MappingLoader.load("mappings/active-directory.yaml").byName("User").orElseThrow(),
          "DC=corp,DC=example,DC=com",
          null);
  private static final Set<String> READ_BACK = OPENLDAP_USERS.attributesReadBack(true);

  /** The directory's schema, with sn under both of its names as OpenLDAP publishes it. */
  private static final Optional<Schema> SCHEMA =
      Optional.of(
          Schema.mergeSchemas(
              EmbeddedSchema.schema(),
              schema(
                  "attributeTypes: ( 2.5.4.4 NAME ( 'sn' 'surname' ) SUP name )",
                  "attributeTypes: ( 2.5.4.41 NAME 'name' EQUALITY caseIgnoreMatch"
                      + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )")));

  /** (what the row shows, entry as read, modifications computed, modifications sent). */
  static Stream<Arguments> rewrites() {
    return Stream.of(
        arguments(
            "a replace deletes the values read and adds the new ones",
            entry("mail: a@x", "mail: b@x"),
            mods("replace mail: b@x, c@x"),
            mods("delete mail: a@x, b@x", "add mail: b@x, c@x")),
        arguments(
            "a single value read is deleted by value",
            entry("displayName: Old Name"),
            mods("replace displayName: New Name"),
            mods("delete displayName: Old Name", "add displayName: New Name")),
        arguments(
            "an attribute that was absent is only added to",
            entry(),
            mods("replace title: Engineer"),
            mods("add title: Engineer")),
        arguments(
            "an attribute emptied loses the values read only",
            entry("telephoneNumber: +1 555 0100", "telephoneNumber: +1 555 0101"),
            mods("replace telephoneNumber:"),
            mods("delete telephoneNumber: +1 555 0100, +1 555 0101")),
        arguments(
            "an attribute absent and left empty is not written",
            entry(),
            mods("replace mobile:"),
            mods()),
        arguments(
            "a password is never read back: replaced as it is, whatever the entry shows",
            entry("userPassword: {SSHA}c29tZWhhc2g="),
            mods("replace userPassword: {SSHA}bmV3aGFzaA=="),
            mods("replace userPassword: {SSHA}bmV3aGFzaA==")),
        arguments(
            "an attribute that was not read is replaced as it is",
            entry("description: kept by someone else"),
            mods("replace description: ours"),
            mods("replace description: ours")),
        arguments(
            "single-value adds and deletes name their values already",
            entry("mail: a@x"),
            mods("add member: uid=a,ou=people", "delete member: uid=b,ou=people"),
            mods("add member: uid=a,ou=people", "delete member: uid=b,ou=people")),
        arguments(
            "the entry's spelling of the attribute does not matter",
            entry("SN: Jensen"),
            mods("replace sn: Jensen-Smith"),
            mods("delete sn: Jensen", "add sn: Jensen-Smith")),
        arguments(
            "nor does the name the directory returns it under (the schema knows the alias)",
            entry("surname: Jensen"),
            mods("replace sn: Jensen-Smith"),
            mods("delete sn: Jensen", "add sn: Jensen-Smith")),
        arguments(
            "an attribute written from a rule that only writes is read, and guarded",
            entry("cn: Barbara Jensen"),
            mods("replace cn: Babs Jensen"),
            mods("delete cn: Barbara Jensen", "add cn: Babs Jensen")),
        arguments(
            "a second replace of one attribute deletes what the first added",
            entry("l: Paris"),
            mods("replace l: Lyon", "replace l: Nice"),
            mods("delete l: Paris", "add l: Lyon", "delete l: Lyon", "add l: Nice")),
        arguments(
            "several attributes at once, in order",
            entry("mail: a@x", "title: Engineer"),
            mods("replace title:", "replace mail: a@x", "replace givenName: Babs"),
            mods(
                "delete title: Engineer",
                "delete mail: a@x",
                "add mail: a@x",
                "add givenName: Babs")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rewrites")
  void namesTheValuesRead(
      String shows, Entry asRead, List<Modification> computed, List<Modification> sent) {
    assertEquals(
        render(sent), render(new ValueGuard(READ_BACK, SCHEMA).rewrite(asRead, computed)), shows);
  }

  @Test
  void whatIsReadBackLeavesOutWriteOnlyPasswordsAndTakesInWhatRulesOnlyWrite() {
    assertTrue(READ_BACK.containsAll(Set.of("mail", "title", "cn", "displayname", "uid")));
    assertFalse(READ_BACK.contains("userpassword"));
    Set<String> ad = AD_USERS.attributesReadBack(true);
    assertTrue(ad.containsAll(Set.of("samaccountname", "useraccountcontrol", "mail")));
    assertFalse(ad.contains("unicodepwd"));
  }

  private static Schema schema(String... definitions) {
    String[] lines =
        Stream.concat(
                Stream.of("dn: cn=schema", "objectClass: subschema"), Arrays.stream(definitions))
            .toArray(String[]::new);
    try {
      return new Schema(new Entry(lines));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Entry entry(String... attributes) {
    String[] lines =
        Stream.concat(
                Stream.of("dn: uid=bjensen,ou=people,dc=example,dc=com"), Arrays.stream(attributes))
            .toArray(String[]::new);
    try {
      return new Entry(lines);
    } catch (Exception e) {
      throw new IllegalArgumentException(String.join("\n", lines), e);
    }
  }

  /** Modifications written {@code <type> <attribute>: <value>, <value>}. */
  private static List<Modification> mods(String... written) {
    return Arrays.stream(written)
        .map(
            w -> {
              String type = w.substring(0, w.indexOf(' '));
              String attribute = w.substring(w.indexOf(' ') + 1, w.indexOf(':'));
              String values = w.substring(w.indexOf(':') + 1).trim();
              ModificationType kind =
                  switch (type) {
                    case "add" -> ModificationType.ADD;
                    case "delete" -> ModificationType.DELETE;
                    case "replace" -> ModificationType.REPLACE;
                    default -> throw new IllegalArgumentException(w);
                  };
              return new Modification(
                  kind, attribute, values.isEmpty() ? new String[0] : values.split(", "));
            })
        .toList();
  }

  private static List<String> render(List<Modification> mods) {
    return mods.stream()
        .map(
            m ->
                m.getModificationType().getName().toLowerCase(Locale.ROOT)
                    + " "
                    + m.getAttributeName()
                    + ": "
                    + String.join(", ", m.getValues()))
        .toList();
  }
}
