package org.scimldap.scim.schema;

/** SCIM attribute data types (RFC 7643 §2.3). */
public enum AttributeType {
  STRING("string"),
  BOOLEAN("boolean"),
  DECIMAL("decimal"),
  INTEGER("integer"),
  DATE_TIME("dateTime"),
  BINARY("binary"),
  REFERENCE("reference"),
  COMPLEX("complex");

  private final String wireName;

  AttributeType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static AttributeType fromWireName(String name) {
    for (AttributeType t : values()) {
      if (t.wireName.equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown SCIM attribute type: " + name);
  }
}
