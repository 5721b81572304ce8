package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.schema.AttributeDefinition;

/**
 * The {@code remove} operation (RFC 7644 §3.5.2.2) on one attribute target, in place on a working
 * copy of the resource. Removing what is not there changes nothing and is not an error.
 *
 * <ul>
 *   <li>attribute: removed with all its values;
 *   <li>attribute with a {@code value} in the operation: only the listed values are removed,
 *       matched like {@code add} matches duplicates (by {@code value}). This is Entra ID's older
 *       member removal, {@code {"op":"Remove","path":"members","value":[{"value":"id"}]}}, which
 *       must never remove all members. For a single-valued attribute the value is removed only when
 *       it is the one listed;
 *   <li>{@code members[value eq "x"]}: the matching values;
 *   <li>{@code emails[type eq "work"].value} or {@code name.givenName}: that sub-attribute; a
 *       complex value left empty, without its {@code value}, or with only qualifiers such as {@code
 *       type} is removed too (RFC 7644 §3.5.2.2: "the matching records are removed").
 * </ul>
 *
 * An attribute left without values is unassigned.
 */
final class ValueRemover {
  private ValueRemover() {}

  static void remove(ObjectNode resource, PatchTarget target, Optional<JsonNode> listed) {
    AttributeDefinition attribute = target.attribute();
    if (target.filter() != null) {
      List<JsonNode> matched = matching(resource, target);
      if (target.sub() == null) {
        removeValues(resource, target, matched);
      } else {
        removeSubFrom(resource, target, matched);
      }
    } else if (target.sub() != null) {
      removeSub(resource, target);
    } else if (listed.isPresent() && !listed.get().isNull()) {
      removeListed(resource, target, listed.get());
    } else {
      unassign(resource, target);
    }
  }

  /** The values of the multi-valued attribute that match the target's filter. */
  static List<JsonNode> matching(ObjectNode resource, PatchTarget target) {
    List<JsonNode> matched = new ArrayList<>();
    JsonNode current = target.current(resource);
    if (current == null) {
      return matched;
    }
    for (JsonNode element : current.isArray() ? current : List.of(current)) {
      if (target.filter().matches(element)) {
        matched.add(element);
      }
    }
    return matched;
  }

  /** Removes these values (by identity) from the attribute. */
  static void removeValues(ObjectNode resource, PatchTarget target, List<JsonNode> values) {
    if (values.isEmpty()) {
      return;
    }
    JsonNode current = target.current(resource);
    if (current == null || !current.isArray()) {
      unassign(resource, target);
      return;
    }
    ArrayNode array = (ArrayNode) current;
    Set<JsonNode> gone = MultiValues.touchedSet();
    gone.addAll(values);
    List<JsonNode> kept = new ArrayList<>(array.size());
    array.forEach(
        element -> {
          if (!gone.contains(element)) {
            kept.add(element);
          }
        });
    array.removeAll();
    array.addAll(kept);
    if (array.isEmpty()) {
      unassign(resource, target);
    }
  }

  /** Removes the target's sub-attribute from these values, then the values left hollow. */
  static void removeSubFrom(ObjectNode resource, PatchTarget target, List<JsonNode> values) {
    List<JsonNode> hollow = new ArrayList<>();
    for (JsonNode element : values) {
      if (element.isObject() && JsonFields.remove((ObjectNode) element, target.sub().name())) {
        if (MultiValues.isHollow(element, target.attribute())) {
          hollow.add(element);
        }
      }
    }
    removeValues(resource, target, hollow);
  }

  /** Unassigns the attribute (RFC 7644 §3.5.2.2). */
  static void unassign(ObjectNode resource, PatchTarget target) {
    ObjectNode container = target.container(resource, false);
    if (container != null) {
      JsonFields.remove(container, target.attribute().name());
    }
  }

  private static void removeSub(ObjectNode resource, PatchTarget target) {
    JsonNode current = target.current(resource);
    if (current == null) {
      return;
    }
    if (current.isArray()) {
      List<JsonNode> all = new ArrayList<>();
      current.forEach(all::add);
      removeSubFrom(resource, target, all);
    } else if (current.isObject()) {
      JsonFields.remove((ObjectNode) current, target.sub().name());
      if (current.isEmpty()) {
        unassign(resource, target);
      }
    }
  }

  private static void removeListed(ObjectNode resource, PatchTarget target, JsonNode listed) {
    AttributeDefinition attribute = target.attribute();
    JsonNode current = target.current(resource);
    if (current == null) {
      return;
    }
    ValueIndex index = listedIndex(listed, target);
    List<JsonNode> unwanted = new ArrayList<>();
    for (JsonNode element : current.isArray() ? current : List.of(current)) {
      if (index.find(element).isPresent()) {
        unwanted.add(element);
      }
    }
    if (!current.isArray()) {
      if (!unwanted.isEmpty()) {
        unassign(resource, target);
      }
      return;
    }
    removeValues(resource, target, unwanted);
  }

  /** The values a remove lists, indexed to find the resource's values among them. */
  private static ValueIndex listedIndex(JsonNode listed, PatchTarget target) {
    AttributeDefinition attribute = target.attribute();
    List<JsonNode> values = new ArrayList<>();
    for (JsonNode raw : listed.isArray() ? listed : List.of(listed)) {
      JsonNode value = OperationValueCoercer.element(raw, attribute, target.attributePath());
      if (value != null) {
        values.add(value);
      }
    }
    return new ValueIndex(values, attribute);
  }
}
