package org.scimldap.mapping.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.util.StaticUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.scimldap.scim.ScimException;

/**
 * How SCIM values become LDAP values and back, for one mapping rule. Pure functions over values:
 * references (ids to DNs) are looked up by the mapper in a table resolved beforehand. LDAP values
 * are octet strings, so binary attributes ({@code objectGUID}, {@code unicodePwd}) are carried
 * exactly; text is UTF-8 (RFC 4517 §3.3.6).
 */
public sealed interface ValueTransform
    permits ValueTransform.Text,
        ValueTransform.BooleanText,
        ValueTransform.PresentWhenFalse,
        ValueTransform.PasswordHash,
        ValueTransform.Reference,
        ValueTransform.Bit,
        ValueTransform.Time,
        ValueTransform.Binary,
        ValueTransform.Chain {

  /**
   * LDAP values for the SCIM values of the rule (an empty list clears the attribute). {@code
   * current} holds the entry's values of the attribute now (empty for a new entry): a transform
   * that changes part of a value keeps the rest.
   */
  List<ASN1OctetString> toLdap(List<JsonNode> scimValues, List<ASN1OctetString> current);

  /** SCIM values for the LDAP values (which may be empty: the attribute is absent). */
  List<JsonNode> toScim(List<ASN1OctetString> ldapValues);

  /** True when the values are secrets that must not cross a connection without TLS. */
  default boolean needsTls() {
    return false;
  }

  /**
   * True when values are written and never read back (passwords): what the directory holds, if it
   * returns anything, is not what was written.
   */
  default boolean writeOnly() {
    return false;
  }

  /** Values copied as text: strings as they are, numbers and booleans as their JSON text. */
  record Text() implements ValueTransform {
    @Override
    public List<ASN1OctetString> toLdap(List<JsonNode> scimValues, List<ASN1OctetString> current) {
      return octets(texts(scimValues));
    }

    @Override
    public List<JsonNode> toScim(List<ASN1OctetString> ldapValues) {
      // A loop: this runs for every text value of every entry read.
      if (ldapValues.isEmpty()) {
        return List.of();
      }
      if (ldapValues.size() == 1) {
        return List.of(TextNode.valueOf(ldapValues.get(0).stringValue()));
      }
      List<JsonNode> out = new ArrayList<>(ldapValues.size());
      for (ASN1OctetString v : ldapValues) {
        out.add(TextNode.valueOf(v.stringValue()));
      }
      return Collections.unmodifiableList(out);
    }
  }

  /** A SCIM boolean stored as one of two texts, e.g. {@code TRUE}/{@code FALSE}. */
  record BooleanText(String trueText, String falseText) implements ValueTransform {
    public BooleanText {
      Objects.requireNonNull(trueText);
      Objects.requireNonNull(falseText);
    }

    @Override
    public List<ASN1OctetString> toLdap(List<JsonNode> scimValues, List<ASN1OctetString> current) {
      return scimValues.stream()
          .filter(v -> !v.isNull())
          .map(v -> new ASN1OctetString(bool(v) ? trueText : falseText))
          .limit(1)
          .toList();
    }

    @Override
    public List<JsonNode> toScim(List<ASN1OctetString> ldapValues) {
      return ldapValues.stream()
          .limit(1)
          .map(v -> (JsonNode) BooleanNode.valueOf(v.stringValue().equalsIgnoreCase(trueText)))
          .toList();
    }
  }

  /**
   * A SCIM boolean that is {@code false} exactly when the LDAP attribute is present: {@code active}
   * as OpenLDAP's {@code pwdAccountLockedTime: 000001010000Z} (a permanent ppolicy lock).
   */
  record PresentWhenFalse(String value) implements ValueTransform {
    public PresentWhenFalse {
      Objects.requireNonNull(value);
    }

    @Override
    public List<ASN1OctetString> toLdap(List<JsonNode> scimValues, List<ASN1OctetString> current) {
      boolean isFalse = scimValues.stream().anyMatch(v -> !v.isNull() && !bool(v));
      return isFalse ? List.of(new ASN1OctetString(value)) : List.of();
    }

    @Override
    public List<JsonNode> toScim(List<ASN1OctetString> ldapValues) {
      return List.of(BooleanNode.valueOf(ldapValues.isEmpty()));
    }
  }

  /**
   * A write-only password: hashed as {@code {SSHA}}, stored as sent, or encoded the way Active
   * Directory takes {@code unicodePwd} (the password in double quotes, UTF-16LE), which is only
   * ever sent over TLS. A value that looks like an RFC 2307 hash ({@code {SHA}…}, {@code {CRYPT}…})
   * is a password like any other unless {@code preHashed} accepts it: under {@code SSHA} it is
   * hashed, and under {@code NONE} (the directory hashes) it is refused, since the directory would
   * store it as the hash it claims to be.
   *
   * @param preHashed whether a value that is already a hash is stored as it is
   */
  record PasswordHash(PasswordHasher.Scheme scheme, boolean preHashed) implements ValueTransform {
    /** A password transform that hashes whatever the client sends. */
    public PasswordHash(PasswordHasher.Scheme scheme) {
      this(scheme, false);
    }

    @Override
    public List<ASN1OctetString> toLdap(List<JsonNode> scimValues, List<ASN1OctetString> current) {
      return scimValues.stream()
          .filter(JsonNode::isTextual)
          .map(JsonNode::asText)
          .filter(s -> !s.isEmpty())
          .limit(1)
          .map(p -> new ASN1OctetString(PasswordHasher.encode(scheme, p, preHashed)))
          .toList();
    }

    @Override
    public List<JsonNode> toScim(List<ASN1OctetString> ldapValues) {
      return List.of();
    }

    @Override
    public boolean needsTls() {
      return scheme == PasswordHasher.Scheme.UNICODE_PWD;
    }

    @Override
    public boolean writeOnly() {
      return true;
    }
  }

  /**
   * SCIM ids that stand for directory entries, stored as their DNs. The mapper looks ids and DNs up
   * in a resolved references table; this transform only carries the text.
   */
  record Reference() implements ValueTransform {
    @Override
    public List<ASN1OctetString> toLdap(List<JsonNode> scimValues, List<ASN1OctetString> current) {
      return octets(texts(scimValues));
    }

    @Override
    public List<JsonNode> toScim(List<ASN1OctetString> ldapValues) {
      return new Text().toScim(ldapValues);
    }
  }

  /**
   * A SCIM boolean as one bit of an integer attribute, every other bit kept: {@code active} as the
   * {@code ACCOUNTDISABLE} bit (2) of Active Directory's {@code userAccountControl}, which is set
   * when the account is disabled.
   *
   * @param mask the bit (a power of two)
   * @param setWhenTrue whether the bit is set for {@code true} (false for ACCOUNTDISABLE)
   * @param initial the value a new entry starts from (512, a normal account, on AD)
   * @param matchingRule the directory's bitwise-AND matching rule for filters ({@code
   *     1.2.840.113556.1.4.803} on AD and OpenLDAP), or empty to re-check filters in the gateway
   */
  record Bit(long mask, boolean setWhenTrue, long initial, String matchingRule)
      implements ValueTransform {
    public Bit {
      if (Long.bitCount(mask) != 1) {
        throw new IllegalArgumentException("a bit mask has exactly one bit set");
      }
      Objects.requireNonNull(matchingRule);
    }

    @Override
    public List<ASN1OctetString> toLdap(List<JsonNode> scimValues, List<ASN1OctetString> current) {
      List<JsonNode> given = scimValues.stream().filter(v -> !v.isNull()).toList();
      long base = current.isEmpty() ? initial : integer(current.get(0));
      if (given.isEmpty()) {
        // A new entry without the boolean starts from the initial value (512, a normal account,
        // which AD would otherwise make 546: disabled, and no password required).
        return current.isEmpty()
            ? (initial == 0 ? List.of() : List.of(new ASN1OctetString(Long.toString(initial))))
            : List.of(current.get(0));
      }
      boolean set = bool(given.get(0)) == setWhenTrue;
      long value = set ? base | mask : base & ~mask;
      return List.of(new ASN1OctetString(Long.toString(value)));
    }

    @Override
    public List<JsonNode> toScim(List<ASN1OctetString> ldapValues) {
      if (ldapValues.isEmpty()) {
        return List.of();
      }
      boolean set = (integer(ldapValues.get(0)) & mask) != 0;
      return List.of(BooleanNode.valueOf(set == setWhenTrue));
    }

    private static long integer(ASN1OctetString value) {
      try {
        return Long.parseLong(value.stringValue().trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }

  /**
   * A SCIM dateTime (xsd:dateTime, RFC 7643 §2.3.5) stored as an LDAP GeneralizedTime (RFC 4517
   * §3.3.13, always UTC) or as an Active Directory FILETIME (100-nanosecond intervals since
   * 1601-01-01 UTC, as {@code accountExpires} holds it; 0 and 2^63-1 mean "never" and read as no
   * value).
   */
  record Time(Format format) implements ValueTransform {
    /** How the directory writes a time. */
    public enum Format {
      GENERALIZED_TIME,
      FILETIME
    }

    private static final DateTimeFormatter GENERALIZED =
        DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final long FILETIME_EPOCH_SECONDS = -11_644_473_600L;

    public Time {
      Objects.requireNonNull(format);
    }

    @Override
    public List<ASN1OctetString> toLdap(List<JsonNode> scimValues, List<ASN1OctetString> current) {
      List<ASN1OctetString> out = new ArrayList<>();
      for (String text : texts(scimValues)) {
        Instant instant;
        try {
          instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
          throw ScimException.invalidValue(
              "'" + text + "' is not an xsd:dateTime such as 2011-05-13T04:42:34Z");
        }
        out.add(
            new ASN1OctetString(
                format == Format.FILETIME ? filetime(instant) : generalized(instant)));
      }
      return out;
    }

    @Override
    public List<JsonNode> toScim(List<ASN1OctetString> ldapValues) {
      List<JsonNode> out = new ArrayList<>();
      for (ASN1OctetString v : ldapValues) {
        instant(v.stringValue().trim()).ifPresent(i -> out.add(TextNode.valueOf(i.toString())));
      }
      return out;
    }

    private Optional<Instant> instant(String text) {
      try {
        if (format == Format.FILETIME) {
          long ticks = Long.parseLong(text);
          if (ticks <= 0 || ticks == Long.MAX_VALUE) {
            return Optional.empty();
          }
          return Optional.of(
              Instant.ofEpochSecond(
                  FILETIME_EPOCH_SECONDS + ticks / 10_000_000L, (ticks % 10_000_000L) * 100));
        }
        return Optional.of(StaticUtils.decodeGeneralizedTime(text).toInstant());
      } catch (NumberFormatException | ParseException | DateTimeException e) {
        return Optional.empty();
      }
    }

    private static String generalized(Instant instant) {
      return GENERALIZED.format(instant);
    }

    private static String filetime(Instant instant) {
      long seconds = instant.getEpochSecond() - FILETIME_EPOCH_SECONDS;
      return Long.toString(seconds * 10_000_000L + instant.getNano() / 100);
    }
  }

  /**
   * Binary values as SCIM text: base64 (RFC 4648 §4, what RFC 7643 §2.3.6 binary attributes are),
   * or a 16-byte id as UUID text, in the byte order of RFC 4122 or the one Active Directory uses
   * for {@code objectGUID} (the first three fields little-endian).
   */
  record Binary(Encoding encoding) implements ValueTransform {
    /** How the bytes are written as text. */
    public enum Encoding {
      BASE64,
      UUID,
      GUID
    }

    public Binary {
      Objects.requireNonNull(encoding);
    }

    @Override
    public List<ASN1OctetString> toLdap(List<JsonNode> scimValues, List<ASN1OctetString> current) {
      List<ASN1OctetString> out = new ArrayList<>();
      for (String text : texts(scimValues)) {
        out.add(new ASN1OctetString(bytes(text)));
      }
      return out;
    }

    @Override
    public List<JsonNode> toScim(List<ASN1OctetString> ldapValues) {
      List<JsonNode> out = new ArrayList<>();
      for (ASN1OctetString v : ldapValues) {
        String text = text(v.getValue());
        if (text != null) {
          out.add(TextNode.valueOf(text));
        }
      }
      return out;
    }

    /** The text of a value; null for bytes that are no id of this encoding (not 16 long). */
    public String text(byte[] bytes) {
      if (encoding == Encoding.BASE64) {
        return Base64.getEncoder().encodeToString(bytes);
      }
      if (bytes.length != 16) {
        return null;
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      if (encoding == Encoding.GUID) {
        byte[] swapped = bytes.clone();
        reverse(swapped, 0, 4);
        reverse(swapped, 4, 2);
        reverse(swapped, 6, 2);
        buffer = ByteBuffer.wrap(swapped);
      }
      return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    /** The bytes a text stands for; 400 invalidValue when it is not one. */
    public byte[] bytes(String text) {
      try {
        if (encoding == Encoding.BASE64) {
          return Base64.getDecoder().decode(text);
        }
        UUID uuid = UUID.fromString(text);
        byte[] bytes =
            ByteBuffer.allocate(16)
                .order(ByteOrder.BIG_ENDIAN)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
        if (encoding == Encoding.GUID) {
          reverse(bytes, 0, 4);
          reverse(bytes, 4, 2);
          reverse(bytes, 6, 2);
        }
        return bytes;
      } catch (IllegalArgumentException e) {
        throw ScimException.invalidValue(
            "'"
                + text
                + "' is not "
                + (encoding == Encoding.BASE64 ? "base64" : "a UUID such as 2819c223-7f76-…"));
      }
    }

    private static void reverse(byte[] bytes, int from, int length) {
      for (int i = 0; i < length / 2; i++) {
        byte b = bytes[from + i];
        bytes[from + i] = bytes[from + length - 1 - i];
        bytes[from + length - 1 - i] = b;
      }
    }
  }

  /**
   * Text steps applied to SCIM values before the last transform writes them (and undone, where a
   * step can be, after it reads them), e.g. lower case, then at most 20 characters.
   *
   * @param steps the steps, in the order they apply on a write
   * @param last the transform that turns the stepped values into LDAP values
   */
  record Chain(List<TextStep> steps, ValueTransform last) implements ValueTransform {
    public Chain {
      steps = List.copyOf(steps);
      Objects.requireNonNull(last);
    }

    @Override
    public List<ASN1OctetString> toLdap(List<JsonNode> scimValues, List<ASN1OctetString> current) {
      List<JsonNode> values = scimValues;
      for (TextStep step : steps) {
        values = map(values, step::write);
      }
      return last.toLdap(values, current);
    }

    @Override
    public List<JsonNode> toScim(List<ASN1OctetString> ldapValues) {
      List<JsonNode> values = last.toScim(ldapValues);
      for (int i = steps.size() - 1; i >= 0; i--) {
        values = map(values, steps.get(i)::read);
      }
      return values;
    }

    @Override
    public boolean needsTls() {
      return last.needsTls();
    }

    @Override
    public boolean writeOnly() {
      return last.writeOnly();
    }

    /** True when reading undoes no step: the LDAP value is the SCIM value, as for text. */
    public boolean readsAsWritten() {
      return steps.stream().allMatch(TextStep::readsAsStored);
    }

    private static List<JsonNode> map(List<JsonNode> values, Function<String, String> step) {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode v : values) {
        if (v.isTextual()) {
          String mapped = step.apply(v.textValue());
          if (mapped != null) {
            out.add(TextNode.valueOf(mapped));
          }
        } else {
          out.add(v);
        }
      }
      return out;
    }
  }

  /** The texts of SCIM values: strings as they are, numbers and booleans as their JSON text. */
  private static List<String> texts(List<JsonNode> scimValues) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : scimValues) {
      if (v.isValueNode() && !v.isNull()) {
        String text = v.asText();
        if (!text.isEmpty()) {
          out.add(text);
        }
      }
    }
    return out;
  }

  private static List<ASN1OctetString> octets(List<String> texts) {
    List<ASN1OctetString> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(new ASN1OctetString(text));
    }
    return out;
  }

  /** SCIM booleans, accepting the strings {@code "True"}/{@code "False"} some clients send. */
  static boolean bool(JsonNode v) {
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    String text = v.asText().trim().toLowerCase(Locale.ROOT);
    if (text.equals("true")) {
      return true;
    }
    if (text.equals("false")) {
      return false;
    }
    throw ScimException.invalidValue("Expected a boolean, got '" + v.asText() + "'");
  }
}
