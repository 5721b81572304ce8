package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.schema.AttributeDefinition;

/**
 * The values of one multi-valued attribute, found by hash: each value is filed under a key that
 * values the same by {@link MultiValues#sameValue} share (their {@code value}, case-folded unless
 * {@code caseExact}), and only values under the same key are compared. Finding a value costs about
 * the same however many values there are, so de-duplicating {@code n} values costs about {@code n}
 * comparisons, not {@code n²}.
 */
final class ValueIndex {
  private final AttributeDefinition def;
  private final Map<String, List<JsonNode>> byKey = new HashMap<>();

  /** An index of {@code values} of {@code def}. */
  ValueIndex(Iterable<JsonNode> values, AttributeDefinition def) {
    this.def = def;
    values.forEach(this::add);
  }

  /** Files {@code value} (by identity: a later change to it must not change its key). */
  void add(JsonNode value) {
    byKey.computeIfAbsent(key(value), k -> new ArrayList<>(1)).add(value);
  }

  /** The value filed here that is the same value as {@code value}, if any. */
  Optional<JsonNode> find(JsonNode value) {
    List<JsonNode> candidates = byKey.get(key(value));
    if (candidates != null) {
      for (JsonNode candidate : candidates) {
        if (MultiValues.sameValue(candidate, value, def)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** A key that two values that are the same value always share. */
  private String key(JsonNode value) {
    if (!def.isComplex() || value == null || !value.isObject()) {
      return simpleKey(value, def);
    }
    Optional<AttributeDefinition> valueSub = def.subAttribute("value");
    if (valueSub.isPresent()) {
      JsonNode v = JsonFields.get((ObjectNode) value, valueSub.get().name());
      if (v != null) {
        return "v" + simpleKey(v, valueSub.get());
      }
    }
    // Compared sub-attribute by sub-attribute, and merging may add sub-attributes: one bucket.
    return "c";
  }

  /** Keys equal for values {@link MultiValues#sameSimple} finds equal. */
  private static String simpleKey(JsonNode value, AttributeDefinition def) {
    if (value == null) {
      return "-";
    }
    if (value.isTextual()) {
      return "s" + (def.caseExact() ? value.asText() : folded(value.asText()));
    }
    if (value.isNumber()) {
      return "n" + value.decimalValue().stripTrailingZeros().toPlainString();
    }
    return "o" + value.hashCode();
  }

  /**
   * Text as {@link String#equalsIgnoreCase} compares it: each character upper-cased, then
   * lower-cased.
   */
  private static String folded(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(cp -> out.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
    return out.toString();
  }
}
