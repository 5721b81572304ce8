package org.scimldap.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.scimldap.discovery.DiscoveryDocumentsTest.BASE;
import static org.scimldap.discovery.DiscoveryDocumentsTest.LIMITS;
import static org.scimldap.discovery.DiscoveryDocumentsTest.PRESET;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.scim.schema.CoreSchemas;
import org.scimldap.testsupport.SchemaConformance;

/** What the preset's mapper returns conforms to what discovery publishes for it. */
class MappedResourceConformanceTest {
  private static final String BASE_DN = "dc=example,dc=com";
  private static final String BOSS_DN = "uid=boss,ou=people," + BASE_DN;

  private final DiscoveryDocuments docs = new DiscoveryDocuments(PRESET, LIMITS);
  private final References refs =
      References.builder().resource("boss-id", "User", dn(BOSS_DN)).build();

  @Test
  void mappedUserConformsToThePublishedSchemas() throws LDIFException {
    Entry entry =
        new Entry(
            "dn: uid=ada,ou=people," + BASE_DN,
            "objectClass: inetOrgPerson",
            "uid: ada",
            "givenName: Ada",
            "sn: Lovelace",
            "cn: Ada Lovelace",
            "displayName: Ada L.",
            "mail: ada@example.com",
            "telephoneNumber: +1 555 0100",
            "mobile: +1 555 0101",
            "title: Engineer",
            "preferredLanguage: en",
            "userPassword: {SSHA}c2VjcmV0",
            "employeeNumber: 42",
            "departmentNumber: R&D",
            "o: Example",
            "ou: Engines",
            "businessCategory: CC-1",
            "manager: " + BOSS_DN,
            "pwdAccountLockedTime: 000001010000Z");
    ObjectNode user = mapped("User", entry, "ada-id");
    user.put("externalId", "ext-1");
    assertEquals(
        JsonNodeFactory.instance
            .objectNode()
            .put("value", "ada@example.com")
            .put("type", "work")
            .put("primary", true),
        user.get("emails").get(0));
    assertEquals(
        "boss-id", user.at("/" + CoreSchemas.ENTERPRISE_USER_URN + "/manager/value").asText());
    assertEquals(false, user.get("active").booleanValue());
    assertEquals(List.of(), SchemaConformance.violations(user, published(), CoreSchemas.USER_URN));
  }

  @Test
  void mappedGroupConformsToThePublishedSchemas() throws LDIFException {
    Entry entry =
        new Entry(
            "dn: cn=admins,ou=groups," + BASE_DN,
            "objectClass: groupOfNames",
            "cn: admins",
            "member: cn=nobody",
            "member: " + BOSS_DN);
    ObjectNode group = mapped("Group", entry, "admins-id");
    assertEquals(1, group.get("members").size());
    assertEquals(
        List.of(), SchemaConformance.violations(group, published(), CoreSchemas.GROUP_URN));
  }

  @Test
  void attributeTheMappingDoesNotCarryViolatesThePublishedSchema() throws LDIFException {
    ObjectNode user =
        mapped(
            "User",
            new Entry("dn: uid=x,ou=people," + BASE_DN, "uid: x", "sn: X", "cn: X"),
            "x-id");
    user.putArray("ims").addObject().put("value", "x@chat");
    assertEquals(
        List.of("ims: not an attribute of " + CoreSchemas.USER_URN),
        SchemaConformance.violations(user, published(), CoreSchemas.USER_URN));
  }

  private ObjectNode mapped(String type, Entry entry, String id) {
    EntryMapper mapper = EntryMapper.forBase(PRESET.byName(type).orElseThrow(), BASE_DN, null);
    ObjectNode resource = mapper.toScim(entry, id, null, refs, true);
    resource
        .putObject("meta")
        .put("resourceType", type)
        .put("created", "2024-05-01T10:00:00Z")
        .put("lastModified", "2024-05-02T10:00:00Z")
        .put("location", BASE + "/" + type + "s/" + id)
        .put("version", "W/\"1\"");
    return resource;
  }

  private List<JsonNode> published() {
    List<JsonNode> out = new ArrayList<>();
    docs.schemas(BASE).get("Resources").forEach(out::add);
    return out;
  }

  private static DN dn(String dn) {
    try {
      return new DN(dn);
    } catch (LDAPException e) {
      throw new IllegalArgumentException(dn, e);
    }
  }
}
