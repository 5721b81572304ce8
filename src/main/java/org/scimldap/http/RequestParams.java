package org.scimldap.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.AttributePath;
import org.scimldap.scim.filter.FilterParser;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.schema.AttributeProjection;

/** Query parameters of RFC 7644 §3.4.2 and §3.9, parsed and checked. */
final class RequestParams {
  static final int MAX_FILTER_LENGTH = 8_192;

  private RequestParams() {}

  static Optional<ScimFilter> filter(Context ctx) {
    String filter = ctx.queryParam("filter");
    if (filter == null || filter.isBlank()) {
      return Optional.empty();
    }
    if (filter.length() > MAX_FILTER_LENGTH) {
      throw ScimException.invalidFilter("The filter is longer than " + MAX_FILTER_LENGTH + " characters");
    }
    return Optional.of(FilterParser.parse(filter));
  }

  /** {@code startIndex}: 1-based; absent, zero or negative means 1 (RFC 7644 §3.4.2.4). */
  static int startIndex(Context ctx) {
    return number(ctx, "startIndex").map(n -> (int) Math.max(1, Math.min(Integer.MAX_VALUE, n))).orElse(1);
  }

  /** {@code count}: absent means the maximum page; negative means 0; capped at the maximum. */
  static int count(Context ctx, int maxResults) {
    return number(ctx, "count").map(n -> (int) Math.max(0, Math.min(maxResults, n))).orElse(maxResults);
  }

  static List<AttributePath> attributes(Context ctx) {
    return AttributeProjection.parseList(ctx.queryParam("attributes"));
  }

  static List<AttributePath> excludedAttributes(Context ctx) {
    return AttributeProjection.parseList(ctx.queryParam("excludedAttributes"));
  }

  private static Optional<Long> number(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(raw.trim()));
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(raw.trim());
        if (Double.isFinite(d)) {
          return Optional.of((long) d);
        }
      } catch (NumberFormatException ignored) {
        // fall through to the error below
      }
      throw ScimException.invalidValue("Query parameter '" + name + "' must be an integer, got '" + raw + "'");
    }
  }
}
