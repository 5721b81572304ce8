package org.scimldap.mapping.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.scimldap.mapping.spec.Fallback;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.FilterEvaluator;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.AttributeType;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.ValueCoercer;

/**
 * Reads and writes the values a {@link ScimPath} addresses in a SCIM resource's JSON, for the
 * mapper. Keys match case-insensitively; extension attributes live under the extension URN. Of a
 * multi-valued attribute, the primary value comes first, so that it is the first LDAP value and is
 * read back as primary.
 */
final class ScimValues {
  private ScimValues() {}

  /** The primary value of a multi-valued attribute first (RFC 7643 §2.4), the others in order. */
  private static final Comparator<JsonNode> PRIMARY_FIRST =
      Comparator.comparing(e -> !e.path("primary").asBoolean(false));

  /** The leaf values at {@code path}: arrays flattened, nulls dropped. */
  static List<JsonNode> select(ObjectNode resource, ScimPath path, ResourceSchema schema) {
    ResourceSchema.Resolved resolved = schema.resolve(path.attribute().parent()).orElse(null);
    if (resolved == null) {
      return List.of();
    }
    JsonNode holder =
        resolved.inExtension(schema)
            ? JsonFields.field(resource, resolved.schema().id())
            : resource;
    JsonNode attr = holder == null ? null : JsonFields.field(holder, resolved.attribute().name());
    if (attr == null || attr.isNull()) {
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>();
    if (attr.isArray()) {
      attr.forEach(items::add);
      items.sort(PRIMARY_FIRST);
    } else {
      items.add(attr);
    }
    if (path.hasValueFilter()) {
      ScimFilter filter = path.valueFilter();
      items =
          items.stream()
              .filter(JsonNode::isObject)
              .filter(e -> FilterEvaluator.matchesValue(filter, e, resolved.attribute(), schema))
              .toList();
    }
    String sub = path.targetSubAttribute();
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode item : items) {
      JsonNode leaf = sub == null ? item : JsonFields.field(item, sub);
      if (leaf == null || leaf.isNull()) {
        continue;
      }
      if (leaf.isArray()) {
        leaf.forEach(
            v -> {
              if (!v.isNull()) {
                out.add(v);
              }
            });
      } else {
        out.add(leaf);
      }
    }
    return out;
  }

  /** The values a fallback yields for a resource; empty when it has none. */
  static List<JsonNode> values(Fallback fallback, ObjectNode resource, ResourceSchema schema) {
    if (fallback instanceof Fallback.FromPath fromPath) {
      return select(resource, fromPath.path(), schema);
    }
    StringBuilder out = new StringBuilder();
    for (Object part : ((Fallback.FromTemplate) fallback).parts()) {
      if (part instanceof ScimPath path) {
        List<JsonNode> v = select(resource, path, schema);
        if (v.isEmpty() || v.get(0).asText().isBlank()) {
          return List.of();
        }
        out.append(v.get(0).asText());
      } else {
        out.append(part);
      }
    }
    String text = out.toString().trim();
    return text.isEmpty() ? List.of() : List.of(TextNode.valueOf(text));
  }

  /**
   * Writes values read from the directory at {@code path}. For a value-path rule such as {@code
   * emails[type eq "work"].value}, each value becomes a new element carrying the filter's equality
   * terms ({@code type: "work"}); {@code primary} marks the first element primary if no other is.
   * Rules for other sub-attributes of the same slot ({@code addresses[type eq "work"].locality}
   * after {@code .streetAddress}) fill the element already made rather than adding one.
   */
  static void put(
      ObjectNode resource,
      ScimPath path,
      List<JsonNode> values,
      boolean primary,
      ResourceSchema schema) {
    if (values.isEmpty()) {
      return;
    }
    ResourceSchema.Resolved resolved = schema.resolve(path.attribute().parent()).orElseThrow();
    AttributeDefinition attr = resolved.attribute();
    ObjectNode holder = resource;
    if (resolved.inExtension(schema)) {
      holder = objectField(resource, resolved.schema().id());
    }
    String sub = path.targetSubAttribute();
    String subName =
        sub == null ? null : attr.subAttribute(sub).map(AttributeDefinition::name).orElse(sub);
    if (!attr.multiValued()) {
      if (sub == null) {
        holder.set(attr.name(), values.get(0));
      } else {
        objectField(holder, attr.name()).set(subName, values.get(0));
      }
      return;
    }
    ArrayNode array =
        holder.get(attr.name()) instanceof ArrayNode a ? a : holder.putArray(attr.name());
    boolean hasPrimary = false;
    for (JsonNode e : array) {
      hasPrimary |= e.path("primary").asBoolean(false);
    }
    String field = subName == null ? "value" : subName;
    List<ObjectNode> sameSlot = new ArrayList<>();
    if (attr.isComplex() && path.hasValueFilter()) {
      for (JsonNode e : array) {
        if (e instanceof ObjectNode o
            && !o.has(field)
            && FilterEvaluator.matchesValue(path.valueFilter(), o, attr, schema)) {
          sameSlot.add(o);
        }
      }
    }
    int reuse = 0;
    for (JsonNode value : values) {
      if (!attr.isComplex()) {
        array.add(value);
        continue;
      }
      if (reuse < sameSlot.size()) {
        sameSlot.get(reuse++).set(field, value);
        continue;
      }
      ObjectNode element = path.equalityTerms();
      element.set(field, value);
      if (primary && !hasPrimary) {
        element.put("primary", true);
        hasPrimary = true;
      }
      array.add(element);
    }
  }

  /**
   * Values read as text brought to the type of the attribute {@code path} names: an integer,
   * decimal or boolean attribute (a declared extension's {@code floor} kept in {@code roomNumber})
   * gets a JSON number or boolean (RFC 7643 §2.3). A text that is not one is left out: the resource
   * never shows a value of the wrong type.
   */
  static List<JsonNode> typed(List<JsonNode> values, ScimPath path, ResourceSchema schema) {
    String sub = path.targetSubAttribute();
    AttributePath attribute =
        sub == null ? path.attribute() : path.attribute().parent().withSubAttribute(sub);
    AttributeType type =
        schema.resolve(attribute).map(r -> r.target().type()).orElse(AttributeType.STRING);
    if (type != AttributeType.INTEGER
        && type != AttributeType.DECIMAL
        && type != AttributeType.BOOLEAN) {
      return values;
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode v : values) {
      if (!v.isTextual()) {
        out.add(v);
        continue;
      }
      try {
        out.add(ValueCoercer.coerce(v, type, attribute.toString()));
      } catch (ScimException e) {
        // Not a number (or boolean) in the directory: not a value of this attribute.
      }
    }
    return out;
  }

  private static ObjectNode objectField(ObjectNode holder, String name) {
    JsonNode existing = holder.get(name);
    if (existing instanceof ObjectNode o) {
      return o;
    }
    return holder.putObject(name);
  }
}
