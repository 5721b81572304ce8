package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.schema.AttributeDefinition;

/**
 * The {@code add} (RFC 7644 §3.5.2.1) and {@code replace} (§3.5.2.3) of one value at one attribute
 * target, in place on a working copy of the resource. They differ only where the RFC says so:
 *
 * <ul>
 *   <li>multi-valued attribute without filter: {@code add} appends (merging values already
 *       present), {@code replace} replaces all values;
 *   <li>filter with no sub-attribute: {@code add} merges the value into each matching value, {@code
 *       replace} replaces each matching value;
 *   <li>an unassigned value ({@code null}, {@code []}, RFC 7643 §2.5): {@code add} does nothing,
 *       {@code replace} unassigns the target.
 * </ul>
 *
 * Single-valued attributes are set by both; a complex single-valued attribute gets the given
 * sub-attributes and keeps the others (§3.5.2.3), except that a new {@code value} replaces a
 * reference such as {@code manager} whole. When a value filter matches nothing, RFC 7644 §3.5.2.3
 * answers {@code noTarget} for {@code replace}; Entra ID however sends {@code emails[type eq
 * "work"].value} and {@code addresses[type eq "work"].formatted} for values that do not exist yet,
 * so both ops create the value when the filter is a conjunction of {@code eq} comparisons (seeding
 * it with those), and answer {@code noTarget} otherwise.
 */
final class AttributeWriter {
  private AttributeWriter() {}

  static void write(ObjectNode resource, PatchTarget target, JsonNode raw, boolean replace) {
    AttributeDefinition attribute = target.attribute();
    if (target.filter() != null) {
      if (target.sub() != null) {
        writeFilteredSub(resource, target, raw, replace);
      } else {
        writeFilteredValue(resource, target, raw, replace);
      }
    } else if (target.sub() != null) {
      if (attribute.multiValued()) {
        writeSubOfAll(resource, target, raw, replace);
      } else {
        writeSubOfComplex(resource, target, raw, replace);
      }
    } else if (attribute.multiValued()) {
      writeMultiValued(resource, target, raw, replace);
    } else if (attribute.isComplex()) {
      writeComplex(resource, target, raw, replace);
    } else {
      writeSimple(resource, target, raw, replace);
    }
  }

  private static void writeSimple(
      ObjectNode resource, PatchTarget target, JsonNode raw, boolean replace) {
    JsonNode value =
        OperationValueCoercer.attributeValue(raw, target.attribute(), target.attributePath());
    if (value == null) {
      unassignIf(replace, resource, target);
      return;
    }
    ObjectNode container = target.container(resource, true);
    if (!value.equals(JsonFields.get(container, target.attribute().name()))) {
      JsonFields.put(container, target.attribute().name(), value);
    }
  }

  private static void writeComplex(
      ObjectNode resource, PatchTarget target, JsonNode raw, boolean replace) {
    if (JsonFields.isUnassigned(raw)) {
      unassignIf(replace, resource, target);
      return;
    }
    Map<AttributeDefinition, JsonNode> subs =
        OperationValueCoercer.subValues(raw, target.attribute(), target.attributePath());
    ObjectNode complex = complexValue(resource, target);
    if (pointsElsewhere(complex, subs)) {
      complex.removeAll();
    }
    for (Map.Entry<AttributeDefinition, JsonNode> sub : subs.entrySet()) {
      if (!sub.getValue().isNull()) {
        MultiValues.setSub(complex, sub.getKey(), sub.getValue());
      } else if (replace) {
        JsonFields.remove(complex, sub.getKey().name());
      }
    }
    dropIfEmpty(resource, target, complex);
  }

  /**
   * True when a new {@code value} is given for a complex value that refers to something (such as
   * {@code manager}): its other sub-attributes ({@code $ref}, {@code displayName}) describe the old
   * referent, so the value is replaced whole. RFC 7644 §3.5.2.3 would keep them ("sub-attributes
   * that are not specified ... are left unchanged"), which would pair a new manager id with the
   * previous manager's name.
   */
  private static boolean pointsElsewhere(
      ObjectNode complex, Map<AttributeDefinition, JsonNode> subs) {
    for (Map.Entry<AttributeDefinition, JsonNode> sub : subs.entrySet()) {
      if (sub.getKey().name().equals("value") && !sub.getValue().isNull()) {
        JsonNode old = JsonFields.get(complex, "value");
        return old != null && !MultiValues.sameSimple(old, sub.getValue(), sub.getKey());
      }
    }
    return false;
  }

  private static void writeSubOfComplex(
      ObjectNode resource, PatchTarget target, JsonNode raw, boolean replace) {
    JsonNode value = OperationValueCoercer.attributeValue(raw, target.sub(), target.subPath());
    if (value == null && !replace) {
      return;
    }
    ObjectNode complex = complexValue(resource, target);
    if (value != null && pointsElsewhere(complex, Map.of(target.sub(), value))) {
      complex.removeAll();
    }
    if (value == null) {
      JsonFields.remove(complex, target.sub().name());
    } else {
      MultiValues.setSub(complex, target.sub(), value);
    }
    dropIfEmpty(resource, target, complex);
  }

  private static void writeMultiValued(
      ObjectNode resource, PatchTarget target, JsonNode raw, boolean replace) {
    AttributeDefinition attribute = target.attribute();
    JsonNode incoming =
        OperationValueCoercer.attributeValue(raw, attribute, target.attributePath());
    if (incoming == null) {
      unassignIf(replace, resource, target);
      return;
    }
    ArrayNode values = replace ? resource.arrayNode() : existingValues(resource, target);
    Set<JsonNode> touched = MultiValues.touchedSet();
    ValueIndex index = new ValueIndex(values, attribute);
    incoming.forEach(v -> MultiValues.appendMerging(values, index, v, attribute, touched));
    MultiValues.normalizePrimary(values, touched, attribute);
    storeValues(resource, target, values);
  }

  /** {@code emails.type} without a filter: the sub-attribute of every value (RFC 7644 §3.5.2.3). */
  private static void writeSubOfAll(
      ObjectNode resource, PatchTarget target, JsonNode raw, boolean replace) {
    JsonNode value = OperationValueCoercer.attributeValue(raw, target.sub(), target.subPath());
    if (value == null) {
      if (replace) {
        ValueRemover.removeSubFrom(resource, target, allValues(resource, target));
      }
      return;
    }
    ArrayNode values = existingValues(resource, target);
    if (values.isEmpty()) {
      values.add(resource.objectNode());
    }
    Set<JsonNode> touched = MultiValues.touchedSet();
    for (JsonNode element : values) {
      MultiValues.setSub(complexElement(element, target), target.sub(), value);
      touched.add(element);
    }
    MultiValues.normalizePrimary(values, touched, target.attribute());
    storeValues(resource, target, values);
  }

  /** {@code emails[type eq "work"].value}: the sub-attribute of every matching value. */
  private static void writeFilteredSub(
      ObjectNode resource, PatchTarget target, JsonNode raw, boolean replace) {
    JsonNode value = OperationValueCoercer.attributeValue(raw, target.sub(), target.subPath());
    List<JsonNode> matched = ValueRemover.matching(resource, target);
    if (value == null) {
      if (replace) {
        ValueRemover.removeSubFrom(resource, target, matched);
      }
      return;
    }
    ArrayNode values = existingValues(resource, target);
    Set<JsonNode> touched = MultiValues.touchedSet();
    if (matched.isEmpty()) {
      ObjectNode created = seed(target);
      MultiValues.setSub(created, target.sub(), value);
      MultiValues.appendMerging(values, created, target.attribute(), touched);
    }
    for (JsonNode element : matched) {
      MultiValues.setSub(complexElement(element, target), target.sub(), value);
      touched.add(element);
    }
    MultiValues.normalizePrimary(values, touched, target.attribute());
    storeValues(resource, target, values);
  }

  /** {@code emails[type eq "work"]} with a whole value: merged ({@code add}) or replaced. */
  private static void writeFilteredValue(
      ObjectNode resource, PatchTarget target, JsonNode raw, boolean replace) {
    AttributeDefinition attribute = target.attribute();
    JsonNode value = OperationValueCoercer.element(raw, attribute, target.attributePath());
    List<JsonNode> matched = ValueRemover.matching(resource, target);
    if (value == null) {
      if (replace) {
        ValueRemover.removeValues(resource, target, matched);
      }
      return;
    }
    ArrayNode values = existingValues(resource, target);
    Set<JsonNode> touched = MultiValues.touchedSet();
    if (matched.isEmpty()) {
      JsonNode created = value;
      if (attribute.isComplex()) {
        ObjectNode seeded = seed(target);
        MultiValues.setAll(seeded, (ObjectNode) value, attribute);
        created = seeded;
      }
      MultiValues.appendMerging(values, created, attribute, touched);
    }
    ArrayNode rebuilt = resource.arrayNode();
    ValueIndex index = new ValueIndex(rebuilt, attribute);
    Set<JsonNode> matchedSet = MultiValues.touchedSet();
    matchedSet.addAll(matched);
    for (JsonNode element : values) {
      if (!matchedSet.contains(element)) {
        rebuilt.add(element);
        index.add(element);
        continue;
      }
      JsonNode next = mergedOrReplaced(element, value, attribute, replace);
      MultiValues.appendMerging(rebuilt, index, next, attribute, touched);
    }
    MultiValues.normalizePrimary(rebuilt, touched, attribute);
    storeValues(resource, target, rebuilt);
  }

  private static JsonNode mergedOrReplaced(
      JsonNode element, JsonNode value, AttributeDefinition attribute, boolean replace) {
    if (!attribute.isComplex() || !element.isObject()) {
      return value.deepCopy();
    }
    ObjectNode old = (ObjectNode) element;
    if (replace) {
      MultiValues.checkReplaceable(old, (ObjectNode) value, attribute);
      return value.deepCopy();
    }
    MultiValues.setAll(old, (ObjectNode) value, attribute);
    return old;
  }

  private static ObjectNode seed(PatchTarget target) {
    return target
        .filter()
        .seed()
        .orElseThrow(
            () ->
                ScimException.noTarget(
                    "no value of '"
                        + target.attribute().name()
                        + "' matches the filter, and only a filter of 'eq' comparisons joined"
                        + " by 'and' can describe a value to create"));
  }

  private static ObjectNode complexElement(JsonNode element, PatchTarget target) {
    if (!element.isObject()) {
      throw ScimException.invalidValue(
          "a value of '" + target.attribute().name() + "' in the resource is not an object");
    }
    return (ObjectNode) element;
  }

  private static ObjectNode complexValue(ObjectNode resource, PatchTarget target) {
    JsonNode existing = target.current(resource);
    if (existing != null && existing.isObject()) {
      return (ObjectNode) existing;
    }
    ObjectNode created = resource.objectNode();
    JsonFields.put(target.container(resource, true), target.attribute().name(), created);
    return created;
  }

  private static void dropIfEmpty(ObjectNode resource, PatchTarget target, ObjectNode complex) {
    if (complex.isEmpty()) {
      ValueRemover.unassign(resource, target);
    }
  }

  /** The values array of the attribute (a copy when it must be created or wrapped). */
  static ArrayNode existingValues(ObjectNode resource, PatchTarget target) {
    JsonNode current = target.current(resource);
    if (current != null && current.isArray()) {
      return (ArrayNode) current;
    }
    ArrayNode values = resource.arrayNode();
    if (!JsonFields.isUnassigned(current)) {
      values.add(current);
    }
    return values;
  }

  private static List<JsonNode> allValues(ObjectNode resource, PatchTarget target) {
    List<JsonNode> all = new ArrayList<>();
    existingValues(resource, target).forEach(all::add);
    return all;
  }

  private static void storeValues(ObjectNode resource, PatchTarget target, ArrayNode values) {
    if (values.isEmpty()) {
      ValueRemover.unassign(resource, target);
    } else if (values != target.current(resource)) {
      JsonFields.put(target.container(resource, true), target.attribute().name(), values);
    }
  }

  private static void unassignIf(boolean replace, ObjectNode resource, PatchTarget target) {
    if (replace) {
      ValueRemover.unassign(resource, target);
    }
  }
}
