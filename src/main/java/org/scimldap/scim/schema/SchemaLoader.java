package org.scimldap.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads and writes schemas in the wire format of RFC 7643 §7, the representation a {@code /Schemas}
 * endpoint returns (RFC 7644 §4). Characteristics that a definition leaves out take the defaults of
 * RFC 7643 §2.2: not multi-valued, not required, not case-exact, {@code readWrite}, returned {@code
 * default}, uniqueness {@code none}, type {@code string}.
 *
 * <p>{@link #toJson} always writes every characteristic (and {@code canonicalValues}, {@code
 * referenceTypes} and {@code description} only when they are not empty), so {@code
 * toJson(fromJson(doc))} equals {@code doc} for any document written in that complete form.
 * Top-level {@code schemas} and {@code meta} members of a {@code /Schemas} response are ignored.
 */
public final class SchemaLoader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SchemaLoader() {}

  /**
   * Parses one schema resource.
   *
   * @throws IllegalArgumentException when the document is not a valid schema; the message names the
   *     offending member, e.g. {@code attributes[3].subAttributes[0].type}
   */
  public static ScimSchema fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("a schema must be a JSON object");
    }
    String id = requiredText(json, "id", "schema");
    String where = "schema " + id;
    return new ScimSchema(
        id,
        optionalText(json, "name", where),
        optionalText(json, "description", where),
        attributes(json.get("attributes"), where + ": attributes"));
  }

  /** Writes a schema in the RFC 7643 §7 wire format. */
  public static ObjectNode toJson(ScimSchema schema) {
    ObjectNode out = NODES.objectNode();
    out.put("id", schema.id());
    putIfNotEmpty(out, "name", schema.name());
    putIfNotEmpty(out, "description", schema.description());
    out.set("attributes", attributesJson(schema.attributes()));
    return out;
  }

  private static List<AttributeDefinition> attributes(JsonNode array, String where) {
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException(where + " must be an array");
    }
    List<AttributeDefinition> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(attribute(array.get(i), where + "[" + i + "]"));
    }
    return out;
  }

  private static AttributeDefinition attribute(JsonNode json, String where) {
    if (!json.isObject()) {
      throw new IllegalArgumentException(where + " must be an object");
    }
    String name = requiredText(json, "name", where);
    AttributeType type = enumValue(json, "type", where, AttributeType::fromWireName);
    List<AttributeDefinition> subs =
        attributes(json.get("subAttributes"), where + ".subAttributes");
    if (type != AttributeType.COMPLEX && !subs.isEmpty()) {
      throw new IllegalArgumentException(where + ": only complex attributes have subAttributes");
    }
    return new AttributeDefinition(
        name,
        type == null ? AttributeType.STRING : type,
        bool(json, "multiValued", where),
        optionalText(json, "description", where),
        bool(json, "required", where),
        bool(json, "caseExact", where),
        orDefault(
            enumValue(json, "mutability", where, Mutability::fromWireName), Mutability.READ_WRITE),
        orDefault(enumValue(json, "returned", where, Returned::fromWireName), Returned.DEFAULT),
        orDefault(enumValue(json, "uniqueness", where, Uniqueness::fromWireName), Uniqueness.NONE),
        texts(json, "canonicalValues", where),
        texts(json, "referenceTypes", where),
        subs);
  }

  private static ArrayNode attributesJson(List<AttributeDefinition> attributes) {
    ArrayNode array = NODES.arrayNode();
    for (AttributeDefinition a : attributes) {
      ObjectNode out = array.addObject();
      out.put("name", a.name());
      out.put("type", a.type().wireName());
      out.put("multiValued", a.multiValued());
      putIfNotEmpty(out, "description", a.description());
      out.put("required", a.required());
      out.put("caseExact", a.caseExact());
      putIfNotEmpty(out, "canonicalValues", a.canonicalValues());
      out.put("mutability", a.mutability().wireName());
      out.put("returned", a.returned().wireName());
      out.put("uniqueness", a.uniqueness().wireName());
      putIfNotEmpty(out, "referenceTypes", a.referenceTypes());
      if (a.isComplex()) {
        out.set("subAttributes", attributesJson(a.subAttributes()));
      }
    }
    return array;
  }

  private static String requiredText(JsonNode json, String member, String where) {
    String value = optionalText(json, member, where);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(where + ": '" + member + "' is required");
    }
    return value;
  }

  private static String optionalText(JsonNode json, String member, String where) {
    JsonNode value = json.get(member);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(where + ": '" + member + "' must be a string");
    }
    return value.textValue();
  }

  private static boolean bool(JsonNode json, String member, String where) {
    JsonNode value = json.get(member);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(where + ": '" + member + "' must be a boolean");
    }
    return value.booleanValue();
  }

  private static <E> E enumValue(
      JsonNode json, String member, String where, Function<String, E> fromWireName) {
    String text = optionalText(json, member, where);
    if (text.isEmpty()) {
      return null;
    }
    try {
      return fromWireName.apply(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static <E> E orDefault(E value, E fallback) {
    return value == null ? fallback : value;
  }

  private static List<String> texts(JsonNode json, String member, String where) {
    JsonNode value = json.get(member);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException(where + ": '" + member + "' must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException(where + ": '" + member + "' must hold only strings");
      }
      out.add(item.textValue());
    }
    return out;
  }

  private static void putIfNotEmpty(ObjectNode out, String member, String value) {
    if (value != null && !value.isEmpty()) {
      out.put(member, value);
    }
  }

  private static void putIfNotEmpty(ObjectNode out, String member, List<String> values) {
    if (!values.isEmpty()) {
      values.forEach(out.putArray(member)::add);
    }
  }
}
