package org.scimldap.service;

import java.util.Objects;
import java.util.Optional;

/**
 * What a PATCH left behind: the resource when one is to be returned (RFC 7644 §3.5.2: 200 with the
 * resource, or 204 without), and its new version for the {@code ETag} header.
 */
public record PatchResult(Optional<Resource> resource, String version) {
  public PatchResult {
    Objects.requireNonNull(resource);
    Objects.requireNonNull(version);
  }

  static PatchResult of(Resource resource) {
    return new PatchResult(Optional.of(resource), resource.version());
  }
}
