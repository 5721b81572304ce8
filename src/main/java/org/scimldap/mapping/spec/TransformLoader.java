package org.scimldap.mapping.spec;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code transform:} of a mapping rule: a name ({@code text}, {@code boolean}, {@code
 * reference}, {@code password}) or a one-key map with arguments ({@code {presentWhenFalse: …}},
 * {@code {boolean: {true: …, false: …}}}, {@code {password: SSHA|NONE}}). Problems are reported at
 * the line and column of the value.
 */
final class TransformLoader {
  private TransformLoader() {}

  /** The transform a rule's {@code transform:} value describes. */
  static ValueTransform transform(YamlNode node) {
    if (node.isScalar()) {
      return switch (node.text()) {
        case "text" -> new ValueTransform.Text();
        case "boolean" -> new ValueTransform.BooleanText("TRUE", "FALSE");
        case "reference" -> new ValueTransform.Reference();
        case "password" -> new ValueTransform.PasswordHash(PasswordHasher.Scheme.SSHA);
        default ->
            throw node.error(
                "unknown transform '"
                    + node.text()
                    + "'; expected text, boolean, reference, password,"
                    + " or a map such as {presentWhenFalse: ...}");
      };
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
      case "password" -> {
        try {
          yield new ValueTransform.PasswordHash(
              PasswordHasher.Scheme.valueOf(arg.text().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException ex) {
          throw arg.error("unknown password scheme '" + arg.text() + "'; expected SSHA or NONE");
        }
      }
      default -> throw node.error("unknown transform '" + e.getKey() + "'");
    };
  }
}
