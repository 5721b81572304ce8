package org.scimldap.scim.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A SCIM schema (RFC 7643 §7): its URN id, name, description and top-level attributes. Immutable;
 * attributes are looked up through an index built once, since every attribute of every resource
 * read or written is looked up.
 */
public final class ScimSchema {
  private final String id;
  private final String name;
  private final String description;
  private final List<AttributeDefinition> attributes;
  private final Map<String, AttributeDefinition> byName = new HashMap<>();
  private final Map<String, AttributeDefinition> byLowerName = new HashMap<>();

  public ScimSchema(
      String id, String name, String description, List<AttributeDefinition> attributes) {
    this.id = id;
    this.name = name;
    this.description = description;
    this.attributes = List.copyOf(attributes);
    for (AttributeDefinition a : this.attributes) {
      byName.putIfAbsent(a.name(), a);
      byLowerName.putIfAbsent(a.name().toLowerCase(Locale.ROOT), a);
    }
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public List<AttributeDefinition> attributes() {
    return attributes;
  }

  /** Case-insensitive lookup of a top-level attribute (RFC 7643 §2.1). */
  public Optional<AttributeDefinition> attribute(String attributeName) {
    AttributeDefinition exact = byName.get(attributeName);
    if (exact != null) {
      return Optional.of(exact);
    }
    return Optional.ofNullable(byLowerName.get(attributeName.toLowerCase(Locale.ROOT)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScimSchema s
        && Objects.equals(id, s.id)
        && Objects.equals(name, s.name)
        && Objects.equals(description, s.description)
        && attributes.equals(s.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, description, attributes);
  }

  @Override
  public String toString() {
    return "ScimSchema[id=" + id + ", name=" + name + ", attributes=" + attributes.size() + "]";
  }
}
