package org.scimldap.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.scimldap.scim.ScimException;

/**
 * Coerces one simple JSON value to a SCIM data type (RFC 7643 §2.3). Accepted besides the JSON type
 * itself: a boolean written as a string in any case ({@code "True"}, as Entra ID sends it), an
 * integer or decimal written as a string ({@code "42"}), an integral decimal for an integer ({@code
 * 5.0}), and a dateTime as an xsd:dateTime string. A value of any other JSON type fails with {@code
 * invalidValue} naming the attribute path and the type expected; in particular a string, reference
 * or binary attribute takes only a JSON string: no identity provider sends a number or a boolean
 * there, and storing {@code true} as {@code "true"} would hide a client's error.
 */
public final class ValueCoercer {
  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private ValueCoercer() {}

  /**
   * @param type any type but {@link AttributeType#COMPLEX}
   * @param path the attribute path used in error messages
   */
  public static JsonNode coerce(JsonNode value, AttributeType type, String path) {
    return switch (type) {
      case STRING, REFERENCE, BINARY -> text(value, type, path);
      case DATE_TIME -> dateTime(value, path);
      case BOOLEAN -> bool(value, path);
      case INTEGER -> integer(value, path);
      case DECIMAL -> decimal(value, path);
      case COMPLEX -> throw new IllegalArgumentException("a complex value is not a simple value");
    };
  }

  /** A short description of a JSON value for error messages. */
  static String describe(JsonNode value) {
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isTextual()) {
      String text = value.textValue();
      return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
    }
    return value.toString();
  }

  private static JsonNode text(JsonNode value, AttributeType type, String path) {
    if (value.isTextual()) {
      return value;
    }
    throw mismatch(
        path,
        type == AttributeType.STRING ? "a string" : "a " + type.wireName() + " string",
        value);
  }

  /** RFC 7643 §2.3.5: an xsd:dateTime; the text is kept as sent once it parses. */
  private static JsonNode dateTime(JsonNode value, String path) {
    if (!value.isTextual()) {
      throw mismatch(path, "a dateTime string", value);
    }
    try {
      DateTimeFormatter.ISO_DATE_TIME.parse(value.textValue());
      return value;
    } catch (DateTimeParseException e) {
      throw mismatch(path, "a dateTime such as 2015-09-01T12:00:00Z", value);
    }
  }

  private static JsonNode bool(JsonNode value, String path) {
    if (value.isBoolean()) {
      return value;
    }
    if (value.isTextual()) {
      String text = value.textValue().trim().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return BooleanNode.valueOf(text.equals("true"));
      }
    }
    throw mismatch(path, "a boolean", value);
  }

  private static JsonNode integer(JsonNode value, String path) {
    if (value.isIntegralNumber()) {
      return value;
    }
    BigDecimal number = number(value, path, "an integer");
    try {
      return integral(number.toBigIntegerExact());
    } catch (ArithmeticException e) {
      throw mismatch(path, "an integer", value);
    }
  }

  private static JsonNode decimal(JsonNode value, String path) {
    if (value.isNumber()) {
      return value;
    }
    return DoubleNode.valueOf(number(value, path, "a decimal").doubleValue());
  }

  private static BigDecimal number(JsonNode value, String path, String expected) {
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      try {
        BigDecimal number = new BigDecimal(value.textValue().trim());
        if (Double.isFinite(number.doubleValue())) {
          return number;
        }
      } catch (NumberFormatException e) {
        throw mismatch(path, expected, value);
      }
    }
    throw mismatch(path, expected, value);
  }

  private static JsonNode integral(BigInteger n) {
    if (n.compareTo(INT_MIN) >= 0 && n.compareTo(INT_MAX) <= 0) {
      return IntNode.valueOf(n.intValue());
    }
    if (n.compareTo(LONG_MIN) >= 0 && n.compareTo(LONG_MAX) <= 0) {
      return LongNode.valueOf(n.longValue());
    }
    return BigIntegerNode.valueOf(n);
  }

  private static ScimException mismatch(String path, String expected, JsonNode value) {
    return ScimException.invalidValue(
        "attribute '" + path + "' must be " + expected + ", got " + describe(value));
  }
}
