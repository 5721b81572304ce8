package org.scimldap.scim.schema;

/** RFC 7643 §7 {@code returned}. */
public enum Returned {
  ALWAYS("always"),
  NEVER("never"),
  DEFAULT("default"),
  REQUEST("request");

  private final String wireName;

  Returned(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Returned fromWireName(String name) {
    for (Returned r : values()) {
      if (r.wireName.equalsIgnoreCase(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown returned: " + name);
  }
}
