package org.scimldap.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.FilterParser;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.schema.AttributeProjection;

/**
 * The parameters of a list (RFC 7644 §3.4.2) or search (§3.4.3) request, from the query string of a
 * GET or the body of a POST to {@code .search}.
 */
record SearchSpec(
    ScimFilter filter,
    int startIndex,
    int count,
    List<AttributePath> attributes,
    List<AttributePath> excludedAttributes,
    AttributePath sortBy,
    boolean descending) {
  static final String SEARCH_URN = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
  static final int MAX_FILTER_LENGTH = 8_192;

  static SearchSpec fromQuery(Context ctx, int maxResults) {
    return new SearchSpec(
        filter(queryFilter(ctx)),
        startIndex(number("startIndex", ctx.queryParam("startIndex"))),
        count(number("count", ctx.queryParam("count")), maxResults),
        AttributeProjection.parseList(ctx.queryParam("attributes")),
        AttributeProjection.parseList(ctx.queryParam("excludedAttributes")),
        sortBy(ctx.queryParam("sortBy")),
        descending(ctx.queryParam("sortOrder")));
  }

  static SearchSpec fromBody(JsonNode body, int maxResults) {
    if (!body.isObject()) {
      throw ScimException.invalidSyntax("A search request body must be a JSON object");
    }
    JsonNode schemas = body.get("schemas");
    boolean ok = false;
    if (schemas != null && schemas.isArray()) {
      for (JsonNode s : schemas) {
        ok |= s.asText().equalsIgnoreCase(SEARCH_URN);
      }
    }
    if (!ok) {
      throw ScimException.invalidSyntax("'schemas' must contain " + SEARCH_URN);
    }
    return new SearchSpec(
        filter(text(body, "filter")),
        startIndex(number("startIndex", text(body, "startIndex"))),
        count(number("count", text(body, "count")), maxResults),
        list(body, "attributes"),
        list(body, "excludedAttributes"),
        sortBy(text(body, "sortBy")),
        descending(text(body, "sortOrder")));
  }

  /**
   * The {@code filter} query parameter. One that is present but cannot be URL-decoded (a bad
   * percent escape) is an error, never "no filter": that would list everything.
   */
  private static String queryFilter(Context ctx) {
    String filter = ctx.queryParam("filter");
    String query = ctx.queryString();
    if (filter == null && query != null && ("&" + query).contains("&filter=")) {
      throw ScimException.invalidFilter("The filter parameter is not correctly URL-encoded");
    }
    if (filter != null && filter.isBlank() && query != null) {
      throw ScimException.invalidFilter("The filter parameter is empty");
    }
    return filter;
  }

  private static String text(JsonNode body, String name) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw ScimException.invalidValue("'" + name + "' must be a single value");
    }
    return v.asText();
  }

  private static List<AttributePath> list(JsonNode body, String name) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (v.isTextual()) {
      return AttributeProjection.parseList(v.asText());
    }
    if (!v.isArray()) {
      throw ScimException.invalidValue("'" + name + "' must be an array of attribute names");
    }
    List<String> names = new ArrayList<>();
    v.forEach(n -> names.add(n.asText()));
    return AttributeProjection.parseList(String.join(",", names));
  }

  private static ScimFilter filter(String filter) {
    if (filter == null || filter.isBlank()) {
      return null;
    }
    if (filter.length() > MAX_FILTER_LENGTH) {
      throw ScimException.invalidFilter(
          "The filter is longer than " + MAX_FILTER_LENGTH + " characters");
    }
    return FilterParser.parse(filter);
  }

  /** 1-based; absent, zero or negative means 1 (RFC 7644 §3.4.2.4). */
  private static int startIndex(Long n) {
    return n == null ? 1 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, n));
  }

  /** Absent means the largest page; negative means 0; capped at the largest page. */
  private static int count(Long n, int maxResults) {
    return n == null ? maxResults : (int) Math.max(0, Math.min(maxResults, n));
  }

  private static AttributePath sortBy(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    List<AttributePath> paths = AttributeProjection.parseList(raw);
    if (paths.size() != 1) {
      throw ScimException.invalidValue("sortBy names one attribute, got '" + raw + "'");
    }
    return paths.get(0);
  }

  private static boolean descending(String raw) {
    if (raw == null || raw.isBlank()) {
      return false;
    }
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "ascending" -> false;
      case "descending" -> true;
      default ->
          throw ScimException.invalidValue(
              "sortOrder must be ascending or descending, got '" + raw + "'");
    };
  }

  private static Long number(String name, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String digits = raw.trim();
    if (!digits.matches("[+-]?[0-9]+")) {
      throw ScimException.invalidValue("'" + name + "' must be an integer");
    }
    boolean negative = digits.startsWith("-");
    String magnitude = digits.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
    if (magnitude.length() > 10) {
      return negative ? (long) Integer.MIN_VALUE : (long) Integer.MAX_VALUE;
    }
    long n = Long.parseLong(magnitude);
    return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, negative ? -n : n));
  }
}
