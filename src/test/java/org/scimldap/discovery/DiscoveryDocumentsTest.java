package org.scimldap.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.scim.schema.CoreSchemas;
import org.scimldap.scim.schema.SchemaLoader;
import org.scimldap.testsupport.Presets;

class DiscoveryDocumentsTest {
  static final String BASE = "http://host:8080/scim/v2";
  static final ServiceLimits LIMITS =
      new ServiceLimits(250, 1_048_576, false, true, false, true, false);
  static final MappingSpec PRESET = Presets.openLdapRulesOnly();

  private final DiscoveryDocuments docs = new DiscoveryDocuments(PRESET, LIMITS);

  @Test
  void userSchemaAdvertisesOnlyMappedAttributesInSchemaOrder() {
    JsonNode user = docs.schema(CoreSchemas.USER_URN, BASE).orElseThrow();
    assertEquals(
        List.of(
            "userName",
            "name",
            "displayName",
            "profileUrl",
            "title",
            "userType",
            "preferredLanguage",
            "active",
            "password",
            "emails",
            "phoneNumbers",
            "addresses",
            "groups",
            "x509Certificates"),
        names(user.get("attributes")));
    for (String unmapped : List.of("ims", "photos", "nickName")) {
      assertTrue(attribute(user, unmapped).isEmpty(), unmapped);
    }
  }

  @Test
  void commonAttributesAreNotListedAsInRfc7643Section8() {
    JsonNode user = docs.schema(CoreSchemas.USER_URN, BASE).orElseThrow();
    JsonNode group = docs.schema(CoreSchemas.GROUP_URN, BASE).orElseThrow();
    for (String common : List.of("id", "externalId", "meta")) {
      assertTrue(attribute(user, common).isEmpty(), common);
      assertTrue(attribute(group, common).isEmpty(), common);
    }
  }

  @Test
  void userNameIsRequiredAndUniqueOnTheServer() {
    JsonNode userName = userAttribute("userName");
    assertTrue(userName.get("required").booleanValue());
    assertEquals("server", userName.get("uniqueness").asText());
    assertEquals("string", userName.get("type").asText());
  }

  @Test
  void nameKeepsOnlyTheMappedSubAttributes() {
    JsonNode name = userAttribute("name");
    assertEquals(List.of("familyName", "givenName"), names(name.get("subAttributes")));
    assertFalse(name.get("required").booleanValue());
    assertEquals("readWrite", name.get("subAttributes").get(1).get("mutability").asText());
  }

  @Test
  void aSubAttributeOnlyReadFromTheDirectoryIsReadOnly() {
    MappingSpec spec =
        MappingLoader.parse(
            "t.yaml",
            """
            version: 1
            resourceTypes:
              User:
                objectClasses: [inetOrgPerson]
                container: "ou=people,{baseDn}"
                rdn: "uid={userName}"
                attributes:
                  - {scim: userName, ldap: uid}
                  - {scim: name.formatted, ldap: cn, direction: toScim}
                  - {scim: name.givenName, ldap: givenName}
            """);
    JsonNode user =
        new DiscoveryDocuments(spec, LIMITS).schema(CoreSchemas.USER_URN, BASE).orElseThrow();
    JsonNode name = attribute(user, "name").orElseThrow();
    assertEquals(List.of("formatted", "givenName"), names(name.get("subAttributes")));
    assertEquals("readOnly", name.get("subAttributes").get(0).get("mutability").asText());
    assertEquals("readWrite", name.get("subAttributes").get(1).get("mutability").asText());
  }

  @Test
  void withUnmappedKeepEveryWritableAttributeIsAdvertised() {
    MappingSpec kept = MappingLoader.load("mappings/openldap.yaml");
    JsonNode user =
        new DiscoveryDocuments(kept, LIMITS).schema(CoreSchemas.USER_URN, BASE).orElseThrow();
    for (String name : List.of("nickName", "ims", "photos", "locale", "timezone", "roles")) {
      assertTrue(attribute(user, name).isPresent(), name);
    }
    assertTrue(attribute(user, "entitlements").isPresent(), "writable: kept");
    JsonNode groups = attribute(user, "groups").orElseThrow();
    assertEquals("readOnly", groups.get("mutability").asText(), "read from the group entries");
    assertEquals(List.of("value", "$ref", "display", "type"), names(groups.get("subAttributes")));
    JsonNode name = attribute(user, "name").orElseThrow();
    assertTrue(names(name.get("subAttributes")).contains("middleName"));
  }

  @Test
  void valuePathRulesAdvertiseValueFilterAttributesAndPrimary() {
    JsonNode user = docs.schema(CoreSchemas.USER_URN, BASE).orElseThrow();
    JsonNode emails = attribute(user, "emails").orElseThrow();
    assertEquals(List.of("value", "type", "primary"), names(emails.get("subAttributes")));
    assertTrue(emails.get("multiValued").booleanValue());
    JsonNode phones = attribute(user, "phoneNumbers").orElseThrow();
    assertEquals(List.of("value", "type"), names(phones.get("subAttributes")));
  }

  @Test
  void writeOnlyPasswordIsAdvertisedAndNeverReturned() {
    JsonNode password = userAttribute("password");
    assertEquals("writeOnly", password.get("mutability").asText());
    assertEquals("never", password.get("returned").asText());
  }

  @Test
  void characteristicsAreThoseOfTheCoreSchema() {
    JsonNode full = SchemaLoader.toJson(CoreSchemas.user());
    JsonNode advertised = docs.schema(CoreSchemas.USER_URN, BASE).orElseThrow();
    for (String same : List.of("userName", "displayName", "title", "active", "password")) {
      assertEquals(
          attribute(full, same).orElseThrow(), attribute(advertised, same).orElseThrow(), same);
    }
    JsonNode fullEmails = attribute(full, "emails").orElseThrow();
    JsonNode emails = attribute(advertised, "emails").orElseThrow();
    List<String> fields =
        List.of("type", "multiValued", "required", "mutability", "returned", "uniqueness");
    for (String field : fields) {
      assertEquals(fullEmails.get(field), emails.get(field), field);
    }
    assertEquals(fullEmails.get("subAttributes").get(2), emails.get("subAttributes").get(1));
  }

  @Test
  void enterpriseSchemaAdvertisesMappedAttributesAndManagerValueOnly() {
    JsonNode enterprise = docs.schema(CoreSchemas.ENTERPRISE_USER_URN, BASE).orElseThrow();
    assertEquals(
        List.of(
            "employeeNumber", "costCenter", "organization", "division", "department", "manager"),
        names(enterprise.get("attributes")));
    JsonNode manager = attribute(enterprise, "manager").orElseThrow();
    assertEquals(List.of("value"), names(manager.get("subAttributes")));
  }

  @Test
  void groupSchemaAdvertisesRequiredDisplayNameAndMembers() {
    JsonNode group = docs.schema(CoreSchemas.GROUP_URN, BASE).orElseThrow();
    assertEquals(List.of("displayName", "members"), names(group.get("attributes")));
    assertTrue(attribute(group, "displayName").orElseThrow().get("required").booleanValue());
    assertEquals(
        "server", attribute(group, "displayName").orElseThrow().get("uniqueness").asText());
    JsonNode members = attribute(group, "members").orElseThrow();
    assertEquals(List.of("value", "$ref", "type"), names(members.get("subAttributes")));
  }

  @Test
  void schemaDocumentHasSchemasAndMeta() {
    JsonNode user = docs.schema(CoreSchemas.USER_URN, BASE).orElseThrow();
    assertEquals(DiscoveryDocuments.SCHEMA_URN, user.get("schemas").get(0).asText());
    assertEquals(CoreSchemas.USER_URN, user.get("id").asText());
    assertEquals("User", user.get("name").asText());
    assertEquals("User Account", user.get("description").asText());
    assertEquals("Schema", user.at("/meta/resourceType").asText());
    assertEquals(BASE + "/Schemas/" + CoreSchemas.USER_URN, user.at("/meta/location").asText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "urn:ietf:params:scim:schemas:core:2.0:User",
        "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER",
        "urn:ietf:params:scim:schemas:core:2.0:user"
      })
  void schemaLookupIgnoresCase(String urn) {
    assertEquals(CoreSchemas.USER_URN, docs.schema(urn, BASE).orElseThrow().get("id").asText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "urn:ietf:params:scim:schemas:core:2.0:Thing",
        "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
        ""
      })
  void unknownSchemaIsEmpty(String urn) {
    assertEquals(Optional.empty(), docs.schema(urn, BASE));
  }

  @Test
  void schemasListEachUsedSchemaOnce() {
    JsonNode list = docs.schemas(BASE);
    assertEquals(DiscoveryDocuments.LIST_RESPONSE_URN, list.get("schemas").get(0).asText());
    assertEquals(3, list.get("totalResults").intValue());
    assertEquals(3, list.get("itemsPerPage").intValue());
    assertEquals(1, list.get("startIndex").intValue());
    assertEquals(
        List.of(CoreSchemas.USER_URN, CoreSchemas.ENTERPRISE_USER_URN, CoreSchemas.GROUP_URN),
        texts(list.get("Resources"), "id"));
    assertEquals(
        docs.schema(CoreSchemas.GROUP_URN, BASE).orElseThrow(), list.get("Resources").get(2));
  }

  @Test
  void serviceProviderConfigFollowsTheLimits() {
    JsonNode config = docs.serviceProviderConfig(BASE);
    assertEquals(
        DiscoveryDocuments.SERVICE_PROVIDER_CONFIG_URN, config.get("schemas").get(0).asText());
    assertTrue(config.at("/patch/supported").booleanValue());
    assertFalse(config.at("/bulk/supported").booleanValue());
    assertEquals(0, config.at("/bulk/maxOperations").intValue());
    assertEquals(0, config.at("/bulk/maxPayloadSize").longValue());
    assertTrue(config.at("/filter/supported").booleanValue());
    assertEquals(250, config.at("/filter/maxResults").intValue());
    assertTrue(config.at("/changePassword/supported").booleanValue());
    assertFalse(config.at("/sort/supported").booleanValue());
    assertTrue(config.at("/etag/supported").booleanValue());
    JsonNode scheme = config.get("authenticationSchemes").get(0);
    assertEquals(1, config.get("authenticationSchemes").size());
    assertEquals("oauthbearertoken", scheme.get("type").asText());
    assertEquals("OAuth Bearer Token", scheme.get("name").asText());
    assertEquals("https://www.rfc-editor.org/info/rfc6750", scheme.get("specUri").asText());
    assertTrue(scheme.get("primary").booleanValue());
    assertEquals("ServiceProviderConfig", config.at("/meta/resourceType").asText());
    assertEquals(BASE + "/ServiceProviderConfig", config.at("/meta/location").asText());
  }

  @Test
  void serviceProviderConfigWithOtherLimits() {
    ServiceLimits other = new ServiceLimits(10, 2048, true, false, true, false, true);
    JsonNode config = new DiscoveryDocuments(PRESET, other).serviceProviderConfig(BASE + "/");
    assertEquals(10, config.at("/filter/maxResults").intValue());
    assertTrue(config.at("/sort/supported").booleanValue());
    assertFalse(config.at("/etag/supported").booleanValue());
    assertFalse(config.at("/changePassword/supported").booleanValue());
    assertTrue(config.at("/bulk/supported").booleanValue());
    assertEquals(2048, config.at("/bulk/maxPayloadSize").longValue());
    assertEquals(BASE + "/ServiceProviderConfig", config.at("/meta/location").asText());
    assertEquals("httpbasic", config.at("/authenticationSchemes/1/type").asText());
    assertTrue(
        new DiscoveryDocuments(PRESET, LIMITS)
            .serviceProviderConfig(BASE + "/")
            .at("/authenticationSchemes/1")
            .isMissingNode(),
        "Basic is advertised only when a client uses it");
  }

  @Test
  void userResourceTypeHasItsEndpointAndTheEnterpriseExtension() {
    JsonNode user = docs.resourceType("User", BASE).orElseThrow();
    assertEquals(DiscoveryDocuments.RESOURCE_TYPE_URN, user.get("schemas").get(0).asText());
    assertEquals("User", user.get("id").asText());
    assertEquals("User", user.get("name").asText());
    assertEquals("/Users", user.get("endpoint").asText());
    assertEquals("User Account", user.get("description").asText());
    assertEquals(CoreSchemas.USER_URN, user.get("schema").asText());
    assertEquals(1, user.get("schemaExtensions").size());
    assertEquals(CoreSchemas.ENTERPRISE_USER_URN, user.at("/schemaExtensions/0/schema").asText());
    assertFalse(user.at("/schemaExtensions/0/required").booleanValue());
    assertEquals("ResourceType", user.at("/meta/resourceType").asText());
    assertEquals(BASE + "/ResourceTypes/User", user.at("/meta/location").asText());
  }

  @Test
  void groupResourceTypeHasNoExtensions() {
    JsonNode group = docs.resourceType("Group", BASE).orElseThrow();
    assertEquals("/Groups", group.get("endpoint").asText());
    assertEquals(CoreSchemas.GROUP_URN, group.get("schema").asText());
    assertFalse(group.has("schemaExtensions"));
  }

  @Test
  void resourceTypeLookupIgnoresCaseAndMissesUnknownNames() {
    assertEquals("User", docs.resourceType("user", BASE).orElseThrow().get("id").asText());
    assertEquals(Optional.empty(), docs.resourceType("Device", BASE));
  }

  @Test
  void resourceTypesListsEveryType() {
    JsonNode list = docs.resourceTypes(BASE);
    assertEquals(DiscoveryDocuments.LIST_RESPONSE_URN, list.get("schemas").get(0).asText());
    assertEquals(2, list.get("totalResults").intValue());
    assertEquals(1, list.get("startIndex").intValue());
    assertEquals(List.of("User", "Group"), texts(list.get("Resources"), "id"));
    assertEquals(docs.resourceType("User", BASE).orElseThrow(), list.get("Resources").get(0));
  }

  @Test
  void returnedDocumentsAreCopies() {
    ObjectNode first = docs.schema(CoreSchemas.USER_URN, BASE).orElseThrow();
    first.putArray("attributes");
    docs.resourceType("User", BASE).orElseThrow().remove("endpoint");
    docs.serviceProviderConfig(BASE).remove("filter");
    assertFalse(docs.schema(CoreSchemas.USER_URN, BASE).orElseThrow().get("attributes").isEmpty());
    assertTrue(docs.resourceType("User", BASE).orElseThrow().has("endpoint"));
    assertTrue(docs.serviceProviderConfig(BASE).has("filter"));
  }

  private JsonNode userAttribute(String name) {
    return attribute(docs.schema(CoreSchemas.USER_URN, BASE).orElseThrow(), name).orElseThrow();
  }

  static List<String> names(JsonNode attributes) {
    return texts(attributes, "name");
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(item -> out.add(item.get(field).asText()));
    return out;
  }

  static Optional<JsonNode> attribute(JsonNode schema, String name) {
    for (JsonNode a : schema.get("attributes")) {
      if (a.get("name").asText().equalsIgnoreCase(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
