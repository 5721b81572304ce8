package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.Mutability;

/**
 * Rules for values of multi-valued attributes and for sub-attributes of complex values.
 *
 * <ul>
 *   <li>Two values are the same value when their {@code value} sub-attributes are equal, or, for
 *       complex attributes without {@code value}, when all sub-attributes are equal; strings
 *       compare ignoring case unless the definition is {@code caseExact} (RFC 7643 §2.2). An {@code
 *       add} of a value already present merges into it instead of duplicating it (RFC 7644
 *       §3.5.2.1: "no changes SHOULD be made").
 *   <li>{@code primary} is true on at most one value (RFC 7643 §2.4): when an operation makes a
 *       value primary, the others lose it.
 *   <li>An immutable sub-attribute that has a value cannot get another one (RFC 7644 §3.5.2).
 * </ul>
 */
final class MultiValues {
  private static final Set<String> QUALIFIERS = Set.of("type", "primary", "display");

  private MultiValues() {}

  /** A set of nodes by identity: the values one operation wrote. */
  static Set<JsonNode> touchedSet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /** True when two values of {@code def} are the same value. */
  static boolean sameValue(JsonNode a, JsonNode b, AttributeDefinition def) {
    if (!def.isComplex() || !a.isObject() || !b.isObject()) {
      return sameSimple(a, b, def);
    }
    AttributeDefinition valueSub = def.subAttribute("value").orElse(null);
    if (valueSub != null) {
      JsonNode va = JsonFields.get((ObjectNode) a, valueSub.name());
      JsonNode vb = JsonFields.get((ObjectNode) b, valueSub.name());
      if (va != null || vb != null) {
        return va != null && vb != null && sameSimple(va, vb, valueSub);
      }
    }
    return sameSubAttributes((ObjectNode) a, (ObjectNode) b, def);
  }

  /** Equality of two simple values under the case rules of {@code def}. */
  static boolean sameSimple(JsonNode a, JsonNode b, AttributeDefinition def) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isTextual() && b.isTextual()) {
      return def.caseExact()
          ? a.asText().equals(b.asText())
          : a.asText().equalsIgnoreCase(b.asText());
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  /**
   * Adds {@code value} to {@code values}, or merges it into the same value already there; records
   * the value written in {@code touched}.
   */
  static void appendMerging(
      ArrayNode values, JsonNode value, AttributeDefinition def, Set<JsonNode> touched) {
    appendMerging(values, new ValueIndex(values, def), value, def, touched);
  }

  /**
   * As {@link #appendMerging(ArrayNode, JsonNode, AttributeDefinition, Set)}, with {@code index}
   * holding the values of {@code values}; a value appended is added to it.
   */
  static void appendMerging(
      ArrayNode values,
      ValueIndex index,
      JsonNode value,
      AttributeDefinition def,
      Set<JsonNode> touched) {
    Optional<JsonNode> same = index.find(value);
    if (same.isPresent()) {
      JsonNode existing = same.get();
      if (existing.isObject() && value.isObject()) {
        mergeInto((ObjectNode) existing, (ObjectNode) value, def);
      }
      touched.add(existing);
      return;
    }
    values.add(value);
    index.add(value);
    touched.add(value);
  }

  /**
   * Copies the sub-attributes of {@code incoming} onto the same value {@code existing}. Its {@code
   * value} and immutable sub-attributes that already have a value are kept: adding a value that is
   * already there is not an attempt to change it (a group member re-added with a differently
   * written {@code $ref} stays as it is).
   */
  static void mergeInto(ObjectNode existing, ObjectNode incoming, AttributeDefinition def) {
    Iterator<Map.Entry<String, JsonNode>> fields = incoming.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      AttributeDefinition sub = def.subAttribute(field.getKey()).orElse(null);
      if (sub == null || sub.name().equals("value")) {
        continue;
      }
      boolean fixed =
          sub.mutability() == Mutability.IMMUTABLE
              && !JsonFields.isUnassigned(JsonFields.get(existing, sub.name()));
      if (!fixed) {
        setSub(existing, sub, field.getValue());
      }
    }
  }

  /** Sets every sub-attribute of {@code incoming} on {@code element}, {@code value} included. */
  static void setAll(ObjectNode element, ObjectNode incoming, AttributeDefinition def) {
    Iterator<Map.Entry<String, JsonNode>> fields = incoming.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      def.subAttribute(field.getKey()).ifPresent(sub -> setSub(element, sub, field.getValue()));
    }
  }

  /**
   * Sets one sub-attribute of a complex value; an immutable sub-attribute that already holds a
   * different value is a {@code mutability} error.
   */
  static void setSub(ObjectNode element, AttributeDefinition sub, JsonNode value) {
    JsonNode old = JsonFields.get(element, sub.name());
    if (sub.mutability() == Mutability.IMMUTABLE && !JsonFields.isUnassigned(old)) {
      if (sameSimple(old, value, sub)) {
        return;
      }
      throw ScimException.mutability(
          "sub-attribute '" + sub.name() + "' is immutable and already has a value");
    }
    if (value.equals(old)) {
      return;
    }
    JsonFields.put(element, sub.name(), value.deepCopy());
  }

  /** A whole-value replacement may not drop or change an immutable sub-attribute. */
  static void checkReplaceable(ObjectNode old, ObjectNode replacement, AttributeDefinition def) {
    for (AttributeDefinition sub : def.subAttributes()) {
      JsonNode before = JsonFields.get(old, sub.name());
      if (sub.mutability() == Mutability.IMMUTABLE
          && !JsonFields.isUnassigned(before)
          && !sameSimple(before, JsonFields.get(replacement, sub.name()), sub)) {
        throw ScimException.mutability(
            "sub-attribute '" + sub.name() + "' is immutable and already has a value");
      }
    }
  }

  /**
   * True for a complex value that no longer means anything after a sub-attribute was removed: it is
   * empty, it lost its {@code value}, or (without a {@code value} sub-attribute in the schema) only
   * qualifiers such as {@code type} and {@code primary} are left.
   */
  static boolean isHollow(JsonNode element, AttributeDefinition def) {
    if (!element.isObject() || JsonFields.isUnassigned(element)) {
      return JsonFields.isUnassigned(element);
    }
    ObjectNode object = (ObjectNode) element;
    if (def.subAttribute("value").isPresent()) {
      return JsonFields.isUnassigned(JsonFields.get(object, "value"));
    }
    Iterator<String> keys = object.fieldNames();
    while (keys.hasNext()) {
      if (!QUALIFIERS.contains(keys.next().toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Keeps {@code primary: true} on at most one value: the last value this operation wrote with
   * {@code primary: true}; other values that were primary become {@code false} (RFC 7643 §2.4).
   */
  static void normalizePrimary(ArrayNode values, Set<JsonNode> touched, AttributeDefinition def) {
    AttributeDefinition primary = def.subAttribute("primary").orElse(null);
    if (primary == null) {
      return;
    }
    JsonNode chosen = null;
    for (JsonNode value : values) {
      if (touched.contains(value) && isPrimary(value, primary)) {
        chosen = value;
      }
    }
    if (chosen == null) {
      return;
    }
    for (JsonNode value : values) {
      if (value != chosen && isPrimary(value, primary)) {
        JsonFields.put((ObjectNode) value, primary.name(), BooleanNode.FALSE);
      }
    }
  }

  private static boolean isPrimary(JsonNode value, AttributeDefinition primary) {
    if (!value.isObject()) {
      return false;
    }
    JsonNode flag = JsonFields.get((ObjectNode) value, primary.name());
    return flag != null && flag.asBoolean(false) && flag.isBoolean();
  }

  private static boolean sameSubAttributes(ObjectNode a, ObjectNode b, AttributeDefinition def) {
    if (a.size() != b.size()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode other = JsonFields.get(b, field.getKey());
      AttributeDefinition sub = def.subAttribute(field.getKey()).orElse(null);
      boolean same =
          sub == null ? field.getValue().equals(other) : sameSimple(field.getValue(), other, sub);
      if (!same) {
        return false;
      }
    }
    return true;
  }
}
