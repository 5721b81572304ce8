package org.scimldap.scim.filter;

import java.util.List;
import java.util.function.Function;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.FilterLexer.Kind;
import org.scimldap.scim.filter.FilterLexer.Token;

/**
 * A position in a token list plus the error factory of the caller ({@code invalidFilter} for
 * filters, {@code invalidPath} for PATCH paths), so that filter and path parsing share one grammar
 * while reporting the right RFC 7644 §3.12 {@code scimType}.
 */
final class TokenCursor {
  private final List<Token> tokens;
  private final Function<String, ScimException> errors;
  private final String inputName;
  private int index;

  /**
   * @param inputName what the input is called in error details: {@code filter} or {@code path}
   */
  TokenCursor(String input, Function<String, ScimException> errors, String inputName) {
    this.tokens = FilterLexer.tokenize(input, errors);
    this.errors = errors;
    this.inputName = inputName;
  }

  Token peek() {
    return tokens.get(index);
  }

  Token next() {
    Token t = tokens.get(index);
    if (t.kind() != Kind.END) {
      index++;
    }
    return t;
  }

  /** The token consumed last, or {@code null} at the start. */
  Token previous() {
    return index == 0 ? null : tokens.get(index - 1);
  }

  String inputName() {
    return inputName;
  }

  ScimException error(String format, Object... args) {
    return errors.apply(String.format(format, args));
  }

  /**
   * An error for {@code found} where {@code expected} (a phrase such as {@code "a value"}) should
   * have been, naming the token before it when there is one.
   */
  ScimException unexpected(Token found, String expected) {
    return errors.apply(unexpectedDetail(found, expected));
  }

  String unexpectedDetail(Token found, String expected) {
    Token before = previous();
    String after = before == null ? "" : " after " + before.quoted();
    if (found.kind() == Kind.END) {
      return String.format(
          "Expected %s%s at position %d, but the %s ends there",
          expected, after, found.pos(), inputName);
    }
    return String.format(
        "Expected %s%s but found %s at position %d", expected, after, found.quoted(), found.pos());
  }
}
