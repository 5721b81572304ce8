package org.scimldap.testsupport;

import java.util.Map;

/**
 * The HTTP headers identity providers put on their SCIM requests, as their documentation and
 * published test suites show them (see the project's notes on IdP behaviour).
 */
public final class IdpHeaders {
  private IdpHeaders() {}

  /** Okta provisioning: its own User-Agent, UTF-8 asked for, SCIM JSON with a charset. */
  public static Map<String, String> okta() {
    return Map.of(
        "User-Agent", "Okta SCIM Client 1.0.0",
        "Accept", "application/scim+json",
        "Accept-Charset", "utf-8",
        "Content-Type", "application/scim+json; charset=utf-8");
  }

  /** Okta on some requests: the same, but the body declared as plain {@code application/json}. */
  public static Map<String, String> oktaPlainJson() {
    return Map.of(
        "User-Agent", "Okta SCIM Client 1.0.0",
        "Accept", "application/json",
        "Accept-Charset", "utf-8",
        "Content-Type", "application/json; charset=utf-8");
  }

  /** Microsoft Entra ID provisioning. */
  public static Map<String, String> entra() {
    return Map.of(
        "Accept", "application/scim+json",
        "Content-Type", "application/scim+json");
  }
}
