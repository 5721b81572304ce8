package org.scimldap.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in the string values of a parsed
 * configuration with environment values, so secrets stay out of committed files. It works on
 * values, not on the file's text, so a value can hold any character and never shows up in a parse
 * error. An unset variable without a default becomes the empty string.
 */
final class EnvInterpolator {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private EnvInterpolator() {}

  /** A copy of {@code node} with every string value interpolated. */
  static JsonNode interpolate(JsonNode node, Map<String, String> env) {
    if (node.isTextual()) {
      return TextNode.valueOf(interpolate(node.textValue(), env));
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      object.fields().forEachRemaining(e -> copy.set(e.getKey(), interpolate(e.getValue(), env)));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      array.forEach(v -> copy.add(interpolate(v, env)));
      return copy;
    }
    return node;
  }

  static String interpolate(String text, Map<String, String> env) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      if (value == null || value.isEmpty()) {
        value = m.group(2) == null ? "" : m.group(2);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
