package org.scimldap.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scimldap.testsupport.GatewayUnderTest;

/**
 * One request of {@code golden/exchanges.json}, as written there: {@code ${name}} placeholders
 * still in place, to be filled from the answers of earlier requests.
 *
 * <p>Fields: {@code name} (unique), {@code method}, {@code path} (below {@code /scim/v2}, query
 * included; characters a URI cannot hold, such as spaces, quotes and brackets, are percent-encoded
 * when the request is sent, while {@code %} is sent as written, so {@code %26} is a literal {@code
 * &} and {@code %zz} a bad escape), optional {@code headers}, {@code body} (JSON) or {@code
 * rawBody} (text sent as it is), {@code token} (absent: the test token; {@code null}: no {@code
 * Authorization} header; a string: that bearer token), and {@code save}: variables taken from the
 * answer, each by a JSON pointer ({@code /meta/version}), a top-level field name ({@code id}) or a
 * header ({@code header:ETag}).
 */
record GoldenRequest(
    String name,
    String method,
    String path,
    Map<String, String> headers,
    Optional<JsonNode> body,
    Optional<String> rawBody,
    Optional<String> bearer,
    Map<String, String> save) {

  private static final Set<String> FIELDS =
      Set.of("name", "method", "path", "headers", "body", "rawBody", "token", "save");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
  private static final String URI_SAFE =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?@!$&'()*+,;=%";

  /** Headers and variables keep the order they are written in. */
  GoldenRequest {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    save = Collections.unmodifiableMap(new LinkedHashMap<>(save));
  }

  /** The requests of an exchanges document ({@code {"exchanges": [...]}}), checked. */
  static List<GoldenRequest> parseAll(JsonNode document) {
    JsonNode list = document.path("exchanges");
    if (!list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException("exchanges.json needs a non-empty 'exchanges' array");
    }
    List<GoldenRequest> requests = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode node : list) {
      GoldenRequest r = parse(node, requests.size());
      if (!names.add(r.name())) {
        throw new IllegalArgumentException("exchange name used twice: " + r.name());
      }
      requests.add(r);
    }
    return List.copyOf(requests);
  }

  private static GoldenRequest parse(JsonNode node, int index) {
    String where = "exchange #" + index + " " + node.path("name");
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(where + ": unknown field '" + field + "'");
      }
    }
    if (!node.path("name").isTextual()
        || !node.path("method").isTextual()
        || !node.path("path").isTextual()) {
      throw new IllegalArgumentException(where + ": name, method and path are required strings");
    }
    if (node.has("body") && node.has("rawBody")) {
      throw new IllegalArgumentException(where + ": either body or rawBody, not both");
    }
    Optional<String> bearer =
        node.has("token")
            ? Optional.ofNullable(node.get("token").textValue())
            : Optional.of(GatewayUnderTest.TOKEN);
    return new GoldenRequest(
        node.get("name").asText(),
        node.get("method").asText(),
        node.get("path").asText(),
        strings(node.path("headers"), where),
        Optional.ofNullable(node.get("body")),
        Optional.ofNullable(node.get("rawBody")).map(JsonNode::asText),
        bearer,
        strings(node.path("save"), where));
  }

  private static Map<String, String> strings(JsonNode object, String where) {
    Map<String, String> map = new LinkedHashMap<>();
    if (object.isMissingNode()) {
      return map;
    }
    if (!object.isObject()) {
      throw new IllegalArgumentException(where + ": headers and save are objects of strings");
    }
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  /** The path with variables filled in and what a URI cannot hold percent-encoded. */
  String uri(Map<String, String> variables) {
    String filled = fill(path, variables);
    StringBuilder out = new StringBuilder();
    for (byte b : filled.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && URI_SAFE.indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** The headers with variables filled in. */
  Map<String, String> headers(Map<String, String> variables) {
    Map<String, String> filled = new LinkedHashMap<>();
    headers.forEach((k, v) -> filled.put(k, fill(v, variables)));
    return filled;
  }

  /** The body to send, with variables filled in; null when the request has none. */
  String bodyText(Map<String, String> variables) {
    if (rawBody.isPresent()) {
      return fill(rawBody.get(), variables);
    }
    return body.map(b -> fillJson(b.deepCopy(), variables).toString()).orElse(null);
  }

  private JsonNode fillJson(JsonNode node, Map<String, String> variables) {
    if (node.isTextual()) {
      return TextNode.valueOf(fill(node.asText(), variables));
    }
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        object.set(key, fillJson(object.get(key), variables));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((ArrayNode) node).set(i, fillJson(node.get(i), variables));
      }
    }
    return node;
  }

  private String fill(String text, Map<String, String> variables) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = variables.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException(
            "request '" + name + "' uses ${" + m.group(1) + "}, which no earlier answer saved");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
