package org.scimldap.mapping.spec;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One step of a transform chain on text values: applied to a SCIM value before it is written, and
 * (where it can be undone) to an LDAP value after it is read. A step that returns {@code null}
 * drops the value.
 */
public sealed interface TextStep
    permits TextStep.Case,
        TextStep.Sanitize,
        TextStep.Replace,
        TextStep.Lookup,
        TextStep.PostalAddress,
        TextStep.Country {

  /** The value to write for the SCIM text {@code value}; null drops it. */
  String write(String value);

  /** The SCIM text for the LDAP text {@code value}; the value itself when the step is one-way. */
  String read(String value);

  /** True when {@link #read} gives back what was stored, so filters compare the stored values. */
  default boolean readsAsStored() {
    return true;
  }

  /** Upper or lower case (Unicode, locale-independent), on writes. */
  record Case(boolean upper) implements TextStep {
    @Override
    public String write(String value) {
      return upper ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String read(String value) {
      return value;
    }
  }

  /**
   * Names that fit a naming attribute: each of {@code forbidden} replaced by {@code replacement},
   * then at most {@code maxLength} characters (Active Directory's {@code sAMAccountName}: 20, and
   * none of {@code "/\[]:;|=,+*?<>}).
   */
  record Sanitize(int maxLength, String forbidden, String replacement) implements TextStep {
    public Sanitize {
      if (maxLength < 1) {
        throw new IllegalArgumentException("maxLength must be at least 1");
      }
      Objects.requireNonNull(forbidden);
      Objects.requireNonNull(replacement);
    }

    @Override
    public String write(String value) {
      StringBuilder out = new StringBuilder();
      value
          .codePoints()
          .forEach(
              cp -> {
                if (forbidden.indexOf(cp) >= 0 || Character.isISOControl(cp)) {
                  out.append(replacement);
                } else {
                  out.appendCodePoint(cp);
                }
              });
      String clean = out.toString().strip();
      if (clean.codePointCount(0, clean.length()) > maxLength) {
        clean = clean.substring(0, clean.offsetByCodePoints(0, maxLength)).strip();
      }
      return clean.isEmpty() ? null : clean;
    }

    @Override
    public String read(String value) {
      return value;
    }
  }

  /**
   * A regular expression replaced on writes ({@link java.util.regex.Matcher#replaceAll}, {@code $1}
   * for groups), e.g. the part of an email before the {@code @}; a value the pattern does not match
   * is written as it is.
   */
  record Replace(Pattern pattern, String replacement) implements TextStep {
    public Replace {
      Objects.requireNonNull(pattern);
      Objects.requireNonNull(replacement);
    }

    @Override
    public String write(String value) {
      String replaced = pattern.matcher(value).replaceAll(replacement);
      return replaced.isEmpty() ? null : replaced;
    }

    @Override
    public String read(String value) {
      return value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Replace r
          && r.pattern.pattern().equals(pattern.pattern())
          && r.replacement.equals(replacement);
    }

    @Override
    public int hashCode() {
      return Objects.hash(pattern.pattern(), replacement);
    }
  }

  /**
   * A table of SCIM values and the LDAP values they are written as, read back the other way
   * (compared ignoring case). A value the table does not hold is written and read as it is, unless
   * {@code strict}: then it is dropped.
   */
  record Lookup(Map<String, String> table, boolean strict) implements TextStep {
    public Lookup {
      table = Map.copyOf(table);
    }

    @Override
    public String write(String value) {
      return find(table, value, strict);
    }

    @Override
    public String read(String value) {
      for (Map.Entry<String, String> e : table.entrySet()) {
        if (e.getValue().equalsIgnoreCase(value)) {
          return e.getKey();
        }
      }
      return strict ? null : value;
    }

    @Override
    public boolean readsAsStored() {
      return false;
    }

    private static String find(Map<String, String> table, String value, boolean strict) {
      for (Map.Entry<String, String> e : table.entrySet()) {
        if (e.getKey().equalsIgnoreCase(value)) {
          return e.getValue();
        }
      }
      return strict ? null : value;
    }
  }

  /**
   * Lines of text (a SCIM {@code formatted} address, lines separated by newlines) as an LDAP Postal
   * Address (RFC 4517 §3.3.28): lines separated by {@code $}, with {@code \} and {@code $} in a
   * line escaped as {@code \5C} and {@code \24}; read back the other way.
   */
  record PostalAddress() implements TextStep {
    @Override
    public String write(String value) {
      String[] lines = value.split("\r?\n", -1);
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          out.append('$');
        }
        out.append(lines[i].replace("\\", "\\5C").replace("$", "\\24"));
      }
      return out.toString();
    }

    @Override
    public String read(String value) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '$') {
          out.append('\n');
        } else if (c == '\\' && isHex(value, i + 1)) {
          out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    private static boolean isHex(String s, int at) {
      return at + 1 < s.length()
          && Character.digit(s.charAt(at), 16) >= 0
          && Character.digit(s.charAt(at + 1), 16) >= 0;
    }

    @Override
    public boolean readsAsStored() {
      return false;
    }
  }

  /**
   * A country, sent as an ISO 3166 two-letter code (what Entra ID and Okta send), a three-letter
   * code, a numeric code or an English name, written as Active Directory keeps it in one of three
   * attributes: the two-letter code ({@code c}), the name ({@code co}) or the numeric code ({@code
   * countryCode}). A value that names no country is written as it is for {@link Form#CODE} (the
   * directory judges it) and dropped for the others. Read back as stored.
   */
  record Country(Form form) implements TextStep {
    /** The form written. */
    public enum Form {
      CODE,
      NAME,
      NUMBER
    }

    public Country {
      Objects.requireNonNull(form);
    }

    @Override
    public String write(String value) {
      String code = Countries.code(value).orElse(null);
      if (code == null) {
        return form == Form.CODE ? value : null;
      }
      return switch (form) {
        case CODE -> code;
        case NAME -> Countries.name(code);
        case NUMBER -> Countries.number(code);
      };
    }

    @Override
    public String read(String value) {
      return value;
    }
  }
}
