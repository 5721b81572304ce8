package org.scimldap.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Sort keys for {@code sortBy} (RFC 7644 §3.4.2.3): the value of a singular attribute, or for a
 * multi-valued one the primary value (else the first). Strings compare case-insensitively unless
 * the attribute is {@code caseExact}; unassigned values sort last in ascending order.
 */
final class SortKeys {
  private SortKeys() {}

  /** Checks that {@code path} can be sorted by and returns its definition. */
  static AttributeDefinition check(ResourceSchema schema, AttributePath path) {
    ResourceSchema.Resolved r =
        schema
            .resolve(path)
            .orElseThrow(
                () ->
                    ScimException.invalidValue("sortBy names an unknown attribute '" + path + "'"));
    AttributeDefinition target = r.target();
    if (target.isComplex() && target.subAttribute("value").isEmpty()) {
      throw ScimException.invalidValue(
          "sortBy '" + path + "' is a complex attribute without a value");
    }
    return target;
  }

  /** The sort key of a resource, or {@code null} when unassigned. */
  static String of(JsonNode resource, ResourceSchema schema, AttributePath path) {
    ResourceSchema.Resolved r = schema.resolve(path).orElse(null);
    if (r == null) {
      return null;
    }
    JsonNode holder =
        r.inExtension(schema) ? JsonFields.field(resource, r.schema().id()) : resource;
    JsonNode value = JsonFields.field(holder, r.attribute().name());
    if (value != null && value.isArray()) {
      JsonNode chosen = null;
      for (JsonNode e : value) {
        if (chosen == null || e.path("primary").asBoolean(false)) {
          chosen = e;
        }
      }
      value = chosen;
    }
    String sub = r.sub() != null ? r.sub().name() : (r.attribute().isComplex() ? "value" : null);
    if (sub != null) {
      value = JsonFields.field(value, sub);
    }
    return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
  }

  /** Orders keys; {@code null} (unassigned) after every value. */
  static Comparator<String> comparator(AttributeDefinition definition) {
    Comparator<String> values =
        definition.caseExact()
            ? Comparator.naturalOrder()
            : String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());
    return Comparator.nullsLast(values);
  }
}
