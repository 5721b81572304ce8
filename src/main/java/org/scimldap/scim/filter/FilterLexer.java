package org.scimldap.scim.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.scimldap.scim.ScimException;

/**
 * Splits a filter (RFC 7644 §3.4.2.2) or PATCH path (RFC 7644 §3.5.2) into tokens: parentheses,
 * brackets, JSON strings (RFC 8259 §7, decoded here) and words. A word is a maximal run of
 * characters that are not whitespace, brackets, parentheses or quotes; the grammar decides whether
 * it is an attribute path, an operator, a keyword or a literal. Positions are 0-based offsets.
 */
final class FilterLexer {
  private static final int MAX_QUOTE = 40;

  /** What a token is. {@code END} marks the end of input and sits at its length. */
  enum Kind {
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    STRING,
    WORD,
    END
  }

  /**
   * One token.
   *
   * @param text the source text of the token, quotes included for strings
   * @param pos 0-based offset of its first character
   * @param value the decoded content of a string; otherwise the same as {@code text}
   */
  record Token(Kind kind, String text, int pos, String value) {
    int end() {
      return pos + text.length();
    }

    boolean isWord(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** The source text in single quotes, shortened when long, for error details. */
    String quoted() {
      return kind == Kind.END ? "end of input" : quote(text);
    }
  }

  private final String input;
  private final Function<String, ScimException> errors;
  private int pos;

  private FilterLexer(String input, Function<String, ScimException> errors) {
    this.input = input;
    this.errors = errors;
  }

  /** Tokenizes the whole input; the last token is always {@code END}. */
  static List<Token> tokenize(String input, Function<String, ScimException> errors) {
    return new FilterLexer(input, errors).run();
  }

  static String quote(String text) {
    return "'" + shorten(text) + "'";
  }

  private static String shorten(String text) {
    return text.length() > MAX_QUOTE ? text.substring(0, MAX_QUOTE) + "..." : text;
  }

  private List<Token> run() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (pos >= input.length()) {
        tokens.add(new Token(Kind.END, "", input.length(), ""));
        return tokens;
      }
      tokens.add(token());
    }
  }

  private Token token() {
    char c = input.charAt(pos);
    return switch (c) {
      case '(' -> single(Kind.LPAREN);
      case ')' -> single(Kind.RPAREN);
      case '[' -> single(Kind.LBRACKET);
      case ']' -> single(Kind.RBRACKET);
      case '"' -> string();
      case '\'' ->
          throw errors.apply(
              String.format(
                  "Single quotes are not allowed at position %d, use a double-quoted JSON string"
                      + " instead of %s",
                  pos, shorten(input.substring(pos))));
      default -> word();
    };
  }

  private Token single(Kind kind) {
    Token t = new Token(kind, input.substring(pos, pos + 1), pos, input.substring(pos, pos + 1));
    pos++;
    return t;
  }

  private Token word() {
    int start = pos;
    while (pos < input.length() && !endsWord(input.charAt(pos))) {
      pos++;
    }
    String text = input.substring(start, pos);
    return new Token(Kind.WORD, text, start, text);
  }

  private static boolean endsWord(char c) {
    return isWhitespace(c) || "()[]\"'".indexOf(c) >= 0;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private void skipWhitespace() {
    while (pos < input.length() && isWhitespace(input.charAt(pos))) {
      pos++;
    }
  }

  private Token string() {
    int start = pos++;
    StringBuilder decoded = new StringBuilder();
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (c == '"') {
        pos++;
        return new Token(Kind.STRING, input.substring(start, pos), start, decoded.toString());
      }
      if (c == '\\' && pos + 1 < input.length()) {
        escape(decoded);
      } else if (c == '\\') {
        break;
      } else if (c < 0x20) {
        throw errors.apply(
            String.format(
                "Control character U+%04X must be escaped in string %s at position %d",
                (int) c, quote(input.substring(start, pos)), pos));
      } else {
        decoded.append(c);
        pos++;
      }
    }
    throw errors.apply(
        String.format(
            "Unterminated string %s starting at position %d",
            quote(input.substring(start)), start));
  }

  private void escape(StringBuilder decoded) {
    char e = input.charAt(pos + 1);
    switch (e) {
      case '"', '\\', '/' -> decoded.append(e);
      case 'b' -> decoded.append('\b');
      case 'f' -> decoded.append('\f');
      case 'n' -> decoded.append('\n');
      case 'r' -> decoded.append('\r');
      case 't' -> decoded.append('\t');
      case 'u' -> {
        decoded.append(unicodeEscape());
        return;
      }
      default ->
          throw errors.apply(
              String.format("Invalid escape %s in string at position %d", quote("\\" + e), pos));
    }
    pos += 2;
  }

  private char unicodeEscape() {
    int digitsEnd = Math.min(pos + 6, input.length());
    String hex = input.substring(pos + 2, digitsEnd);
    boolean valid = hex.length() == 4;
    for (int i = 0; valid && i < hex.length(); i++) {
      valid = Character.digit(hex.charAt(i), 16) >= 0;
    }
    if (!valid) {
      throw errors.apply(
          String.format(
              "Invalid unicode escape %s in string at position %d, expected four hex digits",
              quote(input.substring(pos, digitsEnd)), pos));
    }
    pos = digitsEnd;
    return (char) Integer.parseInt(hex, 16);
  }
}
