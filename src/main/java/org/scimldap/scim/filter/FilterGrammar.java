package org.scimldap.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.scimldap.scim.filter.FilterLexer.Kind;
import org.scimldap.scim.filter.FilterLexer.Token;
import org.scimldap.scim.path.AttributePath;

/**
 * Recursive-descent parser for the filter grammar of RFC 7644 §3.4.2.2:
 *
 * <pre>
 * or-expr   = and-expr *("or" and-expr)
 * and-expr  = term *("and" term)
 * term      = "(" or-expr ")" / "not" "(" or-expr ")" / attrPath "[" or-expr "]"
 *             / attrPath "[" or-expr "]" "." subAttr compare   ; Entra ID's form, see below
 *           / attrPath "pr" / attrPath compareOp compValue
 * </pre>
 *
 * {@code and} binds tighter than {@code or}; both are left-associative. Keywords and operators are
 * case-insensitive. Value paths cannot nest, parentheses plus brackets may nest at most {@link
 * #MAX_DEPTH} levels, and a filter has at most {@link #MAX_TERMS} comparisons, so that hostile
 * input cannot exhaust the stack of the code that walks the tree.
 */
final class FilterGrammar {
  static final int MAX_DEPTH = 50;
  static final int MAX_TERMS = 200;

  private static final String OPERATORS = "eq, ne, co, sw, ew, gt, ge, lt, le or pr";
  private static final String TERM = "an attribute path, 'not' or '('";

  private final TokenCursor cursor;
  private Token openBracket;
  private int depth;
  private int terms;

  FilterGrammar(TokenCursor cursor) {
    this.cursor = cursor;
  }

  /** Parses the whole input as one filter; nothing may follow it. */
  ScimFilter filter() {
    if (cursor.peek().kind() == Kind.END) {
      throw cursor.error(
          "Empty %s: expected %s at position %d", cursor.inputName(), TERM, cursor.peek().pos());
    }
    ScimFilter filter = or();
    Token t = cursor.peek();
    switch (t.kind()) {
      case END -> {
        return filter;
      }
      case RPAREN ->
          throw cursor.error("Unbalanced ')' at position %d has no '(' to close", t.pos());
      case RBRACKET ->
          throw cursor.error("Unbalanced ']' at position %d has no '[' to close", t.pos());
      default -> throw cursor.unexpected(t, "'and', 'or' or the end of the " + cursor.inputName());
    }
  }

  /**
   * Parses the filter inside {@code path[...]}, the opening bracket having just been read, up to
   * and including the closing bracket. Paths inside are relative to the complex attribute {@code
   * path}.
   */
  ScimFilter bracketFilter(AttributePath path, Token pathToken, Token open) {
    if (openBracket != null) {
      throw cursor.error(
          "Value paths cannot be nested: '[' at position %d is inside the '[' at position %d",
          open.pos(), openBracket.pos());
    }
    if (path.hasSubAttribute()) {
      throw cursor.error(
          "A value filter cannot follow the sub-attribute in %s: '[' at position %d",
          pathToken.quoted(), open.pos());
    }
    enter(open);
    openBracket = open;
    ScimFilter inner = or();
    close(open, Kind.RBRACKET, "']'");
    openBracket = null;
    return inner;
  }

  private ScimFilter or() {
    ScimFilter left = and();
    while (cursor.peek().isWord("or")) {
      cursor.next();
      left = new ScimFilter.Or(left, and());
    }
    return left;
  }

  private ScimFilter and() {
    ScimFilter left = term();
    while (cursor.peek().isWord("and")) {
      cursor.next();
      left = new ScimFilter.And(left, term());
    }
    return left;
  }

  private ScimFilter term() {
    Token t = cursor.peek();
    if (++terms > MAX_TERMS) {
      throw cursor.error(
          "The filter has more than %d terms; the one at position %d is too many",
          MAX_TERMS, t.pos());
    }
    if (t.kind() == Kind.LPAREN) {
      return group(cursor.next());
    }
    if (t.kind() != Kind.WORD || t.isWord("and") || t.isWord("or")) {
      throw cursor.unexpected(t, TERM);
    }
    cursor.next();
    if (t.isWord("not")) {
      Token open = cursor.next();
      if (open.kind() != Kind.LPAREN) {
        throw cursor.error(
            "Expected '(' after 'not' at position %d but found %s", open.pos(), open.quoted());
      }
      return new ScimFilter.Not(group(open));
    }
    AttributePath path = AttributePathSyntax.parse(t, cursor);
    if (cursor.peek().kind() == Kind.LBRACKET) {
      ScimFilter inside = bracketFilter(path, t, cursor.next());
      Token after = cursor.peek();
      if (after.kind() == Kind.WORD && after.text().startsWith(".")) {
        return new ScimFilter.ValuePath(
            path, new ScimFilter.And(inside, subAttributeExpression(cursor.next())));
      }
      return new ScimFilter.ValuePath(path, inside);
    }
    return attributeExpression(path, t);
  }

  /**
   * {@code emails[type eq "work"].value eq "x"}: not in the RFC 7644 grammar, but what Microsoft
   * Entra ID sends to match users by work email. Read as {@code emails[type eq "work" and value eq
   * "x"]}.
   */
  private ScimFilter subAttributeExpression(Token dotted) {
    String sub = dotted.text().substring(1);
    if (!sub.matches("[A-Za-z][A-Za-z0-9_-]*|\\$ref")) {
      throw cursor.error(
          "Expected a sub-attribute name after ']' at position %d but found %s",
          dotted.pos(), dotted.quoted());
    }
    return attributeExpression(AttributePath.of(sub), dotted);
  }

  private ScimFilter group(Token open) {
    enter(open);
    ScimFilter inner = or();
    close(open, Kind.RPAREN, "')'");
    return inner;
  }

  private void enter(Token open) {
    if (++depth > MAX_DEPTH) {
      throw cursor.error("Nesting is deeper than %d levels at position %d", MAX_DEPTH, open.pos());
    }
  }

  private void close(Token open, Kind kind, String closer) {
    Token t = cursor.peek();
    if (t.kind() != kind) {
      throw cursor.error(
          "%s; %s at position %d is not closed",
          cursor.unexpectedDetail(t, "'and', 'or' or " + closer), open.quoted(), open.pos());
    }
    cursor.next();
    depth--;
  }

  private ScimFilter attributeExpression(AttributePath path, Token pathToken) {
    Token op = cursor.peek();
    if (op.kind() != Kind.WORD) {
      throw cursor.unexpected(op, "an operator (" + OPERATORS + ")");
    }
    cursor.next();
    if (op.isWord("pr")) {
      Token after = cursor.peek();
      if (after.kind() == Kind.STRING
          || (after.kind() == Kind.WORD && !after.isWord("and") && !after.isWord("or"))) {
        throw cursor.error(
            "Operator 'pr' takes no value but found %s at position %d",
            after.quoted(), after.pos());
      }
      return new ScimFilter.Present(path);
    }
    Optional<CompareOperator> operator = CompareOperator.fromKeyword(op.text());
    if (operator.isEmpty()) {
      throw cursor.error(
          "Unknown operator %s after %s at position %d; expected %s",
          op.quoted(), pathToken.quoted(), op.pos(), OPERATORS);
    }
    Token valueToken = cursor.peek();
    JsonNode value = ValueLiteral.parse(valueToken, op, cursor);
    cursor.next();
    if (operator.get().ordering() && (value.isBoolean() || value.isNull())) {
      throw cursor.error(
          "Operator %s cannot order %s at position %d; only eq and ne compare booleans and null",
          op.quoted(), valueToken.quoted(), valueToken.pos());
    }
    return new ScimFilter.Compare(path, operator.get(), value);
  }
}
