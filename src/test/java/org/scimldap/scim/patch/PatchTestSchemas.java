package org.scimldap.scim.patch;

import java.util.ArrayList;
import java.util.List;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.AttributeType;
import org.scimldap.scim.schema.Mutability;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.Returned;
import org.scimldap.scim.schema.ScimSchema;
import org.scimldap.scim.schema.Uniqueness;

/**
 * Small hand-built resource schemas for PATCH tests: the parts of RFC 7643 §4.1, §4.2, §4.3 that
 * identity providers patch, plus a test extension with integer, decimal and simple multi-valued
 * attributes.
 */
final class PatchTestSchemas {
  static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String TEST_EXTENSION = "urn:example:params:scim:schemas:extension:test:2.0:User";

  private PatchTestSchemas() {}

  static ResourceSchema user() {
    ScimSchema core =
        new ScimSchema(
            USER,
            "User",
            "User Account",
            List.of(
                attr("id").caseExact().mutability(Mutability.READ_ONLY).build(),
                attr("externalId").caseExact().build(),
                attr("userName").required().build(),
                attr("name")
                    .complex(
                        attr("formatted"),
                        attr("familyName"),
                        attr("givenName"),
                        attr("middleName"))
                    .build(),
                attr("displayName").build(),
                attr("nickName").build(),
                attr("title").build(),
                attr("active").type(AttributeType.BOOLEAN).build(),
                attr("emails").multi().complex(multiValueSubs()).build(),
                attr("phoneNumbers").multi().complex(multiValueSubs()).build(),
                attr("addresses")
                    .multi()
                    .complex(
                        attr("formatted"),
                        attr("streetAddress"),
                        attr("locality"),
                        attr("region"),
                        attr("postalCode"),
                        attr("country"),
                        attr("type"),
                        attr("primary").type(AttributeType.BOOLEAN))
                    .build(),
                attr("groups")
                    .multi()
                    .mutability(Mutability.READ_ONLY)
                    .complex(
                        attr("value").mutability(Mutability.READ_ONLY),
                        attr("$ref").type(AttributeType.REFERENCE).mutability(Mutability.READ_ONLY),
                        attr("display").mutability(Mutability.READ_ONLY),
                        attr("type").mutability(Mutability.READ_ONLY))
                    .build(),
                meta()));
    ScimSchema enterprise =
        new ScimSchema(
            ENTERPRISE,
            "EnterpriseUser",
            "Enterprise User",
            List.of(
                attr("employeeNumber").build(),
                attr("costCenter").build(),
                attr("department").build(),
                attr("manager")
                    .complex(
                        attr("value"),
                        attr("$ref").type(AttributeType.REFERENCE),
                        attr("displayName").mutability(Mutability.READ_ONLY))
                    .build()));
    ScimSchema test =
        new ScimSchema(
            TEST_EXTENSION,
            "TestUser",
            "Attributes of other types",
            List.of(
                attr("badgeNumber").type(AttributeType.INTEGER).build(),
                attr("hourlyRate").type(AttributeType.DECIMAL).build(),
                attr("hiredAt").type(AttributeType.DATE_TIME).build(),
                attr("tags").multi().build(),
                attr("badgeSerial").mutability(Mutability.IMMUTABLE).build()));
    return new ResourceSchema("User", "/Users", core, List.of(enterprise, test));
  }

  static ResourceSchema group() {
    ScimSchema core =
        new ScimSchema(
            GROUP,
            "Group",
            "Group",
            List.of(
                attr("id").caseExact().mutability(Mutability.READ_ONLY).build(),
                attr("externalId").caseExact().build(),
                attr("displayName").required().build(),
                attr("members")
                    .multi()
                    .complex(
                        attr("value").mutability(Mutability.IMMUTABLE),
                        attr("$ref").type(AttributeType.REFERENCE).mutability(Mutability.IMMUTABLE),
                        attr("type").mutability(Mutability.IMMUTABLE),
                        attr("display"))
                    .build(),
                meta()));
    return new ResourceSchema("Group", "/Groups", core, List.of());
  }

  private static AttributeDefinition meta() {
    return attr("meta")
        .mutability(Mutability.READ_ONLY)
        .complex(
            attr("resourceType").mutability(Mutability.READ_ONLY),
            attr("created").type(AttributeType.DATE_TIME).mutability(Mutability.READ_ONLY),
            attr("lastModified").type(AttributeType.DATE_TIME).mutability(Mutability.READ_ONLY),
            attr("location").type(AttributeType.REFERENCE).mutability(Mutability.READ_ONLY),
            attr("version").mutability(Mutability.READ_ONLY))
        .build();
  }

  private static Builder[] multiValueSubs() {
    return new Builder[] {
      attr("value"), attr("display"), attr("type"), attr("primary").type(AttributeType.BOOLEAN)
    };
  }

  private static Builder attr(String name) {
    return new Builder(name);
  }

  /** Builds an attribute definition with the RFC 7643 §2.2 defaults. */
  private static final class Builder {
    private final String name;
    private AttributeType type = AttributeType.STRING;
    private boolean multiValued;
    private boolean required;
    private boolean caseExact;
    private Mutability mutability = Mutability.READ_WRITE;
    private final List<AttributeDefinition> subs = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }

    Builder type(AttributeType t) {
      type = t;
      return this;
    }

    Builder multi() {
      multiValued = true;
      return this;
    }

    Builder required() {
      required = true;
      return this;
    }

    Builder caseExact() {
      caseExact = true;
      return this;
    }

    Builder mutability(Mutability m) {
      mutability = m;
      return this;
    }

    Builder complex(Builder... subAttributes) {
      type = AttributeType.COMPLEX;
      for (Builder b : subAttributes) {
        subs.add(b.build());
      }
      return this;
    }

    AttributeDefinition build() {
      return new AttributeDefinition(
          name,
          type,
          multiValued,
          "",
          required,
          caseExact,
          mutability,
          Returned.DEFAULT,
          Uniqueness.NONE,
          List.of(),
          List.of(),
          subs);
    }
  }
}
