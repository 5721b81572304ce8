package org.scimldap.mapping.entry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldif.LDIFException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.scim.schema.CoreSchemas;
import org.scimldap.testsupport.Ssha;

/**
 * What the mapper tables share: one-type mappings written as the YAML an admin would write, a small
 * directory of resolved references, resources as JSON and entries as LDIF, and readable renderings
 * of modifications and entries.
 */
final class MapperFixture {
  static final String CORE_USER = CoreSchemas.USER_URN;
  static final String ENTERPRISE = CoreSchemas.ENTERPRISE_USER_URN;
  static final String MANAGER = ENTERPRISE + ":manager.value";

  static final String BJENSEN_DN = "uid=bjensen,ou=people,dc=example,dc=com";
  static final String JSMITH_DN = "uid=jsmith,ou=people,dc=example,dc=com";
  static final String KJONES_DN = "uid=kjones,ou=people,dc=example,dc=com";
  static final String ADMINS_DN = "cn=admins,ou=groups,dc=example,dc=com";
  static final String STAFF_DN = "cn=staff,ou=groups,dc=example,dc=com";

  /** The resolved references every table uses: three users and two groups. */
  static final References REFS =
      References.builder()
          .resource("id-bjensen", "User", dn(BJENSEN_DN))
          .resource("id-jsmith", "User", dn(JSMITH_DN))
          .resource("id-kjones", "User", dn(KJONES_DN))
          .resource("id-admins", "Group", dn(ADMINS_DN))
          .resource("id-staff", "Group", dn(STAFF_DN))
          .build();

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

  private MapperFixture() {}

  /**
   * A mapping of one resource type, as YAML rule lines and the mapper they give; its {@code
   * toString} is the rules, so table rows name themselves.
   */
  record Mapping(List<String> rules, EntryMapper mapper) {
    @Override
    public String toString() {
      return rules.isEmpty() ? "(the naming rule alone)" : String.join(" ", rules);
    }
  }

  /**
   * A User type (with the enterprise extension) named {@code uid={userName}} under {@code
   * ou=people}, whose rules are {@code userName -> uid} followed by {@code rules}: YAML list items
   * such as {@code - {scim: title, ldap: title}}.
   */
  static Mapping user(String... rules) {
    String head =
        """
        version: 1
        resourceTypes:
          User:
            extensions: [urn:ietf:params:scim:schemas:extension:enterprise:2.0:User]
            objectClasses: [top, person, organizationalPerson, inetOrgPerson]
            container: "ou=people,{baseDn}"
            rdn: "uid={userName}"
            attributes:
              - {scim: userName, ldap: uid}
        """;
    return mapping("User", head + indent(rules), rules);
  }

  /**
   * A Group type named {@code cn={displayName}} under {@code ou=groups}, whose rules are {@code
   * displayName -> cn} followed by {@code rules}, with the {@code members:} value {@code members}
   * (a YAML map such as {@code {ldap: member, placeholder: cn=nobody}}).
   */
  static Mapping group(String members, String... rules) {
    String head =
        """
        version: 1
        resourceTypes:
          Group:
            objectClasses: [top, groupOfNames]
            container: "ou=groups,{baseDn}"
            rdn: "cn={displayName}"
            members: %s
            attributes:
              - {scim: displayName, ldap: cn}
        """
            .formatted(members);
    List<String> shown = new ArrayList<>(List.of("members: " + members));
    shown.addAll(List.of(rules));
    return mapping("Group", head + indent(rules), shown.toArray(String[]::new));
  }

  private static Mapping mapping(String type, String yaml, String... rules) {
    EntryMapper mapper =
        EntryMapper.forBase(
            MappingLoader.parse("table.yaml", yaml).byName(type).orElseThrow(),
            "dc=example,dc=com",
            null);
    return new Mapping(List.of(rules), mapper);
  }

  private static String indent(String... rules) {
    return Arrays.stream(rules)
        .flatMap(String::lines)
        .map(line -> "      " + line + "\n")
        .collect(Collectors.joining());
  }

  /** The entry {@code uid=bjensen,ou=people,dc=example,dc=com} with these LDIF attribute lines. */
  static Entry person(String... ldif) {
    return entry(BJENSEN_DN, ldif);
  }

  /** The entry {@code cn=admins,ou=groups,dc=example,dc=com} with these LDIF attribute lines. */
  static Entry admins(String... ldif) {
    return entry(ADMINS_DN, ldif);
  }

  static Entry entry(String dn, String... ldif) {
    String[] lines =
        Stream.concat(Stream.of("dn: " + dn), Arrays.stream(ldif)).toArray(String[]::new);
    try {
      return new Entry(lines);
    } catch (LDIFException e) {
      throw new IllegalArgumentException(String.join("\n", lines), e);
    }
  }

  /** The JSON member {@code "<enterprise URN>": {"manager": {"value": id}}}, for objects. */
  static String manager(String id) {
    return "'" + ENTERPRISE + "': {'manager': {'value': '" + id + "'}}";
  }

  /** A JSON object; single quotes may stand for double quotes. */
  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static DN dn(String dn) {
    try {
      return new DN(dn);
    } catch (LDAPException e) {
      throw new IllegalArgumentException(dn, e);
    }
  }

  /**
   * Modifications as {@code replace mail: [a@x, b@y]}. A {@code {SSHA}} value that verifies against
   * {@code password} reads {@code {SSHA} hash of <password>}.
   */
  static List<String> render(List<Modification> mods, String password) {
    return mods.stream()
        .map(
            m ->
                m.getModificationType().getName().toLowerCase(Locale.ROOT)
                    + " "
                    + m.getAttributeName()
                    + ": "
                    + values(m.getValues(), password))
        .toList();
  }

  /**
   * An entry as its DN and one {@code name: [values]} line per attribute, attributes sorted by
   * name, values in order; {@code {SSHA}} values as in {@link #render(List, String)}.
   */
  static List<String> render(Entry entry, String password) {
    List<String> lines = new ArrayList<>(List.of("dn: " + entry.getDN()));
    entry.getAttributes().stream()
        .sorted(Comparator.comparing(a -> a.getName().toLowerCase(Locale.ROOT)))
        .map(a -> a.getName() + ": " + values(a.getValues(), password))
        .forEach(lines::add);
    return lines;
  }

  /** The password of a SCIM resource, or null. */
  static String password(JsonNode resource) {
    JsonNode p = resource.get("password");
    return p == null || !p.isTextual() ? null : p.asText();
  }

  private static String values(String[] values, String password) {
    return Arrays.stream(values)
        .map(
            v ->
                password != null && v.startsWith("{SSHA}") && Ssha.matches(v, password)
                    ? "{SSHA} hash of " + password
                    : v)
        .toList()
        .toString();
  }
}
