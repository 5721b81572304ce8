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

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
