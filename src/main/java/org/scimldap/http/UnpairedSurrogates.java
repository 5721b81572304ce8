package org.scimldap.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.scimldap.scim.ScimException;

/**
 * Finds strings that hold half of a UTF-16 surrogate pair, which JSON lets a client write as an
 * escape ({@code "\ud800"}) although it is no Unicode character (RFC 8259 §8.2: such a string is
 * not interoperable). Stored, it would become {@code ?} in the directory; the request is refused
 * instead, saying where. (A surrogate written raw, as UTF-8 bytes, is already invalid UTF-8 to the
 * JSON parser.)
 */
final class UnpairedSurrogates {
  private UnpairedSurrogates() {}

  /**
   * Refuses {@code tree}, parsed from {@code body}, when a member name or string value in it holds
   * an unpaired surrogate.
   *
   * @throws ScimException 400 invalidSyntax naming the line and column of the string
   */
  static void reject(JsonNode tree, byte[] body, ObjectMapper mapper) {
    if (!holdsOne(tree)) {
      return;
    }
    try (JsonParser parser = mapper.createParser(body)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING) {
          int at = indexIn(parser.getText());
          if (at >= 0) {
            throw refused(parser.currentTokenLocation(), parser.getText().charAt(at));
          }
        }
      }
    } catch (IOException e) {
      throw ScimException.invalidSyntax("The request body could not be read as JSON");
    }
    throw ScimException.invalidSyntax("The request body holds an unpaired UTF-16 surrogate");
  }

  private static boolean holdsOne(JsonNode node) {
    if (node.isTextual()) {
      return indexIn(node.textValue()) >= 0;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (indexIn(field.getKey()) >= 0 || holdsOne(field.getValue())) {
          return true;
        }
      }
      return false;
    }
    for (JsonNode element : node) {
      if (holdsOne(element)) {
        return true;
      }
    }
    return false;
  }

  /** The index of the first surrogate in {@code text} that is not part of a pair, or -1. */
  static int indexIn(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static ScimException refused(JsonLocation at, char surrogate) {
    return ScimException.invalidSyntax(
        String.format(
            Locale.ROOT,
            "The request body is not valid JSON at line %d, column %d: the string there holds"
                + " \\u%04x, half of a UTF-16 surrogate pair without its other half, which is no"
                + " character",
            at.getLineNr(),
            at.getColumnNr(),
            (int) surrogate));
  }
}
