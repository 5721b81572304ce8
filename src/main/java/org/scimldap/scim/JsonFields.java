package org.scimldap.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Case-insensitive access to the members of a JSON object. SCIM attribute names are
 * case-insensitive (RFC 7643 §2.1), so a resource may hold {@code UserName} where the schema says
 * {@code userName}; writes replace every spelling by the canonical name.
 */
public final class JsonFields {
  private JsonFields() {}

  /** The key actually used in {@code object} for {@code name}, ignoring case. */
  public static Optional<String> findKey(ObjectNode object, String name) {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (key.equalsIgnoreCase(name)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /** The member named {@code name} in any case; {@code null} when absent or not an object. */
  public static JsonNode field(JsonNode node, String name) {
    return node instanceof ObjectNode object ? get(object, name) : null;
  }

  /** The member named {@code name} in any case, or {@code null} when absent. */
  public static JsonNode get(ObjectNode object, String name) {
    return findKey(object, name).map(object::get).orElse(null);
  }

  /** Sets {@code canonical} to {@code value}, dropping other spellings of the same name. */
  public static void put(ObjectNode object, String canonical, JsonNode value) {
    for (String key : keysIgnoringCase(object, canonical)) {
      if (!key.equals(canonical)) {
        object.remove(key);
      }
    }
    object.set(canonical, value);
  }

  /** Removes every spelling of {@code name}; true when something was removed. */
  public static boolean remove(ObjectNode object, String name) {
    List<String> keys = keysIgnoringCase(object, name);
    keys.forEach(object::remove);
    return !keys.isEmpty();
  }

  /**
   * True for the states RFC 7643 §2.5 treats as "unassigned": absent, {@code null}, an empty array;
   * an empty object counts too, as a complex value without sub-attributes.
   */
  public static boolean isUnassigned(JsonNode node) {
    return node == null
        || node.isNull()
        || node.isMissingNode()
        || (node.isContainerNode() && node.isEmpty());
  }

  /** Every key of {@code object} that spells {@code name}, in any case. */
  public static List<String> keysIgnoringCase(ObjectNode object, String name) {
    List<String> keys = new ArrayList<>();
    object
        .fieldNames()
        .forEachRemaining(
            k -> {
              if (k.equalsIgnoreCase(name)) {
                keys.add(k);
              }
            });
    return keys;
  }
}
