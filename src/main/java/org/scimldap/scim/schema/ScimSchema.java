package org.scimldap.scim.schema;

import java.util.List;
import java.util.Optional;

/** A SCIM schema (RFC 7643 §7): its URN id, name, description and top-level attributes. */
public record ScimSchema(
    String id, String name, String description, List<AttributeDefinition> attributes) {

  public ScimSchema {
    attributes = List.copyOf(attributes);
  }

  /** Case-insensitive lookup of a top-level attribute. */
  public Optional<AttributeDefinition> attribute(String attributeName) {
    // A loop, not a stream: this runs for every attribute of every resource read or written.
    // The name as the schema writes it first (what the gateway's own resources carry), then in
    // any case.
    for (AttributeDefinition a : attributes) {
      if (a.name().equals(attributeName)) {
        return Optional.of(a);
      }
    }
    for (AttributeDefinition a : attributes) {
      if (a.name().equalsIgnoreCase(attributeName)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
