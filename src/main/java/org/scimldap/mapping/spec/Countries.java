package org.scimldap.mapping.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The countries of ISO 3166-1, by two-letter code: their numeric codes (from the bundled {@code
 * iso3166.tsv}) and English names (the JDK's), and the code for any of the forms people send.
 */
final class Countries {
  private static final Map<String, String> NUMBER_BY_CODE = new HashMap<>();
  private static final Map<String, String> CODE_BY_ANY = new HashMap<>();

  static {
    try (InputStream in = Countries.class.getResourceAsStream("iso3166.tsv")) {
      if (in == null) {
        throw new IllegalStateException("iso3166.tsv is missing from the jar");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        String code = fields[0];
        Locale country = new Locale("", code);
        NUMBER_BY_CODE.put(code, fields[1]);
        CODE_BY_ANY.put(key(code), code);
        CODE_BY_ANY.put(key(fields[1]), code);
        CODE_BY_ANY.put(key(country.getISO3Country()), code);
        CODE_BY_ANY.put(key(country.getDisplayCountry(Locale.ENGLISH)), code);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Names people write that are neither ISO's nor the JDK's.
    CODE_BY_ANY.put(key("UK"), "GB");
    CODE_BY_ANY.put(key("Great Britain"), "GB");
    CODE_BY_ANY.put(key("United States of America"), "US");
  }

  private Countries() {}

  /** The two-letter code of a code (two- or three-letter, numeric) or English name. */
  static Optional<String> code(String any) {
    return Optional.ofNullable(CODE_BY_ANY.get(key(any)));
  }

  /** The English name of the country with this two-letter code. */
  static String name(String code) {
    return new Locale("", code).getDisplayCountry(Locale.ENGLISH);
  }

  /**
   * The numeric code of the country with this two-letter code, as an LDAP integer (RFC 4517
   * §3.3.16: no leading zeros, so Antarctica's 010 is 10).
   */
  static String number(String code) {
    return String.valueOf(Integer.parseInt(NUMBER_BY_CODE.get(code)));
  }

  /** Lower case without surrounding spaces; a number as three digits ({@code 4} is {@code 004}). */
  private static String key(String text) {
    String key = text.strip().toLowerCase(Locale.ROOT);
    if (!key.isEmpty() && key.length() <= 3 && key.chars().allMatch(Character::isDigit)) {
      return String.format("%03d", Integer.parseInt(key));
    }
    return key;
  }
}
