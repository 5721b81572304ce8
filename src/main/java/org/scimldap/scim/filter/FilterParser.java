package org.scimldap.scim.filter;

import java.util.Objects;
import org.scimldap.scim.ScimException;

/**
 * Parses the {@code filter} query parameter of RFC 7644 §3.4.2.2 into a {@link ScimFilter} tree.
 *
 * <p>Supported: the operators {@code eq ne co sw ew gt ge lt le pr}, {@code and}, {@code or} and
 * {@code not (...)} (all case-insensitive, {@code and} binding tighter than {@code or}), grouping
 * parentheses, value paths such as {@code emails[type eq "work" and value co "@example.com"]},
 * sub-attributes and URN-qualified attribute paths (RFC 7644 §3.10). Values are JSON literals (RFC
 * 8259): double-quoted strings with all JSON escapes, numbers, and {@code true}, {@code false},
 * {@code null} in any case.
 *
 * <p>Every error is {@link ScimException#invalidFilter(String)} whose detail names the problem,
 * quotes the text involved and gives its 0-based character position, as in {@code Unknown operator
 * 'xx' after 'userName' at position 9}. The caller bounds the filter's length; nesting depth is
 * bounded here.
 */
public final class FilterParser {
  private FilterParser() {}

  /** Parses a complete filter expression. */
  public static ScimFilter parse(String filter) {
    Objects.requireNonNull(filter, "filter");
    TokenCursor cursor = new TokenCursor(filter, ScimException::invalidFilter, "filter");
    return new FilterGrammar(cursor).filter();
  }
}
