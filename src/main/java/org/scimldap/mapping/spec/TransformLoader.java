package org.scimldap.mapping.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code transform:} of a mapping rule: a name ({@code text}, {@code boolean}, {@code
 * reference}, {@code password}, {@code unicodePwd}, {@code guid}, …), a one-key map with arguments
 * ({@code {bit: {mask: 2, trueWhen: clear}}}), or a list of such, the text steps first and the
 * transform that writes the LDAP value last ({@code [lower, {sanitize: {maxLength: 20}}]}).
 * Problems are reported at the line and column of the value; {@code mappings/README.md} documents
 * every transform.
 */
final class TransformLoader {
  private static final String NAMES =
      "text, boolean, reference, password, unicodePwd, base64, uuid, guid, generalizedTime,"
          + " filetime, lower, upper, postalAddress, or a map such as {presentWhenFalse: ...}, {bit: ...},"
          + " {boolean: ...}, {sanitize: ...}, {replace: ...}, {lookup: ...}, {country: ...}";

  /** What Active Directory refuses in {@code sAMAccountName}. */
  static final String AD_FORBIDDEN = "\"/\\[]:;|=,+*?<>";

  private TransformLoader() {}

  /** The transform a rule's {@code transform:} value describes. */
  static ValueTransform transform(YamlNode node) {
    if (!node.isList()) {
      Object one = element(node);
      return one instanceof TextStep step
          ? new ValueTransform.Chain(List.of(step), new ValueTransform.Text())
          : (ValueTransform) one;
    }
    List<YamlNode> items = node.list();
    if (items.isEmpty()) {
      throw node.error("a transform list needs at least one transform");
    }
    List<TextStep> steps = new ArrayList<>();
    ValueTransform last = new ValueTransform.Text();
    for (int i = 0; i < items.size(); i++) {
      Object one = element(items.get(i));
      if (one instanceof TextStep step) {
        steps.add(step);
        continue;
      }
      if (i != items.size() - 1) {
        throw items.get(i).error("only text steps may come before the last transform of a list");
      }
      last = (ValueTransform) one;
      if (!steps.isEmpty() && !takesSteps(last)) {
        throw items.get(i).error("text steps cannot come before this transform");
      }
    }
    return steps.isEmpty() ? last : new ValueTransform.Chain(steps, last);
  }

  private static boolean takesSteps(ValueTransform t) {
    return t instanceof ValueTransform.Text
        || t instanceof ValueTransform.BooleanText
        || t instanceof ValueTransform.Time
        || t instanceof ValueTransform.Binary;
  }

  /** A {@link TextStep} or a {@link ValueTransform}. */
  private static Object element(YamlNode node) {
    if (node.isScalar()) {
      return named(node);
    }
    Map<String, YamlNode> entries = node.entries();
    if (entries.size() != 1) {
      throw node.error("a transform map has exactly one key");
    }
    Map.Entry<String, YamlNode> e = entries.entrySet().iterator().next();
    YamlNode arg = e.getValue();
    return switch (e.getKey()) {
      case "presentWhenFalse" -> new ValueTransform.PresentWhenFalse(arg.text());
      case "boolean" -> {
        arg.requireKeys(Set.of("true", "false"), Set.of("true", "false"));
        yield new ValueTransform.BooleanText(
            arg.require("true").text(), arg.require("false").text());
      }
      case "password" -> password(arg);
      case "bit" -> bit(arg);
      case "time" -> time(arg);
      case "binary" -> binary(arg);
      case "case" ->
          switch (arg.text()) {
            case "upper" -> new TextStep.Case(true);
            case "lower" -> new TextStep.Case(false);
            default -> throw arg.error("case is upper or lower, got '" + arg.text() + "'");
          };
      case "sanitize" -> sanitize(arg);
      case "replace" -> replace(arg);
      case "lookup" -> lookup(arg);
      case "country" ->
          switch (arg.text()) {
            case "code" -> new TextStep.Country(TextStep.Country.Form.CODE);
            case "name" -> new TextStep.Country(TextStep.Country.Form.NAME);
            case "number" -> new TextStep.Country(TextStep.Country.Form.NUMBER);
            default -> throw arg.error("country is code, name or number, got '" + arg.text() + "'");
          };
      default -> throw node.error("unknown transform '" + e.getKey() + "'; expected " + NAMES);
    };
  }

  private static Object named(YamlNode node) {
    return switch (node.text()) {
      case "text" -> new ValueTransform.Text();
      case "boolean" -> new ValueTransform.BooleanText("TRUE", "FALSE");
      case "reference" -> new ValueTransform.Reference();
      case "password" -> new ValueTransform.PasswordHash(PasswordHasher.Scheme.SSHA);
      case "unicodePwd" -> new ValueTransform.PasswordHash(PasswordHasher.Scheme.UNICODE_PWD);
      case "base64" -> new ValueTransform.Binary(ValueTransform.Binary.Encoding.BASE64);
      case "uuid" -> new ValueTransform.Binary(ValueTransform.Binary.Encoding.UUID);
      case "guid" -> new ValueTransform.Binary(ValueTransform.Binary.Encoding.GUID);
      case "generalizedTime" ->
          new ValueTransform.Time(ValueTransform.Time.Format.GENERALIZED_TIME);
      case "filetime" -> new ValueTransform.Time(ValueTransform.Time.Format.FILETIME);
      case "lower" -> new TextStep.Case(false);
      case "upper" -> new TextStep.Case(true);
      case "postalAddress" -> new TextStep.PostalAddress();
      default -> throw node.error("unknown transform '" + node.text() + "'; expected " + NAMES);
    };
  }

  /**
   * {@code {password: SSHA}}, or {@code {password: {scheme: SSHA, preHashed: accept}}} to store a
   * value that is already an RFC 2307 hash as it is.
   */
  private static ValueTransform password(YamlNode arg) {
    if (arg.isMap()) {
      arg.requireKeys(Set.of("scheme", "preHashed"), Set.of("scheme"));
      boolean accept =
          arg.get("preHashed")
              .map(
                  p ->
                      switch (p.text()) {
                        case "accept" -> true;
                        case "hash" -> false;
                        default ->
                            throw p.error(
                                "preHashed is accept or hash (the default), got '"
                                    + p.text()
                                    + "'");
                      })
              .orElse(false);
      PasswordHasher.Scheme scheme = scheme(arg.require("scheme"));
      if (accept && scheme == PasswordHasher.Scheme.UNICODE_PWD) {
        throw arg.error("preHashed: accept is not possible with unicodePwd");
      }
      return new ValueTransform.PasswordHash(scheme, accept);
    }
    return new ValueTransform.PasswordHash(scheme(arg));
  }

  private static PasswordHasher.Scheme scheme(YamlNode arg) {
    return switch (arg.text()) {
      case "SSHA", "ssha" -> PasswordHasher.Scheme.SSHA;
      case "NONE", "none" -> PasswordHasher.Scheme.NONE;
      case "unicodePwd" -> PasswordHasher.Scheme.UNICODE_PWD;
      default ->
          throw arg.error(
              "unknown password scheme '" + arg.text() + "'; expected SSHA, NONE or unicodePwd");
    };
  }

  private static ValueTransform bit(YamlNode arg) {
    arg.requireKeys(
        Set.of("mask", "trueWhen", "initial", "matchingRule"), Set.of("mask", "trueWhen"));
    long mask = number(arg.require("mask"));
    if (Long.bitCount(mask) != 1) {
      throw arg.require("mask").error("mask must be one bit (1, 2, 4, 8, …), got " + mask);
    }
    YamlNode when = arg.require("trueWhen");
    boolean setWhenTrue =
        switch (when.text()) {
          case "set" -> true;
          case "clear" -> false;
          default -> throw when.error("trueWhen is set or clear, got '" + when.text() + "'");
        };
    long initial = arg.get("initial").map(TransformLoader::number).orElse(0L);
    String rule = arg.get("matchingRule").map(YamlNode::text).orElse("");
    if (!rule.isEmpty() && !rule.matches("[0-9]+(\\.[0-9]+)+")) {
      throw arg.require("matchingRule")
          .error("matchingRule must be an OID such as 1.2.840.113556.1.4.803");
    }
    return new ValueTransform.Bit(mask, setWhenTrue, initial, rule);
  }

  private static ValueTransform time(YamlNode arg) {
    return switch (arg.text()) {
      case "generalizedTime" ->
          new ValueTransform.Time(ValueTransform.Time.Format.GENERALIZED_TIME);
      case "filetime" -> new ValueTransform.Time(ValueTransform.Time.Format.FILETIME);
      default -> throw arg.error("time is generalizedTime or filetime, got '" + arg.text() + "'");
    };
  }

  private static ValueTransform binary(YamlNode arg) {
    return switch (arg.text()) {
      case "base64" -> new ValueTransform.Binary(ValueTransform.Binary.Encoding.BASE64);
      case "uuid" -> new ValueTransform.Binary(ValueTransform.Binary.Encoding.UUID);
      case "guid" -> new ValueTransform.Binary(ValueTransform.Binary.Encoding.GUID);
      default -> throw arg.error("binary is base64, uuid or guid, got '" + arg.text() + "'");
    };
  }

  private static TextStep sanitize(YamlNode arg) {
    arg.requireKeys(Set.of("maxLength", "forbidden", "replacement"), Set.of("maxLength"));
    long max = number(arg.require("maxLength"));
    if (max < 1 || max > 10_000) {
      throw arg.require("maxLength").error("maxLength must be between 1 and 10000, got " + max);
    }
    return new TextStep.Sanitize(
        (int) max,
        arg.get("forbidden").map(YamlNode::text).orElse(AD_FORBIDDEN),
        arg.get("replacement").map(YamlNode::text).orElse("_"));
  }

  private static TextStep replace(YamlNode arg) {
    arg.requireKeys(Set.of("pattern", "with"), Set.of("pattern", "with"));
    YamlNode pattern = arg.require("pattern");
    try {
      return new TextStep.Replace(Pattern.compile(pattern.text()), arg.require("with").text());
    } catch (PatternSyntaxException e) {
      throw pattern.error("not a valid regular expression: " + e.getDescription());
    }
  }

  private static TextStep lookup(YamlNode arg) {
    arg.requireKeys(Set.of("table", "others"), Set.of("table"));
    Map<String, String> table = new LinkedHashMap<>();
    Set<String> targets = new HashSet<>();
    for (Map.Entry<String, YamlNode> e : arg.require("table").entries().entrySet()) {
      String to = e.getValue().text();
      if (!targets.add(to.toLowerCase(Locale.ROOT))) {
        throw e.getValue()
            .error("'" + to + "' is the value of two keys; a lookup reads back one way");
      }
      table.put(e.getKey(), to);
    }
    boolean strict =
        arg.get("others")
            .map(
                o ->
                    switch (o.text()) {
                      case "keep" -> false;
                      case "drop" -> true;
                      default -> throw o.error("others is keep or drop, got '" + o.text() + "'");
                    })
            .orElse(false);
    return new TextStep.Lookup(table, strict);
  }

  private static long number(YamlNode node) {
    try {
      return Long.decode(node.text().trim());
    } catch (NumberFormatException e) {
      throw node.error("expected a whole number, got '" + node.text() + "'");
    }
  }
}
