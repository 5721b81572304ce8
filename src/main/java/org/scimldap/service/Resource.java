package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A SCIM resource as a use case answers it: the JSON (with {@code meta}), its version for the
 * {@code ETag} header and its URL for the {@code Location} header (RFC 7644 §3.1, §3.14).
 */
public record Resource(ObjectNode body, String version, String location) {
  public Resource {
    Objects.requireNonNull(body);
    Objects.requireNonNull(version);
    Objects.requireNonNull(location);
  }
}
