package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What a PATCH left behind: the resource when one is to be returned (RFC 7644 §3.5.2: 200 with the
 * resource, or 204 without), and its new version for the {@code ETag} header.
 */
public record PatchResult(Optional<ObjectNode> resource, String version) {
  static PatchResult of(ObjectNode resource) {
    return new PatchResult(Optional.of(resource), resource.path("meta").path("version").asText());
  }
}
