package org.scimldap.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.AttributeType;

/**
 * Compares one attribute value with a filter literal under one operator, following RFC 7644
 * §3.4.2.2: strings ignore case unless the attribute is {@code caseExact}, {@code co sw ew} apply
 * to strings, {@code gt ge lt le} order strings lexicographically, numbers numerically and dateTime
 * attributes (RFC 7643 §2.3.5) chronologically; booleans support only {@code eq}. Values of
 * different JSON types never match, and no comparison throws.
 */
final class ValueComparator {
  private ValueComparator() {}

  /**
   * A boolean attribute compared with the text {@code "True"} or {@code "False"} (any case), as
   * some clients send booleans, is compared as that boolean.
   *
   * @param definition the definition of the attribute holding {@code actual}, or {@code null} for
   *     an attribute the schema does not know (compared as a case-insensitive string)
   */
  static boolean test(
      JsonNode actual, CompareOperator op, JsonNode expected, AttributeDefinition definition) {
    if (definition != null && definition.type() == AttributeType.BOOLEAN && expected.isTextual()) {
      String t = expected.textValue().trim();
      if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
        expected = BooleanNode.valueOf(t.equalsIgnoreCase("true"));
      }
    }
    if (expected.isBoolean()) {
      return op == CompareOperator.EQ
          && actual.isBoolean()
          && actual.booleanValue() == expected.booleanValue();
    }
    if (expected.isNumber()) {
      Optional<BigDecimal> a = decimal(actual);
      Optional<BigDecimal> e = decimal(expected);
      return a.isPresent() && e.isPresent() && order(op, a.get().compareTo(e.get()));
    }
    if (expected.isTextual() && actual.isTextual()) {
      return text(actual.textValue(), op, expected.textValue(), definition);
    }
    return false;
  }

  private static boolean text(
      String actual, CompareOperator op, String expected, AttributeDefinition definition) {
    AttributeType type = definition == null ? AttributeType.STRING : definition.type();
    if ((op == CompareOperator.EQ || op.ordering()) && type == AttributeType.DATE_TIME) {
      Optional<Instant> a = instant(actual);
      Optional<Instant> e = instant(expected);
      if (a.isPresent() && e.isPresent()) {
        return order(op, a.get().compareTo(e.get()));
      }
    }
    if (op.ordering() && (type == AttributeType.BINARY || type == AttributeType.BOOLEAN)) {
      return false;
    }
    boolean caseExact = definition != null && definition.caseExact();
    String a = caseExact ? actual : actual.toLowerCase(Locale.ROOT);
    String e = caseExact ? expected : expected.toLowerCase(Locale.ROOT);
    return switch (op) {
      case CO -> a.contains(e);
      case SW -> a.startsWith(e);
      case EW -> a.endsWith(e);
      default -> order(op, a.compareTo(e));
    };
  }

  /** Applies an equality or ordering operator to a {@code compareTo} result. */
  private static boolean order(CompareOperator op, int comparison) {
    return switch (op) {
      case EQ -> comparison == 0;
      case NE -> comparison != 0;
      case GT -> comparison > 0;
      case GE -> comparison >= 0;
      case LT -> comparison < 0;
      case LE -> comparison <= 0;
      case CO, SW, EW -> false;
    };
  }

  private static Optional<BigDecimal> decimal(JsonNode node) {
    if (!node.isNumber()) {
      return Optional.empty();
    }
    if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
      return Optional.empty();
    }
    return Optional.of(node.decimalValue());
  }

  /**
   * An xsd:dateTime (RFC 7643 §2.3.5) as an instant; a value without an offset is taken as UTC.
   * Empty when the text is not a date-time.
   */
  static Optional<Instant> instant(String text) {
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
        return Optional.of(OffsetDateTime.from(parsed).toInstant());
      }
      return Optional.of(LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
