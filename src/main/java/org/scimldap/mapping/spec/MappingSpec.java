package org.scimldap.mapping.spec;

import java.util.List;
import java.util.Optional;

/** A whole mapping file: one {@link ResourceMapping} per SCIM resource type. */
public record MappingSpec(String source, List<ResourceMapping> resources) {
  public MappingSpec {
    resources = List.copyOf(resources);
  }

  public Optional<ResourceMapping> byName(String name) {
    return resources.stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
  }
}
