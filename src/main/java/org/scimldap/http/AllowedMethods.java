package org.scimldap.http;

import java.util.Optional;
import java.util.Set;

/**
 * The shape of the SCIM paths of one mapping: which methods each path answers, for the {@code
 * Allow} header of a 405 (RFC 9110 §15.5.6), and which resource endpoint a path is under. A path
 * that no route has (an endpoint the mapping does not have, or too many segments) answers nothing:
 * the answer to it is a 404.
 */
final class AllowedMethods {
  private static final Set<String> DISCOVERY =
      Set.of("ServiceProviderConfig", "ResourceTypes", "Schemas");

  /** Discovery documents that also have one document per name ({@code /Schemas/{urn}}). */
  private static final Set<String> DISCOVERY_ITEMS = Set.of("ResourceTypes", "Schemas");

  private static final String EVERY_METHOD = "GET, POST, PUT, PATCH, DELETE";

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

  /** The {@code Allow} value for a request path; empty when no route has that path. */
  Optional<String> of(String path) {
    String[] segments = segments(path);
    String first = segments[0];
    if (segments.length == 1) {
      if (first.equals(".search") || first.equals("Bulk")) {
        return Optional.of("POST");
      }
      if (DISCOVERY.contains(first)) {
        return Optional.of("GET");
      }
      if (first.equals("Me")) {
        return Optional.of(EVERY_METHOD);
      }
      return endpoints.contains(first) ? Optional.of("GET, POST") : Optional.empty();
    }
    if (segments.length == 2) {
      if (DISCOVERY_ITEMS.contains(first)) {
        return Optional.of("GET");
      }
      if (endpoints.contains(first)) {
        return Optional.of(segments[1].equals(".search") ? "POST" : "GET, PUT, PATCH, DELETE");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a GET of the path reaches a route (on a resource endpoint, {@code /.search} too: it is
   * read as an id), so that a HEAD of it answers 200.
   */
  boolean hasGet(String path) {
    String[] segments = segments(path);
    String first = segments[0];
    return switch (segments.length) {
      case 1 -> DISCOVERY.contains(first) || first.equals("Me") || endpoints.contains(first);
      case 2 -> DISCOVERY_ITEMS.contains(first) || endpoints.contains(first);
      default -> false;
    };
  }

  /**
   * The resource endpoint a path is under, without the slash ({@code Users} for {@code
   * /scim/v2/Users/abc}), compared as written in the path, not decoded; empty when the path is
   * under none.
   */
  Optional<String> endpoint(String path) {
    String first = segments(path)[0];
    return endpoints.contains(first) ? Optional.of(first) : Optional.empty();
  }

  private String[] segments(String path) {
    String rest = path.startsWith(base) ? path.substring(base.length()) : path;
    return (rest.startsWith("/") ? rest.substring(1) : rest).split("/");
  }
}
