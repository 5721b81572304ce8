package org.scimldap.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a configuration with environment values,
 * so secrets stay out of committed files. References are first masked by plain tokens ({@link
 * #mask}), the file is parsed, and the tokens in the parsed keys and values are then replaced: a
 * reference may stand anywhere (flow lists, keys), the value it brings may hold any character, and
 * it never shows up in a parse error. An unset variable without a default becomes the empty string.
 */
final class EnvInterpolator {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
  private static final Pattern TOKEN = Pattern.compile("GATEWAYENVREF([0-9]+)X");

  private EnvInterpolator() {}

  /** The text with each reference replaced by a token that YAML reads as plain text. */
  static String mask(String text, List<String> references) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      references.add(m.group());
      m.appendReplacement(out, "GATEWAYENVREF" + (references.size() - 1) + "X");
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A copy of a parsed, masked {@code node} with every key and string value interpolated. */
  static JsonNode interpolate(JsonNode node, List<String> references, Map<String, String> env) {
    if (node.isTextual()) {
      return TextNode.valueOf(interpolate(unmask(node.textValue(), references), env));
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      object
          .fields()
          .forEachRemaining(
              e ->
                  copy.set(
                      interpolate(unmask(e.getKey(), references), env),
                      interpolate(e.getValue(), references, env)));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      array.forEach(v -> copy.add(interpolate(v, references, env)));
      return copy;
    }
    return node;
  }

  private static String unmask(String text, List<String> references) {
    Matcher m = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int i = Integer.parseInt(m.group(1));
      m.appendReplacement(
          out, Matcher.quoteReplacement(i < references.size() ? references.get(i) : m.group()));
    }
    m.appendTail(out);
    return out.toString();
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
