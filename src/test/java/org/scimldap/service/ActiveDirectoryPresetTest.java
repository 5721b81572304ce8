package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFAddChangeRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.mapping.filter.FilterTranslator;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.MappingReport;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.scim.filter.FilterParser;

/**
 * The Active Directory preset without a domain controller: it loads cleanly and by its name, and
 * the creates Okta and Entra ID send become the entries AD expects, worked out by {@link Explainer}
 * the way the gateway would write them (sAMAccountName, userPrincipalName, userAccountControl,
 * unicodePwd bytes), with ids read from objectGUID.
 */
class ActiveDirectoryPresetTest {
  private static final String BASE = "DC=corp,DC=example,DC=com";
  private static final String USERS = "CN=Users," + BASE;
  private static final String MANAGER = "2f4c1e0a-7b7d-4c55-9a53-0d7d5b2f9e11";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MappingSpec PRESET = MappingLoader.load("mappings/active-directory.yaml");
  private static final List<EntryMapper> MAPPERS =
      PRESET.resources().stream().map(r -> EntryMapper.forBase(r, BASE, null)).toList();
  private static final Explainer EXPLAINER =
      new Explainer(
          MAPPERS,
          Optional.empty(),
          new Locations(
              "https://scim.example.com/scim/v2", Map.of("User", "/Users", "Group", "/Groups")));

  @Test
  void thePresetLoadsWithoutProblemsAndByItsName() {
    MappingReport report = MappingLoader.read("mappings/active-directory.yaml");
    assertEquals(List.of(), report.problems());
    assertEquals(
        "preset:active-directory.yaml", MappingLoader.load("active-directory.yaml").source());
    String groups = PRESET.byName("Group").orElseThrow().entryFilter().toString();
    assertTrue(
        groups.startsWith(
            "(&(objectClass=group)(!(isCriticalSystemObject=TRUE))(!(adminCount=1))"
                + "(!(memberOf=CN=Administrators,CN=Builtin,{baseDn}))"),
        groups);
  }

  @Test
  void membersOfProtectedGroupsAreExcludedUnderTheConfiguredBaseDn() {
    ResourceMapping mapping = MAPPERS.get(0).mapping();
    String users = mapping.entryFilter().toString();
    String nested = mapping.protection().orElseThrow().toString();
    for (String group :
        List.of(
            "CN=Administrators,CN=Builtin",
            "CN=Account Operators,CN=Builtin",
            "CN=Backup Operators,CN=Builtin",
            "CN=Domain Admins,CN=Users",
            "CN=Schema Admins,CN=Users",
            "CN=Enterprise Admins,CN=Users")) {
      String dn = group + ",DC=corp,DC=example,DC=com";
      assertTrue(users.contains("(!(memberOf=" + dn + "))"), group + " in " + users);
      assertTrue(
          nested.contains("(memberOf:1.2.840.113556.1.4.1941:=" + dn + ")"),
          group + " in " + nested);
    }
    assertTrue(users.contains("(sAMAccountType=805306368)"), users);
    assertFalse(users.contains("{baseDn}") || nested.contains("{baseDn}"), nested);
    assertFalse(users.contains("1.2.840.113556.1.4.1941"), "no nesting check in every list");
  }

  static Stream<Arguments> creates() {
    return Stream.of(
        Arguments.of(
            "Okta",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName":"jdoe@corp.example.com","name":{"givenName":"John","familyName":"Doe"},
             "emails":[{"primary":true,"value":"jdoe@corp.example.com","type":"work"}],
             "displayName":"John Doe","locale":"en-US","externalId":"00u1ab2cd3EFGH",
             "groups":[],"password":"Pa55-word!","active":true}""",
            "CN=jdoe@corp.example.com," + USERS,
            Map.of(
                "objectClass", List.of("top", "person", "organizationalPerson", "user"),
                "cn", List.of("jdoe@corp.example.com"),
                "sAMAccountName", List.of("jdoe"),
                "userPrincipalName", List.of("jdoe@corp.example.com"),
                "givenName", List.of("John"),
                "sn", List.of("Doe"),
                "displayName", List.of("John Doe"),
                "mail", List.of("jdoe@corp.example.com"),
                "userAccountControl", List.of("512")),
            "Pa55-word!"),
        Arguments.of(
            "Entra ID",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "externalId":"0a21f0f2-8d2a-4f8e-bf98-7b5d4b5c5e0d",
             "userName":"Jane.Roe-Longname-Example@corp.example.com","active":"False",
             "displayName":"Jane Roe","meta":{"resourceType":"User"},"roles":[],
             "emails":[{"primary":true,"type":"work","value":"jane.roe@corp.example.com"}],
             "name":{"formatted":"Jane Roe","familyName":"Roe","givenName":"Jane"},
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
               {"employeeNumber":"1042","department":"Sales",
                "manager":{"value":"2f4c1e0a-7b7d-4c55-9a53-0d7d5b2f9e11"}}}""",
            "CN=Jane.Roe-Longname-Example@corp.example.com," + USERS,
            Map.of(
                "sAMAccountName", List.of("Jane.Roe-Longname-Ex"),
                "userPrincipalName", List.of("Jane.Roe-Longname-Example@corp.example.com"),
                "userAccountControl", List.of("514"),
                "employeeID", List.of("1042"),
                "department", List.of("Sales"),
                "manager", List.of("unresolved=" + MANAGER)),
            null),
        Arguments.of(
            "characters AD refuses in sAMAccountName",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName":"o'brien+test@corp.example.com","active":true}""",
            "CN=o'brien\\+test@corp.example.com," + USERS,
            Map.of(
                "cn", List.of("o'brien+test@corp.example.com"),
                "sAMAccountName", List.of("o'brien_test"),
                "userAccountControl", List.of("512")),
            null),
        Arguments.of(
            "a name longer than a CN may be",
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName":"%s@corp.example.com"}"""
                .formatted("x".repeat(60)),
            "CN=" + "x".repeat(60) + "@cor," + USERS,
            Map.of(
                "cn", List.of("x".repeat(60) + "@cor"),
                "sAMAccountName", List.of("x".repeat(20)),
                "userPrincipalName", List.of("x".repeat(60) + "@corp.example.com")),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("creates")
  void aCreateBecomesTheEntryAdExpects(
      String sender, String body, String dn, Map<String, List<String>> attributes, String password)
      throws Exception {
    Explanation explanation = EXPLAINER.create("User", JSON.readTree(body));
    assertEquals(1, explanation.changes().size(), explanation.toString());
    Entry entry = ((LDIFAddChangeRecord) explanation.changes().get(0)).getEntryToAdd();
    assertEquals(new DN(dn), entry.getParsedDN());
    attributes.forEach(
        (name, values) ->
            assertEquals(values, List.of(entry.getAttributeValues(name)), sender + ": " + name));
    if (password == null) {
      assertNull(entry.getAttribute("unicodePwd"));
    } else {
      assertArrayEquals(
          ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE),
          entry.getAttributeValueBytes("unicodePwd"),
          "the password in double quotes, UTF-16LE");
    }
    for (String absent : List.of("externalId", "locale", "groups", "memberOf", "objectGUID")) {
      assertNull(entry.getAttribute(absent), absent + " is not written");
    }
  }

  @Test
  void anEmptyGroupIsAGroupWithoutMembers() throws Exception {
    Explanation explanation =
        EXPLAINER.create(
            "Group",
            JSON.readTree(
                """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
                 "displayName":"Sales Team","members":[]}"""));
    Entry entry = ((LDIFAddChangeRecord) explanation.changes().get(0)).getEntryToAdd();
    assertEquals(new DN("CN=Sales Team," + USERS), entry.getParsedDN());
    assertEquals(List.of("top", "group"), List.of(entry.getObjectClassValues()));
    assertEquals("Sales Team", entry.getAttributeValue("sAMAccountName"));
    assertNull(entry.getAttribute("member"), "AD groups may be empty: no placeholder");
    assertEquals("-2147483646", entry.getAttributeValue("groupType"), "a global security group");
  }

  @Test
  void idsAreObjectGuidsLookedUpByTheirBytes() throws Exception {
    byte[] guid = Base64.getDecoder().decode("2vy1Ge7hu0m7ScxT3cVxxA==");
    String id = "19b5fcda-e1ee-49bb-bb49-cc53ddc571c4";
    for (EntryMapper mapper : MAPPERS) {
      Entry entry = new Entry("CN=x," + USERS);
      entry.addAttribute("objectGUID", guid);
      assertEquals(Optional.of(id), mapper.immutableId(entry));
      assertArrayEquals(guid, mapper.idFilter(id).getAssertionValueBytes());
      assertTrue(mapper.attributesToFetch(false).contains("objectGUID"));
    }
  }

  @Test
  void disablingFlipsOnlyTheAccountDisableBitAndFiltersUseTheBitwiseMatchingRule()
      throws Exception {
    EntryMapper users = MAPPERS.get(0);
    Entry current = new Entry("CN=jdoe@corp.example.com," + USERS);
    current.addAttribute("userAccountControl", "66048"); // 512 + DONT_EXPIRE_PASSWORD
    ObjectNode before = (ObjectNode) JSON.readTree("{\"userName\":\"jdoe@corp.example.com\"}");
    before.put("active", true);
    ObjectNode after = before.deepCopy().put("active", false);
    assertEquals(
        List.of(new Modification(ModificationType.REPLACE, "userAccountControl", "66050")),
        users.diff(before, after, current, References.none(), false));
    FilterTranslator translator =
        new FilterTranslator(users, References.none(), externalId -> List.of());
    String disabled = translator.translate(FilterParser.parse("active eq false")).ldap().toString();
    assertTrue(
        disabled.startsWith("(&(userAccountControl:1.2.840.113556.1.4.803:=2)(&(objectClass=user)"),
        disabled);
  }
}
