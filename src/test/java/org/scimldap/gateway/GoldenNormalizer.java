package org.scimldap.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * Turns one answer of the gateway into its recorded form, replacing what differs from run to run
 * with placeholders that still show what is the same and what is not:
 *
 * <ul>
 *   <li>the base URL (its port is random) becomes {@code <base>};
 *   <li>a resource id (an {@code entryUUID}) becomes {@code ${name}} when a request saved it under
 *       that name, else {@code <id:N>}, numbered in order of first appearance;
 *   <li>a version ({@code meta.version}, {@code ETag}, and wherever else one is quoted) becomes
 *       {@code <version:N>}, numbered in order of first appearance, so an unchanged version keeps
 *       its number and a new one gets a new number;
 *   <li>{@code meta.created} and {@code meta.lastModified} become {@code <time>} (when they are
 *       times at all).
 * </ul>
 *
 * Ids and versions written literally in the requests (e.g. an id that names nothing) are kept as
 * they are. Group {@code members} are sorted: they are the values of an LDAP attribute, which are a
 * set (RFC 4511 §4.1.7), so their order is the directory's and not part of the behaviour.
 */
final class GoldenNormalizer {
  /** The headers an answer is compared on; others (Date, Server, …) are not behaviour. */
  static final List<String> HEADERS =
      List.of("Content-Type", "Location", "ETag", "Allow", "WWW-Authenticate", "Retry-After");

  static final Pattern ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  static final Pattern VERSION = Pattern.compile("W/\"[0-9a-f]{16}\"");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final Set<String> literals;
  private final Map<String, String> ids = new HashMap<>();
  private final Map<String, String> versions = new HashMap<>();
  private int unnamedIds;

  /**
   * @param base the gateway's SCIM base URL, e.g. {@code http://127.0.0.1:41234/scim/v2}
   * @param literals ids and versions the requests write literally (compared in lower case)
   */
  GoldenNormalizer(String base, Set<String> literals) {
    this.base = base;
    this.literals = Set.copyOf(literals);
  }

  /** From now on, {@code id} is shown as {@code ${variable}} (the first name given wins). */
  void alias(String id, String variable) {
    if (ID.matcher(id).matches()) {
      ids.putIfAbsent(id.toLowerCase(Locale.ROOT), "${" + variable + "}");
    }
  }

  /** The recorded form of an answer: name, status, the compared headers, and the body. */
  ObjectNode answer(String name, Response response) {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("name", name);
    answer.put("status", response.status());
    ObjectNode headers = answer.putObject("headers");
    for (String header : HEADERS) {
      String value = response.header(header);
      if (value != null) {
        headers.put(header, text(value));
      }
    }
    String raw = response.raw();
    if (!raw.isEmpty()) {
      JsonNode body = parse(raw);
      if (body == null) {
        answer.put("rawBody", text(raw));
      } else {
        answer.set("body", value(body, null));
      }
    }
    return answer;
  }

  private static JsonNode parse(String raw) {
    try {
      return JSON.readTree(raw);
    } catch (IOException notJson) {
      return null;
    }
  }

  private JsonNode value(JsonNode node, String field) {
    if (node.isTextual()) {
      return TextNode.valueOf(text(node.asText()));
    }
    if (node.isArray()) {
      List<JsonNode> elements = new ArrayList<>();
      node.forEach(e -> elements.add(value(e, null)));
      if ("members".equals(field)) {
        elements.sort(Comparator.comparing(JsonNode::toString));
      }
      ArrayNode array = JSON.createArrayNode();
      elements.forEach(array::add);
      return array;
    }
    if (node.isObject()) {
      ObjectNode object = JSON.createObjectNode();
      node.fields()
          .forEachRemaining(
              e ->
                  object.set(
                      e.getKey(),
                      "meta".equals(field) && isTime(e.getKey(), e.getValue())
                          ? TextNode.valueOf("<time>")
                          : value(e.getValue(), e.getKey())));
      return object;
    }
    return node;
  }

  private static boolean isTime(String key, JsonNode value) {
    if (!(key.equals("created") || key.equals("lastModified")) || !value.isTextual()) {
      return false;
    }
    try {
      Instant.parse(value.asText());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** A string with the base URL, ids and versions replaced. */
  String text(String value) {
    String s = value.replace(base, "<base>");
    s = replace(s, ID, id -> ids.computeIfAbsent(id, k -> "<id:" + ++unnamedIds + ">"));
    return replace(
        s,
        VERSION,
        v -> versions.computeIfAbsent(v, k -> "<version:" + (versions.size() + 1) + ">"));
  }

  private String replace(String s, Pattern pattern, UnaryOperator<String> to) {
    Matcher m = pattern.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String found = m.group().toLowerCase(Locale.ROOT);
      String replacement = literals.contains(found) ? m.group() : to.apply(found);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
