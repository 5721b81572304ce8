package org.scimldap.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a configuration file with environment
 * values, so secrets stay out of committed files. The meaning follows the POSIX shell's parameter
 * expansion: {@code ${NAME}} is the variable's value, and an error naming the variable if it is
 * unset; {@code ${NAME:-default}} is the default when the variable is unset or empty.
 *
 * <p>References are first masked by plain tokens ({@link #mask}), the file is parsed, and then each
 * parsed key and text value is {@linkplain #resolve resolved}: a reference may stand anywhere (flow
 * lists, keys), the value it brings may hold any character, and it never shows up in a parse error.
 * Text that is not a reference, such as {@code $HOME} or {@code ${1}}, stays as written.
 *
 * <p>Used for {@code config/gateway.yaml} ({@code ConfigFileReader}) and for mapping files.
 */
public final class EnvInterpolator {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}\\r\\n]*))?}");

  private final String masked;
  private final List<Reference> references;
  private final Pattern token;
  private final Map<String, String> env;

  private EnvInterpolator(
      String masked, List<Reference> references, Pattern token, Map<String, String> env) {
    this.masked = masked;
    this.references = List.copyOf(references);
    this.token = token;
    this.env = Map.copyOf(env);
  }

  /** Masks the references of {@code text}; {@link #masked()} is then what the YAML parser reads. */
  public static EnvInterpolator mask(String text, Map<String, String> env) {
    String prefix = "GATEWAYENVREF";
    while (text.contains(prefix)) {
      prefix += "Z";
    }
    List<Reference> references = new ArrayList<>();
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    int line = 1;
    int lineStart = 0;
    int scanned = 0;
    while (m.find()) {
      for (int i = scanned; i < m.start(); i++) {
        if (text.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      scanned = m.start();
      String token = prefix + references.size() + "X";
      int column = text.codePointCount(lineStart, m.start()) + 1;
      references.add(
          new Reference(m.group(1), m.group(2), line, column, m.group().length(), token.length()));
      m.appendReplacement(out, token);
    }
    m.appendTail(out);
    Pattern token = Pattern.compile(Pattern.quote(prefix) + "([0-9]+)X");
    return new EnvInterpolator(out.toString(), references, token, env);
  }

  /** The text with each reference replaced by a token that YAML reads as plain text. */
  public String masked() {
    return masked;
  }

  /**
   * The column in the original text of a position the YAML parser gives in {@link #masked()} (lines
   * are the same in both; columns count code points from 1, as the parser does). A position inside
   * a token is that of its reference.
   */
  public int originalColumn(int line, int maskedColumn) {
    int shift = 0;
    for (Reference r : references) {
      if (r.line() != line) {
        continue;
      }
      int maskedStart = r.column() - shift;
      if (maskedColumn < maskedStart) {
        break;
      }
      if (maskedColumn < maskedStart + r.tokenLength()) {
        return r.column();
      }
      shift += r.length() - r.tokenLength();
    }
    return maskedColumn + shift;
  }

  /**
   * A key or text value parsed from {@link #masked()}, with each token replaced by the value of its
   * reference.
   *
   * @throws UnsetVariableException naming the variable when a reference without a default names an
   *     unset variable; the message holds no value
   */
  public String resolve(String parsed) {
    Matcher m = token.matcher(parsed);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int i = Integer.parseInt(m.group(1));
      String value = i < references.size() ? references.get(i).valueIn(env) : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * One {@code ${name}} or {@code ${name:-fallback}} ({@code fallback} is null without one), at
   * {@code line} and {@code column} of the original text, {@code length} characters long, masked by
   * a token of {@code tokenLength}.
   */
  private record Reference(
      String name, String fallback, int line, int column, int length, int tokenLength) {
    String valueIn(Map<String, String> env) {
      String value = env.get(name);
      if (fallback != null) {
        return value == null || value.isEmpty() ? fallback : value;
      }
      if (value == null) {
        throw new UnsetVariableException(
            name,
            line,
            column,
            "${"
                + name
                + "} names the environment variable "
                + name
                + ", which is not set (${"
                + name
                + ":-} would make it empty)");
      }
      return value;
    }
  }
}
