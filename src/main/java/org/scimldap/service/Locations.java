package org.scimldap.service;

import java.util.Map;
import java.util.Optional;

/**
 * Absolute resource URLs ({@code meta.location}, {@code Location}, a member's {@code $ref}) under
 * the public base URL that clients see, e.g. {@code https://scim.example.com/scim/v2}.
 *
 * @param baseUrl the public base URL, without a trailing slash
 * @param endpointsByType the endpoint of each resource type, e.g. {@code User → /Users}
 */
public record Locations(String baseUrl, Map<String, String> endpointsByType) {
  public Locations {
    endpointsByType = Map.copyOf(endpointsByType);
  }

  /** The URL of resource {@code id} of type {@code resourceType}, when the type is known. */
  public Optional<String> of(String resourceType, String id) {
    return Optional.ofNullable(endpointsByType.get(resourceType))
        .map(endpoint -> baseUrl + endpoint + "/" + id);
  }
}
