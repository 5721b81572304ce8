package org.scimldap.scim.filter;

import java.util.Locale;
import java.util.Optional;

/** The attribute operators of RFC 7644 §3.4.2.2 (Table 3), except {@code pr}. */
public enum CompareOperator {
  EQ,
  NE,
  CO,
  SW,
  EW,
  GT,
  GE,
  LT,
  LE;

  /** Case-insensitive lookup of an operator keyword such as {@code "eq"} or {@code "Eq"}. */
  public static Optional<CompareOperator> fromKeyword(String keyword) {
    for (CompareOperator op : values()) {
      if (op.name().equalsIgnoreCase(keyword)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /** The keyword as written in a filter: {@code eq}, {@code ne}, and so on. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * True for {@code gt ge lt le}, which order values: strings lexicographically, numbers
   * numerically and dateTime values chronologically, and which RFC 7644 §3.4.2.2 does not allow on
   * booleans or binary values.
   */
  public boolean ordering() {
    return this == GT || this == GE || this == LT || this == LE;
  }

  /** True for {@code co sw ew}, which match part of a string value (RFC 7644 §3.4.2.2). */
  public boolean substring() {
    return this == CO || this == SW || this == EW;
  }
}
