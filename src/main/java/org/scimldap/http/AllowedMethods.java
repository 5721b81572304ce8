package org.scimldap.http;

import java.util.Set;

/**
 * The methods each SCIM endpoint answers, for the {@code Allow} header of a 405 (RFC 9110 §15.5.6).
 */
final class AllowedMethods {
  private static final Set<String> DISCOVERY =
      Set.of("ServiceProviderConfig", "ResourceTypes", "Schemas");

  private final String base;
  private final Set<String> endpoints;

  /**
   * @param base the SCIM base path, e.g. {@code /scim/v2}
   * @param endpoints resource endpoints without the slash, e.g. {@code Users}
   */
  AllowedMethods(String base, Set<String> endpoints) {
    this.base = base;
    this.endpoints = Set.copyOf(endpoints);
  }

  /** The {@code Allow} value for a request path. */
  String of(String path) {
    String rest = path.startsWith(base) ? path.substring(base.length()) : path;
    String[] segments = rest.replaceAll("^/+", "").split("/");
    String first = segments[0];
    if (first.equals(".search") || first.equals("Bulk")) {
      return "POST";
    }
    if (DISCOVERY.contains(first)) {
      return "GET";
    }
    if (endpoints.contains(first)) {
      if (segments.length == 1) {
        return "GET, POST";
      }
      return segments[1].equals(".search") ? "POST" : "GET, PUT, PATCH, DELETE";
    }
    return "GET, POST, PUT, PATCH, DELETE";
  }
}
