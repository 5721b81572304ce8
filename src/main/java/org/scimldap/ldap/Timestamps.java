package org.scimldap.ldap;

import com.unboundid.util.StaticUtils;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Values of the Generalized Time syntax (RFC 4517 §3.3.13), such as {@code createTimestamp}. The
 * form directories write (OpenLDAP {@code 20261129224216Z}, Active Directory {@code
 * 20261129224216.0Z}, fractions of a second kept to the millisecond as the SDK keeps them, UTC) is
 * read directly, since every resource sent out reads two of them; any other form goes through the
 * SDK's general parser.
 */
public final class Timestamps {
  private static final int SECONDS_END = 14;

  private Timestamps() {}

  /** The instant a value names; empty when it is not a Generalized Time. */
  public static Optional<Instant> parse(String value) {
    Instant quick = quick(value);
    if (quick != null) {
      return Optional.of(quick);
    }
    try {
      return Optional.of(StaticUtils.decodeGeneralizedTime(value).toInstant());
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code instant} as {@link Instant#toString()} writes it (ISO 8601 in UTC, a fraction of a
   * second only when there is one, in groups of three digits), written directly for the years 1000
   * to 9999, since every resource sent out carries two; others through {@link Instant#toString()}.
   */
  public static String iso(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 1000 || t.getYear() > 9999) {
      return instant.toString();
    }
    int nanos = instant.getNano();
    char[] out = new char[30];
    int at = put(out, 0, t.getYear(), 4);
    out[at++] = '-';
    at = put(out, at, t.getMonthValue(), 2);
    out[at++] = '-';
    at = put(out, at, t.getDayOfMonth(), 2);
    out[at++] = 'T';
    at = put(out, at, t.getHour(), 2);
    out[at++] = ':';
    at = put(out, at, t.getMinute(), 2);
    out[at++] = ':';
    at = put(out, at, t.getSecond(), 2);
    if (nanos != 0) {
      out[at++] = '.';
      if (nanos % 1_000_000 == 0) {
        at = put(out, at, nanos / 1_000_000, 3);
      } else if (nanos % 1_000 == 0) {
        at = put(out, at, nanos / 1_000, 6);
      } else {
        at = put(out, at, nanos, 9);
      }
    }
    out[at++] = 'Z';
    return new String(out, 0, at);
  }

  /** Writes {@code value} as {@code width} decimal digits at {@code at}; the index after them. */
  private static int put(char[] out, int at, int value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      out[at + i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }

  /** {@code YYYYMMDDHHMMSS[.fraction]Z}; null for any other form. */
  private static Instant quick(String v) {
    int n = v.length();
    if (n < SECONDS_END + 1 || v.charAt(n - 1) != 'Z' || !digits(v, 0, SECONDS_END)) {
      return null;
    }
    int nanos = 0;
    if (n > SECONDS_END + 1) {
      char separator = v.charAt(SECONDS_END);
      int from = SECONDS_END + 1;
      if (separator != '.' || from >= n - 1 || !digits(v, from, n - 1)) {
        return null;
      }
      // Milliseconds, as the SDK's parser keeps them.
      int millis = 0;
      for (int i = 0; i < 3; i++) {
        int at = from + i;
        millis = millis * 10 + (at < n - 1 ? v.charAt(at) - '0' : 0);
      }
      nanos = millis * 1_000_000;
    }
    try {
      return LocalDateTime.of(
              number(v, 0, 4),
              number(v, 4, 6),
              number(v, 6, 8),
              number(v, 8, 10),
              number(v, 10, 12),
              number(v, 12, 14),
              nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int number(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n = n * 10 + (s.charAt(i) - '0');
    }
    return n;
  }
}
