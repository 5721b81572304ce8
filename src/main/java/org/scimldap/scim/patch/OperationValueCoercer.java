package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.AttributeType;
import org.scimldap.scim.schema.ValueCoercer;

/**
 * Brings the {@code value} of a PATCH operation (RFC 7644 §3.5.2) into the shape its attribute
 * definition demands (RFC 7643 §2.3), accepting what identity providers really send: booleans as
 * strings in any case ({@code "False"} from Entra ID), numbers as strings, a single value where an
 * array is expected, a one-element array where a single value is expected, and a bare id for a
 * reference to another resource (a complex attribute with {@code value} and {@code $ref}, such as
 * {@code manager}, which Entra ID sends so). Sub-attribute names come out canonical; unknown
 * sub-attributes are dropped, since providers send attributes the service does not map. Anything
 * else of the wrong JSON type is {@code invalidValue} naming the attribute and the type expected: a
 * string for {@code emails}, a boolean for a string, an object for a simple attribute. Always
 * returns fresh nodes.
 *
 * <p>Each method takes {@code where}, the attribute as the client would write its path ({@code
 * emails.primary}, {@code urn:…:User:manager}), for error details.
 */
final class OperationValueCoercer {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OperationValueCoercer() {}

  /**
   * The whole value of {@code def}: an array for a multi-valued attribute (unassigned elements
   * dropped), one value otherwise; {@code null} when the result is unassigned (RFC 7643 §2.5).
   */
  static JsonNode attributeValue(JsonNode raw, AttributeDefinition def, String where) {
    if (JsonFields.isUnassigned(raw)) {
      return null;
    }
    if (!def.multiValued()) {
      return element(raw, def, where);
    }
    ArrayNode out = NODES.arrayNode();
    if (raw.isArray()) {
      raw.forEach(item -> addIfAssigned(out, element(item, def, where)));
    } else {
      addIfAssigned(out, element(raw, def, where));
    }
    return out.isEmpty() ? null : out;
  }

  /** One value of {@code def} (one element when multi-valued); {@code null} when unassigned. */
  static JsonNode element(JsonNode raw, AttributeDefinition def, String where) {
    JsonNode single = unwrapSingleton(raw, def, where);
    if (JsonFields.isUnassigned(single)) {
      return null;
    }
    if (!def.isComplex()) {
      return simple(single, def, where);
    }
    ObjectNode out = NODES.objectNode();
    subValues(single, def, where)
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
  static Map<AttributeDefinition, JsonNode> subValues(
      JsonNode raw, AttributeDefinition def, String where) {
    JsonNode single = unwrapSingleton(raw, def, where);
    Map<AttributeDefinition, JsonNode> out = new LinkedHashMap<>();
    if (single == null || single.isNull()) {
      return out;
    }
    if (!single.isObject()) {
      Optional<AttributeDefinition> id = referenceId(def);
      if (id.isEmpty() || single.isContainerNode()) {
        throw mismatch(
            where, id.isEmpty() ? "an object" : "an object or the id it refers to", single);
      }
      out.put(id.get(), simple(single, id.get(), where + "." + id.get().name()));
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = single.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      def.subAttribute(field.getKey())
          .ifPresent(
              sub -> {
                JsonNode v = field.getValue();
                String subWhere = where + "." + sub.name();
                out.put(
                    sub, v.isNull() ? NullNode.getInstance() : nonNull(element(v, sub, subWhere)));
              });
    }
    return out;
  }

  /**
   * A simple (non-complex) value of the type {@code def} declares, coerced by {@link ValueCoercer}
   * as in a POST.
   */
  static JsonNode simple(JsonNode raw, AttributeDefinition def, String where) {
    if (def.type() == AttributeType.COMPLEX) {
      throw mismatch(where, "an object", raw);
    }
    if (raw.isContainerNode()) {
      throw mismatch(where, "a single " + def.type().wireName(), raw);
    }
    return ValueCoercer.coerce(raw, def.type(), where);
  }

  /**
   * The {@code value} sub-attribute of a reference to another resource ({@code value} and {@code
   * $ref}, RFC 7643 §2.3.7), which may be given as a bare id; empty for other complex attributes.
   */
  private static Optional<AttributeDefinition> referenceId(AttributeDefinition def) {
    if (def.subAttribute("$ref").isEmpty()) {
      return Optional.empty();
    }
    return def.subAttribute("value");
  }

  /** A one-element array given for a single value stands for that value. */
  private static JsonNode unwrapSingleton(JsonNode raw, AttributeDefinition def, String where) {
    if (raw == null || !raw.isArray()) {
      return raw;
    }
    if (raw.size() > 1) {
      throw mismatch(where, "a single value", raw);
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

  private static ScimException mismatch(String where, String expected, JsonNode got) {
    String shown = got.toString();
    if (shown.length() > 80) {
      shown = shown.substring(0, 77) + "...";
    }
    return ScimException.invalidValue(
        "attribute '" + where + "' must be " + expected + ", got " + shown);
  }
}
