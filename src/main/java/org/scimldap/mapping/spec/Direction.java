package org.scimldap.mapping.spec;

/** Which way a mapping rule carries values. */
public enum Direction {
  /** SCIM to LDAP on writes, LDAP to SCIM on reads. */
  BOTH,
  /** Only written to LDAP (e.g. {@code cn} derived from {@code displayName}, passwords). */
  TO_LDAP,
  /** Only read from LDAP (e.g. a directory-computed attribute). */
  TO_SCIM;

  public boolean writes() {
    return this != TO_SCIM;
  }

  public boolean reads() {
    return this != TO_LDAP;
  }
}
