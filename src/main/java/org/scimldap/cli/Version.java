package org.scimldap.cli;

/**
 * The gateway's version, from the {@code Implementation-Version} of the jar's manifest (set from
 * the pom's version when the jar is built). Run from classes, as in an IDE or the tests, there is
 * no manifest, and it says so.
 */
public final class Version {
  private static final String NAME = "scim-ldap-gateway";

  private Version() {}

  /** E.g. {@code scim-ldap-gateway 0.1.0}, or {@code scim-ldap-gateway (development build)}. */
  public static String describe() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank()
        ? NAME + " (development build)"
        : NAME + " " + version;
  }
}
