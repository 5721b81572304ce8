package org.scimldap.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.scimldap.scim.filter.FilterLexer.Kind;
import org.scimldap.scim.filter.FilterLexer.Token;

/**
 * Turns the {@code compValue} token of a filter (RFC 7644 §3.4.2.2: {@code false / null / true /
 * number / string}, with JSON syntax per RFC 8259) into a Jackson literal. Keywords are
 * case-insensitive. Integers become {@link IntNode}, {@link LongNode} or {@link BigIntegerNode} by
 * size; numbers with a fraction or exponent become {@link DecimalNode}.
 */
final class ValueLiteral {
  private static final Pattern NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?<frac>\\.[0-9]+)?(?<exp>[eE][+-]?[0-9]+)?");

  private ValueLiteral() {}

  static JsonNode parse(Token token, Token operator, TokenCursor cursor) {
    if (token.kind() == Kind.STRING) {
      return TextNode.valueOf(token.value());
    }
    if (token.kind() != Kind.WORD) {
      throw cursor.unexpected(token, "a value");
    }
    String text = token.text();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return BooleanNode.valueOf(text.equalsIgnoreCase("true"));
    }
    if (text.equalsIgnoreCase("null")) {
      return NullNode.getInstance();
    }
    var number = NUMBER.matcher(text);
    if (!number.matches()) {
      throw cursor.error(
          "Invalid value %s after %s at position %d: expected a double-quoted string, a number,"
              + " true, false or null",
          token.quoted(), operator.quoted(), token.pos());
    }
    if (number.group("frac") == null && number.group("exp") == null) {
      return integer(new BigInteger(text));
    }
    try {
      return DecimalNode.valueOf(new BigDecimal(text));
    } catch (NumberFormatException e) {
      throw cursor.error("Number %s is out of range at position %d", token.quoted(), token.pos());
    }
  }

  private static JsonNode integer(BigInteger value) {
    if (value.bitLength() < Integer.SIZE) {
      return IntNode.valueOf(value.intValue());
    }
    if (value.bitLength() < Long.SIZE) {
      return LongNode.valueOf(value.longValue());
    }
    return BigIntegerNode.valueOf(value);
  }
}
