package org.scimldap.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimldap.discovery.DiscoveryDocumentsTest.BASE;
import static org.scimldap.discovery.DiscoveryDocumentsTest.LIMITS;
import static org.scimldap.discovery.DiscoveryDocumentsTest.attribute;
import static org.scimldap.discovery.DiscoveryDocumentsTest.names;
import static org.scimldap.discovery.DiscoveryDocumentsTest.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.scim.schema.CoreSchemas;

class CustomMappingDiscoveryTest {
  private static final String USER_NAME_ONLY =
      """
      version: 1
      resourceTypes:
        User:
          objectClasses: [inetOrgPerson]
          container: "ou=people,{baseDn}"
          rdn: "uid={userName}"
          attributes:
            - scim: userName
              ldap: uid
      """;

  private static DiscoveryDocuments docs(String yaml) {
    return new DiscoveryDocuments(MappingLoader.parse("test.yaml", yaml), LIMITS);
  }

  @Test
  void mappingOnlyUserNameAdvertisesOnlyUserName() {
    DiscoveryDocuments docs = docs(USER_NAME_ONLY);
    JsonNode user = docs.schema(CoreSchemas.USER_URN, BASE).orElseThrow();
    assertEquals(List.of("userName"), names(user.get("attributes")));
    assertEquals(List.of(CoreSchemas.USER_URN), texts(docs.schemas(BASE).get("Resources"), "id"));
    assertEquals(List.of("User"), texts(docs.resourceTypes(BASE).get("Resources"), "id"));
    assertEquals(Optional.empty(), docs.schema(CoreSchemas.GROUP_URN, BASE));
  }

  @Test
  void declaredExtensionWithoutMappedAttributesIsNotAdvertised() {
    DiscoveryDocuments docs =
        docs(
            USER_NAME_ONLY.replace(
                "    objectClasses:",
                "    extensions: [urn:ietf:params:scim:schemas:extension:enterprise:2.0:User]\n"
                    + "    objectClasses:"));
    assertFalse(docs.resourceType("User", BASE).orElseThrow().has("schemaExtensions"));
    assertEquals(Optional.empty(), docs.schema(CoreSchemas.ENTERPRISE_USER_URN, BASE));
  }

  @Test
  void namingSourceIsRequired() {
    DiscoveryDocuments docs =
        docs(
            USER_NAME_ONLY.replace("uid={userName}", "cn={displayName}")
                + """
                  - scim: displayName
                    ldap: cn
                  - scim: title
                    ldap: title
            """);
    JsonNode user = docs.schema(CoreSchemas.USER_URN, BASE).orElseThrow();
    assertEquals(List.of("userName", "displayName", "title"), names(user.get("attributes")));
    assertTrue(attribute(user, "displayName").orElseThrow().get("required").booleanValue());
    assertTrue(attribute(user, "userName").orElseThrow().get("required").booleanValue());
    assertFalse(attribute(user, "title").orElseThrow().get("required").booleanValue());
  }

  @Test
  void valueFilterTermsAndWholeComplexValuesAreAdvertised() {
    DiscoveryDocuments docs =
        docs(
            USER_NAME_ONLY
                + """
                  - scim: 'phoneNumbers[type eq "work" and not (display pr)].value'
                    ldap: telephoneNumber
                  - scim: name
                    ldap: description
                    direction: toScim
            """);
    JsonNode user = docs.schema(CoreSchemas.USER_URN, BASE).orElseThrow();
    assertEquals(
        List.of("value", "display", "type"),
        names(attribute(user, "phoneNumbers").orElseThrow().get("subAttributes")));
    assertEquals(
        List.of(
            "formatted",
            "familyName",
            "givenName",
            "middleName",
            "honorificPrefix",
            "honorificSuffix"),
        names(attribute(user, "name").orElseThrow().get("subAttributes")));
  }

  @Test
  void typesSharingASchemaAdvertiseTheUnion() {
    DiscoveryDocuments docs =
        docs(
            USER_NAME_ONLY
                + """
                  - scim: title
                    ldap: title
              Admin:
                endpoint: /Admins
                schema: urn:ietf:params:scim:schemas:core:2.0:User
                objectClasses: [inetOrgPerson]
                container: "ou=admins,{baseDn}"
                rdn: "cn={displayName}"
                attributes:
                  - scim: displayName
                    ldap: cn
                  - scim: 'emails[type eq "work"].value'
                    ldap: mail
            """);
    JsonNode user = docs.schema(CoreSchemas.USER_URN, BASE).orElseThrow();
    assertEquals(
        List.of("userName", "title", "displayName", "emails"), names(user.get("attributes")));
    assertFalse(attribute(user, "userName").orElseThrow().get("required").booleanValue());
    assertFalse(attribute(user, "displayName").orElseThrow().get("required").booleanValue());
    assertEquals(1, docs.schemas(BASE).get("totalResults").intValue());
    JsonNode admin = docs.resourceType("Admin", BASE).orElseThrow();
    assertEquals("/Admins", admin.get("endpoint").asText());
    assertEquals(CoreSchemas.USER_URN, admin.get("schema").asText());
  }
}
