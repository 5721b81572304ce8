package org.scimldap.scim.filter;

import java.util.List;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.AttributeType;
import org.scimldap.scim.schema.Mutability;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.Returned;
import org.scimldap.scim.schema.ScimSchema;
import org.scimldap.scim.schema.Uniqueness;

/**
 * A small User resource schema for filter tests: a subset of the RFC 7643 core User, the enterprise
 * extension and a test extension with numbers and a multi-valued string.
 */
final class TestSchemas {
  static final String CORE_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String TEST_URN = "urn:example:scim:schemas:extension:test:1.0:User";

  static final AttributeDefinition EMAILS =
      complex(
          "emails",
          true,
          string("value", false),
          string("display", false),
          string("type", false),
          simple("primary", AttributeType.BOOLEAN, false, false));

  static final ResourceSchema USER =
      new ResourceSchema(
          "User",
          "/Users",
          new ScimSchema(
              CORE_URN,
              "User",
              "User Account",
              List.of(
                  string("id", true),
                  string("externalId", true),
                  string("userName", false),
                  complex(
                      "name",
                      false,
                      string("familyName", false),
                      string("givenName", false),
                      string("middleName", false)),
                  string("displayName", false),
                  string("nickName", false),
                  string("title", false),
                  simple("active", AttributeType.BOOLEAN, false, false),
                  EMAILS,
                  complex("phoneNumbers", true, string("value", false), string("type", false)),
                  complex(
                      "meta",
                      false,
                      string("resourceType", true),
                      simple("created", AttributeType.DATE_TIME, false, false),
                      simple("lastModified", AttributeType.DATE_TIME, false, false)))),
          List.of(
              new ScimSchema(
                  ENTERPRISE_URN,
                  "EnterpriseUser",
                  "Enterprise User",
                  List.of(
                      string("employeeNumber", false),
                      complex(
                          "manager",
                          false,
                          string("value", false),
                          simple("$ref", AttributeType.REFERENCE, false, false),
                          string("displayName", false)))),
              new ScimSchema(
                  TEST_URN,
                  "TestUser",
                  "Test extension",
                  List.of(
                      simple("loginCount", AttributeType.INTEGER, false, false),
                      simple("score", AttributeType.DECIMAL, false, false),
                      simple("tags", AttributeType.STRING, true, false)))));

  private TestSchemas() {}

  static AttributeDefinition string(String name, boolean caseExact) {
    return simple(name, AttributeType.STRING, false, caseExact);
  }

  static AttributeDefinition simple(
      String name, AttributeType type, boolean multiValued, boolean caseExact) {
    return new AttributeDefinition(
        name,
        type,
        multiValued,
        name,
        false,
        caseExact,
        Mutability.READ_WRITE,
        Returned.DEFAULT,
        Uniqueness.NONE,
        List.of(),
        List.of(),
        List.of());
  }

  static AttributeDefinition complex(
      String name, boolean multiValued, AttributeDefinition... subAttributes) {
    return new AttributeDefinition(
        name,
        AttributeType.COMPLEX,
        multiValued,
        name,
        false,
        false,
        Mutability.READ_WRITE,
        Returned.DEFAULT,
        Uniqueness.NONE,
        List.of(),
        List.of(),
        List.of(subAttributes));
  }
}
