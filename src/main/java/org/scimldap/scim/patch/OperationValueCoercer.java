package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.AttributeType;
import org.scimldap.scim.schema.ValueCoercer;

/**
 * Brings the {@code value} of a PATCH operation (RFC 7644 §3.5.2) into the shape its attribute
 * definition demands (RFC 7643 §2.3), accepting what identity providers really send: booleans as
 * strings in any case ({@code "False"} from Entra ID), numbers as strings, a single value where an
 * array is expected, a one-element array where a single value is expected, and a bare string for a
 * complex attribute that has a {@code value} sub-attribute ({@code manager}). Sub-attribute names
 * come out canonical; unknown sub-attributes are dropped, since providers send attributes the
 * service does not map. Anything else of the wrong type is {@code invalidValue}. Always returns
 * fresh nodes.
 */
final class OperationValueCoercer {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OperationValueCoercer() {}

  /**
   * The whole value of {@code def}: an array for a multi-valued attribute (unassigned elements
   * dropped), one value otherwise; {@code null} when the result is unassigned (RFC 7643 §2.5).
   */
  static JsonNode attributeValue(JsonNode raw, AttributeDefinition def) {
    if (JsonFields.isUnassigned(raw)) {
      return null;
    }
    if (!def.multiValued()) {
      return element(raw, def);
    }
    ArrayNode out = NODES.arrayNode();
    if (raw.isArray()) {
      raw.forEach(item -> addIfAssigned(out, element(item, def)));
    } else {
      addIfAssigned(out, element(raw, def));
    }
    return out.isEmpty() ? null : out;
  }

  /** One value of {@code def} (one element when multi-valued); {@code null} when unassigned. */
  static JsonNode element(JsonNode raw, AttributeDefinition def) {
    JsonNode single = unwrapSingleton(raw, def);
    if (JsonFields.isUnassigned(single)) {
      return null;
    }
    if (!def.isComplex()) {
      return simple(single, def);
    }
    ObjectNode out = NODES.objectNode();
    subValues(single, def)
        .forEach(
            (sub, v) -> {
              if (!v.isNull()) {
                out.set(sub.name(), v);
              }
            });
    return out.isEmpty() ? null : out;
  }

  /**
   * The sub-attributes given for complex {@code def}, canonical and coerced, in the client's order.
   * A JSON {@code null} stays as {@link NullNode}: under {@code replace} it unassigns that
   * sub-attribute.
   */
  static Map<AttributeDefinition, JsonNode> subValues(JsonNode raw, AttributeDefinition def) {
    JsonNode single = unwrapSingleton(raw, def);
    Map<AttributeDefinition, JsonNode> out = new LinkedHashMap<>();
    if (single == null || single.isNull()) {
      return out;
    }
    if (!single.isObject()) {
      AttributeDefinition valueSub =
          def.subAttribute("value")
              .orElseThrow(() -> mismatch(def, "an object with sub-attributes", single));
      if (single.isContainerNode()) {
        throw mismatch(def, "an object or a single value", single);
      }
      out.put(valueSub, simple(single, valueSub));
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = single.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      def.subAttribute(field.getKey())
          .ifPresent(
              sub -> {
                JsonNode v = field.getValue();
                out.put(sub, v.isNull() ? NullNode.getInstance() : nonNull(element(v, sub)));
              });
    }
    return out;
  }

  /**
   * A simple (non-complex) value of the type {@code def} declares, coerced by {@link ValueCoercer}
   * as in a POST.
   */
  static JsonNode simple(JsonNode raw, AttributeDefinition def) {
    if (raw.isContainerNode()) {
      throw mismatch(def, "a single " + def.type().wireName(), raw);
    }
    if (def.type() == AttributeType.COMPLEX) {
      throw mismatch(def, "an object", raw);
    }
    return ValueCoercer.coerce(raw, def.type(), def.name());
  }

  /** A one-element array given for a single value stands for that value. */
  private static JsonNode unwrapSingleton(JsonNode raw, AttributeDefinition def) {
    if (raw == null || !raw.isArray()) {
      return raw;
    }
    if (raw.size() > 1) {
      throw mismatch(def, "a single value", raw);
    }
    return raw.isEmpty() ? null : raw.get(0);
  }

  private static JsonNode nonNull(JsonNode coerced) {
    return coerced == null ? NullNode.getInstance() : coerced;
  }

  private static void addIfAssigned(ArrayNode out, JsonNode value) {
    if (value != null) {
      out.add(value);
    }
  }

  private static ScimException mismatch(AttributeDefinition def, String expected, JsonNode got) {
    String shown = got.toString();
    if (shown.length() > 80) {
      shown = shown.substring(0, 77) + "...";
    }
    return ScimException.invalidValue(
        "attribute '" + def.name() + "' expects " + expected + ", got " + shown);
  }
}
