package org.scimldap.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.scimldap.scim.ScimException;

/**
 * The most values one request may give one multi-valued attribute ({@code emails}, {@code
 * members}…): {@value #MAX}. Each value costs comparisons and directory look-ups, so a request over
 * the limit is refused whole with 400 {@code tooMany} (RFC 7644 §3.12) naming the attribute, before
 * anything is read or written. Values are counted as sent; an attribute's values already in the
 * directory do not count.
 */
public final class ValueLimit {
  /** The most values one request may give one attribute. */
  public static final int MAX = 1_000;

  private final Map<String, Integer> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final String where;

  /**
   * @param where how the error names the part of the request, e.g. {@code the request body}
   */
  public ValueLimit(String where) {
    this.where = where;
  }

  /** Refuses a POST or PUT body that gives an attribute more than {@link #MAX} values. */
  public static void requireWithin(JsonNode resource) {
    ValueLimit limit = new ValueLimit("The request");
    limit.countMembers(resource, true);
  }

  /** Counts {@code values} more for {@code attribute}; fails once it holds more than the limit. */
  public void count(String attribute, JsonNode values) {
    int n = values == null || values.isNull() ? 0 : values.isArray() ? values.size() : 1;
    int total = counts.merge(attribute.toLowerCase(Locale.ROOT), n, Integer::sum);
    if (total > MAX) {
      throw ScimException.tooMany(
          where
              + " gives '"
              + attribute
              + "' "
              + (total == n ? String.valueOf(n) : "more than " + MAX)
              + " values; at most "
              + MAX
              + " may be sent in one request");
    }
  }

  /**
   * Counts the arrays among the members of an object (a resource, or the value of a PATCH without a
   * path); with {@code nested}, also those of objects it holds (extension objects, {@code name}).
   */
  public void countMembers(JsonNode object, boolean nested) {
    if (object == null || !object.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value.isArray()) {
        count(field.getKey(), value);
      } else if (nested && value.isObject()) {
        countMembers(value, false);
      }
    }
  }
}
