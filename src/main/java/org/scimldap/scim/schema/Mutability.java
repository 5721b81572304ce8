package org.scimldap.scim.schema;

/** RFC 7643 §7 {@code mutability}. */
public enum Mutability {
  READ_ONLY("readOnly"),
  READ_WRITE("readWrite"),
  IMMUTABLE("immutable"),
  WRITE_ONLY("writeOnly");

  private final String wireName;

  Mutability(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Mutability fromWireName(String name) {
    for (Mutability m : values()) {
      if (m.wireName.equalsIgnoreCase(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown mutability: " + name);
  }
}
