package org.scimldap.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Finds the JSON values an attribute path addresses, either in a whole resource or, for the filter
 * inside a value path, in one element of a multi-valued complex attribute. Names match JSON keys
 * case-insensitively (RFC 7643 §2.1); extension attributes live under their schema URN (RFC 7643
 * §3.3). Arrays are flattened and JSON nulls dropped, so an absent, null or empty attribute has no
 * values.
 */
final class AttributeLookup {
  /**
   * The values found and the definition they follow.
   *
   * @param definition the attribute or sub-attribute definition, or {@code null} when the schema
   *     does not know it
   */
  record Found(List<JsonNode> values, AttributeDefinition definition) {}

  private final JsonNode scope;
  private final boolean isElement;
  private final AttributeDefinition complex;
  private final ResourceSchema schema;

  private AttributeLookup(
      JsonNode scope, boolean isElement, AttributeDefinition complex, ResourceSchema schema) {
    this.scope = scope;
    this.isElement = isElement;
    this.complex = complex;
    this.schema = schema;
  }

  static AttributeLookup resource(JsonNode resource, ResourceSchema schema) {
    return new AttributeLookup(resource, false, null, schema);
  }

  /**
   * @param complex the definition of the attribute the element belongs to, or {@code null}
   */
  static AttributeLookup element(
      JsonNode element, AttributeDefinition complex, ResourceSchema schema) {
    return new AttributeLookup(element, true, complex, schema);
  }

  /** A lookup inside one value found by this one, for a nested value filter. */
  AttributeLookup inside(JsonNode element, AttributeDefinition definition) {
    return element(element, definition, schema);
  }

  Found find(AttributePath path) {
    return isElement ? inElement(path) : inResource(path);
  }

  private Found inElement(AttributePath path) {
    AttributeDefinition definition =
        complex == null ? null : complex.subAttribute(path.name()).orElse(null);
    List<JsonNode> values = flatten(child(scope, path.name()));
    if (!path.hasSubAttribute()) {
      return new Found(values, definition);
    }
    return new Found(subValues(values, path.subAttribute()), null);
  }

  private Found inResource(AttributePath path) {
    Optional<ResourceSchema.Resolved> resolved = schema.resolve(path);
    if (resolved.isEmpty() && path.hasSubAttribute()) {
      resolved = schema.resolve(path.parent());
    }
    JsonNode container;
    AttributeDefinition definition = null;
    if (resolved.isPresent()) {
      ResourceSchema.Resolved r = resolved.get();
      container = r.inExtension(schema) ? child(scope, r.schema().id()) : scope;
      definition = path.hasSubAttribute() ? r.sub() : r.attribute();
    } else if (path.schemaUrn() == null || path.schemaUrn().equalsIgnoreCase(schema.core().id())) {
      container = scope;
    } else {
      container = child(scope, path.schemaUrn());
    }
    List<JsonNode> values = flatten(child(container, path.name()));
    if (path.hasSubAttribute()) {
      values = subValues(values, path.subAttribute());
    }
    return new Found(values, definition);
  }

  /** The member of an object whose key equals {@code name} ignoring case, or {@code null}. */
  static JsonNode child(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return null;
  }

  static List<JsonNode> subValues(List<JsonNode> parents, String sub) {
    List<JsonNode> values = new ArrayList<>();
    for (JsonNode parent : parents) {
      values.addAll(flatten(child(parent, sub)));
    }
    return values;
  }

  private static List<JsonNode> flatten(JsonNode node) {
    List<JsonNode> values = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return values;
    }
    if (node.isArray()) {
      node.forEach(
          element -> {
            if (!element.isNull()) {
              values.add(element);
            }
          });
    } else {
      values.add(node);
    }
    return values;
  }
}
