package org.scimldap.scim.schema;

/** RFC 7643 §7 {@code uniqueness}. */
public enum Uniqueness {
  NONE("none"),
  SERVER("server"),
  GLOBAL("global");

  private final String wireName;

  Uniqueness(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Uniqueness fromWireName(String name) {
    for (Uniqueness u : values()) {
      if (u.wireName.equalsIgnoreCase(name)) {
        return u;
      }
    }
    throw new IllegalArgumentException("unknown uniqueness: " + name);
  }
}
