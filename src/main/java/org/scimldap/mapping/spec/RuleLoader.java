package org.scimldap.mapping.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.PathParser;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Reads one attribute rule of a mapping file, checking each of its keys on its own: a rule with a
 * bad path and a bad transform reports both. SCIM paths are parsed with the parser PATCH uses and
 * must name attributes of the resource type's schemas.
 */
final class RuleLoader {
  static final Pattern LDAP_ATTRIBUTE =
      Pattern.compile("^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)+)(;[A-Za-z0-9-]+)*$");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
  private static final Set<String> RULE_KEYS =
      Set.of("scim", "ldap", "store", "direction", "fallback", "transform", "primary", "unique");

  private RuleLoader() {}

  /** The rule at {@code node}; empty when it has a problem, which is in {@code problems}. */
  static Optional<AttributeRule> rule(YamlNode node, ResourceSchema schema, Problems problems) {
    int before = problems.count();
    List<MappingFileException> unknownKeys = node.unknownKeys(RULE_KEYS);
    problems.addAll(unknownKeys);
    if (!node.isMap()) {
      return Optional.empty();
    }
    Optional<ScimPath> scim =
        problems.attempt(() -> path(node.require("scim"), node.require("scim").text(), schema));
    Optional<Boolean> store =
        problems.attempt(() -> node.get("store").map(YamlNode::bool).orElse(false));
    Optional<String> ldap = problems.attempt(() -> ldapAttribute(node));
    // A misspelt key may be the 'ldap' or 'store' this check would miss: it is reported already.
    if (store.isPresent() && ldap.isPresent() && unknownKeys.isEmpty()) {
      if (store.get() == !ldap.get().isEmpty()) {
        problems.add(
            node.error("a rule needs exactly one of 'ldap: <attribute>' or 'store: true'"));
      } else if (store.get()
          && scim.isPresent()
          && !scim.get().toString().equalsIgnoreCase("externalId")) {
        problems.add(node.error("only externalId can be kept in the correlation store"));
      }
    }
    Optional<Direction> direction =
        problems.attempt(
            () -> node.get("direction").map(RuleLoader::direction).orElse(Direction.BOTH));
    List<Fallback> fallbacks = fallbacks(node, schema, problems);
    Optional<ValueTransform> transform =
        problems.attempt(
            () ->
                node.get("transform")
                    .map(TransformLoader::transform)
                    .orElse(new ValueTransform.Text()));
    if (transform.orElse(null) instanceof ValueTransform.PasswordHash && direction.isPresent()) {
      if (direction.get() == Direction.TO_SCIM) {
        problems.add(
            node.require("direction")
                .error("a password is never read back, so a password rule cannot be toScim"));
      }
      direction = Optional.of(Direction.TO_LDAP);
    }
    Optional<Boolean> primary =
        problems.attempt(() -> node.get("primary").map(YamlNode::bool).orElse(false));
    Optional<Direction> writes = direction;
    Optional<Boolean> unique = problems.attempt(() -> unique(node, store, writes, transform));
    boolean suffixed =
        node.get("unique")
            .filter(YamlNode::isScalar)
            .map(u -> u.text().equals("suffix"))
            .orElse(false);
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new AttributeRule(
            scim.orElseThrow(),
            ldap.orElseThrow(),
            store.orElseThrow() ? AttributeRule.Source.STORE : AttributeRule.Source.LDAP,
            direction.orElseThrow(),
            fallbacks,
            transform.orElseThrow(),
            primary.orElseThrow(),
            node.where(),
            unique.orElseThrow(),
            suffixed));
  }

  /**
   * {@code unique: true}: only for a rule that writes an LDAP attribute the gateway can search by
   * (not the store, not a password); false when the parts it depends on have problems of their own.
   */
  private static boolean unique(
      YamlNode node,
      Optional<Boolean> store,
      Optional<Direction> direction,
      Optional<ValueTransform> transform) {
    Optional<YamlNode> u = node.get("unique");
    if (u.isEmpty() || (!u.get().text().equals("suffix") && !u.get().bool())) {
      return false;
    }
    if (store.orElse(false)) {
      throw u.get().error("a value kept in the correlation store cannot be unique");
    }
    if (direction.orElse(Direction.BOTH) == Direction.TO_SCIM) {
      throw u.get().error("a toScim rule never writes, so its values cannot be checked as unique");
    }
    if (transform.orElse(null) instanceof ValueTransform.PasswordHash) {
      throw u.get().error("a password cannot be unique");
    }
    return true;
  }

  /** The rule's LDAP attribute, checked; empty when the rule has none. */
  private static String ldapAttribute(YamlNode node) {
    Optional<YamlNode> ldap = node.get("ldap");
    String name = ldap.map(YamlNode::text).orElse("");
    if (!name.isEmpty()) {
      checkLdapAttribute(ldap.get(), name);
    }
    return name;
  }

  /** Each fallback checked on its own; the problems of those that fail go to {@code problems}. */
  private static List<Fallback> fallbacks(YamlNode node, ResourceSchema schema, Problems problems) {
    List<Fallback> fallbacks = new ArrayList<>();
    Optional<YamlNode> list = node.get("fallback");
    if (list.isPresent()) {
      for (String text : problems.attempt(() -> list.get().texts()).orElse(List.of())) {
        problems.attempt(() -> fallback(list.get(), text, schema)).ifPresent(fallbacks::add);
      }
    }
    return fallbacks;
  }

  /** A fallback: a SCIM path, or a template with {@code {path}} placeholders. */
  static Fallback fallback(YamlNode node, String text, ResourceSchema schema) {
    if (!text.contains("{")) {
      return new Fallback.FromPath(path(node, text, schema));
    }
    List<Object> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        parts.add(text.substring(at, m.start()));
      }
      parts.add(path(node, m.group(1), schema));
      at = m.end();
    }
    if (at < text.length()) {
      parts.add(text.substring(at));
    }
    if (parts.stream().noneMatch(p -> p instanceof ScimPath)
        || parts.stream()
            .anyMatch(p -> p instanceof String s && (s.contains("{") || s.contains("}")))) {
      throw node.error("template '" + text + "' needs {path} placeholders with balanced braces");
    }
    return new Fallback.FromTemplate(text, parts);
  }

  private static Direction direction(YamlNode node) {
    return switch (node.text()) {
      case "both" -> Direction.BOTH;
      case "toLdap" -> Direction.TO_LDAP;
      case "toScim" -> Direction.TO_SCIM;
      default ->
          throw node.error("direction must be both, toLdap or toScim, got '" + node.text() + "'");
    };
  }

  /** A SCIM path that names an attribute (and sub-attribute) of the type's schemas. */
  static ScimPath path(YamlNode node, String text, ResourceSchema schema) {
    ScimPath path;
    try {
      path = PathParser.parse(text.trim());
    } catch (ScimException e) {
      throw node.error("'" + text + "' is not a valid SCIM path: " + e.detail());
    }
    if (schema.resolve(path.attribute()).isEmpty()) {
      throw node.error(
          "'" + text + "' is not an attribute of " + schema.name() + " or its extensions",
          hint(path.attribute(), schema));
    }
    if (path.subAttribute() != null
        && schema.resolve(path.attribute().withSubAttribute(path.subAttribute())).isEmpty()) {
      throw node.error(
          "'" + path.subAttribute() + "' is not a sub-attribute of " + path.attribute(),
          hint(path.attribute().withSubAttribute(path.subAttribute()), schema));
    }
    return path;
  }

  /** The closest known attribute (or sub-attribute of a known attribute) to an unknown one. */
  private static String hint(AttributePath unknown, ResourceSchema schema) {
    Optional<ResourceSchema.Resolved> parent = schema.resolve(unknown.parent());
    if (unknown.hasSubAttribute() && parent.isPresent()) {
      List<String> subs =
          parent.get().attribute().subAttributes().stream().map(AttributeDefinition::name).toList();
      return Suggestions.closest(unknown.subAttribute(), subs)
          .map(s -> "did you mean '" + unknown.parent() + "." + s + "'?")
          .orElse("");
    }
    List<String> names =
        schema.allSchemas().stream()
            .flatMap(s -> s.attributes().stream())
            .map(AttributeDefinition::name)
            .toList();
    return Suggestions.hint(unknown.name(), names);
  }

  static void checkLdapAttribute(YamlNode node, String name) {
    if (!LDAP_ATTRIBUTE.matcher(name).matches()) {
      throw node.error("'" + name + "' is not a valid LDAP attribute name");
    }
  }
}
