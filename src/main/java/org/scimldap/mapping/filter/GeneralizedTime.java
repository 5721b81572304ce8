package org.scimldap.mapping.filter;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import org.scimldap.scim.ScimException;

/**
 * SCIM dateTime literals (xsd:dateTime, RFC 7643 §2.3.5) as LDAP GeneralizedTime assertion values
 * (RFC 4517 §3.3.13), always in UTC: {@code 2011-05-13T04:42:34Z} becomes {@code 20110513044234Z}
 * and {@code 2011-05-13T06:42:34.5+02:00} becomes {@code 20110513044234.5Z}. A value without an
 * offset is taken as UTC, as the in-memory filter evaluation does.
 */
final class GeneralizedTime {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);

  private GeneralizedTime() {}

  /**
   * The instant of a dateTime literal; anything else is a 400 invalidFilter naming {@code name}.
   */
  static Instant parse(String text, String name) {
    Instant instant;
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
      instant =
          parsed.isSupported(ChronoField.OFFSET_SECONDS)
              ? OffsetDateTime.from(parsed).toInstant()
              : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw ScimException.invalidFilter(
          "Attribute '"
              + name
              + "' is a dateTime; '"
              + text
              + "' is not an xsd:dateTime such as 2011-05-13T04:42:34Z");
    }
    int year = ZonedDateTime.ofInstant(instant, ZoneOffset.UTC).getYear();
    if (year < 0 || year > 9999) {
      throw ScimException.invalidFilter(
          "Attribute '" + name + "': '" + text + "' is outside the years 0000 to 9999");
    }
    return instant;
  }

  /** {@code YYYYMMDDHHMMSS[.fraction]Z}, the fraction without trailing zeros. */
  static String format(Instant instant) {
    StringBuilder s = new StringBuilder(SECONDS.format(instant));
    int nanos = instant.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
      s.append('.').append(fraction);
    }
    return s.append('Z').toString();
  }

  /**
   * True when the instant has no digits below the millisecond. Some directories (the UnboundID
   * in-memory server) compare GeneralizedTime values at millisecond precision only.
   */
  static boolean millisecondPrecise(Instant instant) {
    return instant.getNano() % 1_000_000 == 0;
  }
}
