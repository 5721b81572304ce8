package org.scimldap.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the checks read of a JSON object answer: its top-level scalar members as text, the length of
 * each top-level array, and the scalar members of each array's first object. The whole answer is
 * read token by token, so malformed JSON still fails, but no tree is built: on a machine whose
 * cores the bench shares with the gateway, building one per answer would be charged to the gateway.
 */
final class ShallowJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Map<String, String> scalars = new HashMap<>();
  private final Map<String, Integer> lengths = new HashMap<>();
  private final Map<String, Map<String, String>> firsts = new HashMap<>();

  private ShallowJson() {}

  /** Reads {@code body}, a JSON object (an empty body reads as an empty object). */
  static ShallowJson parse(String body) throws IOException {
    ShallowJson out = new ShallowJson();
    if (body.isEmpty()) {
      return out;
    }
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("the answer is not a JSON object");
      }
      out.scalars.putAll(members(p, out));
      if (p.nextToken() != null) {
        throw new IOException("the answer goes on after its JSON object");
      }
    }
    return out;
  }

  /**
   * The scalar members of the object whose start {@code p} has just read, up to its end; arrays are
   * counted into {@code top} when it is not null (the top-level object), other values skipped.
   */
  private static Map<String, String> members(JsonParser p, ShallowJson top) throws IOException {
    Map<String, String> found = new HashMap<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.START_ARRAY && top != null) {
        int n = 0;
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          if (n == 0 && e == JsonToken.START_OBJECT) {
            top.firsts.put(name, members(p, null));
          } else {
            p.skipChildren();
          }
          n++;
        }
        top.lengths.put(name, n);
      } else if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
        p.skipChildren();
      } else {
        found.put(name, p.getText());
      }
    }
    return found;
  }

  /** The text of top-level member {@code name}; null when it is missing or not a scalar. */
  String text(String name) {
    return scalars.get(name);
  }

  /** Top-level member {@code name} as a number; -1 when it is missing. */
  int number(String name) {
    String text = scalars.get(name);
    return text == null ? -1 : Integer.parseInt(text);
  }

  /** How many elements top-level array {@code name} has; 0 when it is missing. */
  int length(String name) {
    return lengths.getOrDefault(name, 0);
  }

  /** Member {@code member} of the first element of top-level array {@code array}; may be null. */
  String first(String array, String member) {
    return firsts.getOrDefault(array, Map.of()).get(member);
  }
}
