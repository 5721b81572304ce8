package org.scimldap.scim;

/** The {@code scimType} error keywords of RFC 7644 §3.12, Table 9. */
public enum ScimType {
  INVALID_FILTER("invalidFilter"),
  TOO_MANY("tooMany"),
  UNIQUENESS("uniqueness"),
  MUTABILITY("mutability"),
  INVALID_SYNTAX("invalidSyntax"),
  INVALID_PATH("invalidPath"),
  NO_TARGET("noTarget"),
  INVALID_VALUE("invalidValue"),
  INVALID_VERS("invalidVers"),
  SENSITIVE("sensitive");

  private final String keyword;

  ScimType(String keyword) {
    this.keyword = keyword;
  }

  /** The keyword as it appears on the wire. */
  public String keyword() {
    return keyword;
  }
}
