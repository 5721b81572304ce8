package org.scimldap.mapping.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.AttributeType;
import org.scimldap.scim.schema.Mutability;
import org.scimldap.scim.schema.Returned;
import org.scimldap.scim.schema.ScimSchema;
import org.scimldap.scim.schema.Uniqueness;

/**
 * Reads the extension schemas a mapping file declares, in the shape of RFC 7643 §7 (the {@code
 * /Schemas} representation, as YAML): {@code id} (the schema URN), {@code name}, {@code
 * description} and {@code attributes}, each attribute with {@code name}, {@code type}, {@code
 * multiValued}, {@code required}, {@code caseExact}, {@code mutability}, {@code returned}, {@code
 * uniqueness}, {@code canonicalValues}, {@code referenceTypes}, {@code description} and, for a
 * complex one, {@code subAttributes}. Omitted characteristics take the defaults of RFC 7643 §2.2.
 *
 * <p>Every declaration, attribute and key is checked on its own, so one file reports all of its
 * problems: the URN syntax (RFC 8141), attribute names ({@code ATTRNAME} of RFC 7643 §2.1), known
 * types and characteristics, no name twice (names compare case-insensitively), sub-attributes only
 * for complex attributes and never nested deeper (RFC 7643 §2.3.8), {@code referenceTypes} only for
 * references, no URN declared twice or taken from the schemas the gateway has built in.
 */
final class SchemaDeclarationLoader {
  /** {@code urn:NID:NSS} with colon-separated segments the SCIM path grammar can carry. */
  private static final Pattern URN =
      Pattern.compile(
          "^urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9](:[A-Za-z0-9._~-]+)+$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern ATTRNAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]*$");
  private static final Set<String> SCHEMA_KEYS = Set.of("id", "name", "description", "attributes");
  private static final Set<String> ATTRIBUTE_KEYS =
      Set.of(
          "name",
          "type",
          "multiValued",
          "description",
          "required",
          "caseExact",
          "mutability",
          "returned",
          "uniqueness",
          "canonicalValues",
          "referenceTypes",
          "subAttributes");

  /** Declared schemas by lower-cased URN, and where each is declared. */
  private final Map<String, ScimSchema> declared = new LinkedHashMap<>();

  private final Map<String, String> places = new HashMap<>();
  private final Set<String> failed = new HashSet<>();
  private final Map<String, ScimSchema> builtIn;

  /**
   * @param builtIn the schemas the gateway knows without a declaration, by lower-cased URN
   */
  SchemaDeclarationLoader(Map<String, ScimSchema> builtIn) {
    this.builtIn = Map.copyOf(builtIn);
  }

  /** The schema declared (so far) with this URN, compared ignoring case. */
  Optional<ScimSchema> find(String urn) {
    return Optional.ofNullable(declared.get(key(urn)));
  }

  /**
   * True when a declaration of this URN was read and had problems (already reported): what refers
   * to it is not checked further.
   */
  boolean failed(String urn) {
    return failed.contains(key(urn));
  }

  /** Reads the top-level {@code schemas:} list; problems go to {@code problems}. */
  void declareAll(YamlNode list, Problems problems) {
    Optional<List<YamlNode>> items = problems.attempt(list::list);
    for (YamlNode item : items.orElse(List.of())) {
      int before = problems.count();
      problems.addAll(item.unknownKeys(SCHEMA_KEYS));
      if (item.isMap()) {
        Optional<YamlNode> id = problems.attempt(() -> item.require("id"));
        id.ifPresent(
            idNode -> declare(item, idNode, problems, before).ifPresent(s -> remember(s, idNode)));
      }
    }
  }

  /**
   * Reads a declaration written in place of an extension URN, whose URN is at {@code idNode} and
   * whose other keys ({@code name}, {@code description}, {@code attributes}) are in {@code node};
   * the caller has checked the keys. Empty when it has a problem, which is in {@code problems}.
   */
  Optional<ScimSchema> declareInline(YamlNode node, YamlNode idNode, Problems problems) {
    Optional<ScimSchema> schema = declare(node, idNode, problems, problems.count());
    schema.ifPresent(s -> remember(s, idNode));
    return schema;
  }

  private void remember(ScimSchema schema, YamlNode idNode) {
    declared.put(key(schema.id()), schema);
    places.put(key(schema.id()), idNode.where());
  }

  private Optional<ScimSchema> declare(
      YamlNode node, YamlNode idNode, Problems problems, int before) {
    Optional<String> id = problems.attempt(() -> urn(idNode));
    problems.attempt(idNode::text).ifPresent(urn -> failed.add(key(urn.trim())));
    Optional<String> name = problems.attempt(() -> optionalText(node, "name"));
    Optional<String> description = problems.attempt(() -> optionalText(node, "description"));
    Optional<List<AttributeDefinition>> attributes =
        problems
            .attempt(() -> node.require("attributes"))
            .flatMap(a -> attributes(a, false, problems));
    if (problems.count() > before) {
      return Optional.empty();
    }
    failed.remove(key(id.get()));
    return Optional.of(
        new ScimSchema(
            id.orElseThrow(), name.orElseThrow(), description.orElseThrow(), attributes.get()));
  }

  private String urn(YamlNode node) {
    String urn = node.text().trim();
    if (!URN.matcher(urn).matches()) {
      throw node.error(
          "'"
              + urn
              + "' is not a schema URN: it must look like"
              + " urn:example:params:scim:schemas:extension:acme:2.0:User (RFC 8141; letters,"
              + " digits and '-', '.', '_', '~' between the colons)");
    }
    if (builtIn.containsKey(key(urn))) {
      throw node.error(
          "'" + urn + "' is a schema the gateway has built in; list it, do not declare it");
    }
    String earlier = places.get(key(urn));
    if (earlier != null) {
      throw node.error("schema '" + urn + "' is already declared at " + earlier);
    }
    return urn;
  }

  /** The attributes (or sub-attributes) in {@code list}: at least one, each name once. */
  private Optional<List<AttributeDefinition>> attributes(
      YamlNode list, boolean subs, Problems problems) {
    Optional<List<YamlNode>> items = problems.attempt(list::list);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    int before = problems.count();
    if (items.get().isEmpty()) {
      problems.add(list.error((subs ? "a complex attribute" : "a schema") + " needs attributes"));
    }
    List<AttributeDefinition> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (YamlNode item : items.get()) {
      Optional<AttributeDefinition> def = attribute(item, subs, problems);
      if (def.isEmpty()) {
        continue;
      }
      String earlier = seen.putIfAbsent(key(def.get().name()), item.where());
      if (earlier != null) {
        problems.add(
            item.require("name")
                .error(
                    (subs ? "sub-attribute '" : "attribute '")
                        + def.get().name()
                        + "' is already declared at "
                        + earlier
                        + " (names compare ignoring case)"));
      }
      out.add(def.get());
    }
    return problems.count() > before ? Optional.empty() : Optional.of(out);
  }

  private Optional<AttributeDefinition> attribute(YamlNode node, boolean sub, Problems problems) {
    int before = problems.count();
    problems.addAll(node.unknownKeys(ATTRIBUTE_KEYS));
    if (!node.isMap()) {
      return Optional.empty();
    }
    Optional<String> name = problems.attempt(() -> attributeName(node.require("name"), sub));
    Optional<AttributeType> type =
        problems.attempt(
            () -> node.get("type").map(SchemaDeclarationLoader::type).orElse(AttributeType.STRING));
    Optional<Boolean> multiValued = flag(node, "multiValued", problems);
    Optional<Boolean> required = flag(node, "required", problems);
    Optional<Boolean> caseExact = flag(node, "caseExact", problems);
    Optional<String> description = problems.attempt(() -> optionalText(node, "description"));
    Optional<Mutability> mutability =
        characteristic(
            node,
            "mutability",
            Mutability.values(),
            Mutability::wireName,
            Mutability.READ_WRITE,
            problems);
    Optional<Returned> returned =
        characteristic(
            node, "returned", Returned.values(), Returned::wireName, Returned.DEFAULT, problems);
    Optional<Uniqueness> uniqueness =
        characteristic(
            node,
            "uniqueness",
            Uniqueness.values(),
            Uniqueness::wireName,
            Uniqueness.NONE,
            problems);
    Optional<List<String>> canonical = texts(node, "canonicalValues", problems);
    Optional<List<String>> referenceTypes = texts(node, "referenceTypes", problems);
    Optional<List<AttributeDefinition>> subAttributes = subAttributes(node, type, sub, problems);
    if (type.isPresent()
        && type.get() != AttributeType.REFERENCE
        && node.get("referenceTypes").isPresent()) {
      problems.add(
          node.require("referenceTypes").error("only a reference attribute has referenceTypes"));
    }
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new AttributeDefinition(
            name.orElseThrow(),
            type.orElseThrow(),
            multiValued.orElseThrow(),
            description.orElseThrow(),
            required.orElseThrow(),
            caseExact.orElseThrow(),
            mutability.orElseThrow(),
            returned.orElseThrow(),
            uniqueness.orElseThrow(),
            canonical.orElseThrow(),
            referenceTypes.orElseThrow(),
            subAttributes.orElseThrow()));
  }

  /**
   * The sub-attributes of a complex attribute (which needs some); none for other types, which may
   * not have any, nor may a sub-attribute be complex (RFC 7643 §2.3.8).
   */
  private Optional<List<AttributeDefinition>> subAttributes(
      YamlNode node, Optional<AttributeType> type, boolean sub, Problems problems) {
    Optional<YamlNode> subs = node.get("subAttributes");
    if (type.isEmpty()) {
      return Optional.of(List.of());
    }
    if (type.get() == AttributeType.COMPLEX) {
      if (sub) {
        problems.add(
            node.require("type")
                .error("a sub-attribute cannot be complex (RFC 7643 §2.3.8: one level only)"));
        return Optional.empty();
      }
      if (subs.isEmpty()) {
        problems.add(node.error("a complex attribute needs subAttributes"));
        return Optional.empty();
      }
      return attributes(subs.get(), true, problems);
    }
    if (subs.isPresent()) {
      problems.add(
          subs.get()
              .error(
                  "only a complex attribute has subAttributes; this one is "
                      + type.get().wireName()));
      return Optional.empty();
    }
    return Optional.of(List.of());
  }

  private static String attributeName(YamlNode node, boolean sub) {
    String name = node.text();
    if (sub && name.equals("$ref")) {
      return name;
    }
    if (!ATTRNAME.matcher(name).matches()) {
      throw node.error(
          "'"
              + name
              + "' is not an attribute name: a letter, then letters, digits, '-' or '_'"
              + " (RFC 7643 §2.1)");
    }
    return name;
  }

  private static AttributeType type(YamlNode node) {
    String text = node.text();
    for (AttributeType t : AttributeType.values()) {
      if (t.wireName().equals(text)) {
        return t;
      }
    }
    List<String> names = List.of(AttributeType.values()).stream().map(t -> t.wireName()).toList();
    throw node.error(
        "unknown attribute type '" + text + "'; expected one of " + names,
        Suggestions.hint(text, names));
  }

  private static <E> Optional<E> characteristic(
      YamlNode node,
      String key,
      E[] values,
      Function<E, String> wireName,
      E fallback,
      Problems problems) {
    return problems.attempt(
        () -> {
          Optional<YamlNode> n = node.get(key);
          if (n.isEmpty()) {
            return fallback;
          }
          String text = n.get().text();
          List<String> names = new ArrayList<>();
          for (E v : values) {
            if (wireName.apply(v).equals(text)) {
              return v;
            }
            names.add(wireName.apply(v));
          }
          throw n.get()
              .error(
                  key + " is one of " + names + ", got '" + text + "'",
                  Suggestions.hint(text, names));
        });
  }

  private static Optional<Boolean> flag(YamlNode node, String key, Problems problems) {
    return problems.attempt(() -> node.get(key).map(YamlNode::bool).orElse(false));
  }

  private static Optional<List<String>> texts(YamlNode node, String key, Problems problems) {
    return problems.attempt(() -> node.get(key).map(YamlNode::texts).orElse(List.of()));
  }

  private static String optionalText(YamlNode node, String key) {
    return node.get(key).map(YamlNode::text).orElse("");
  }

  private static String key(String urn) {
    return urn.toLowerCase(Locale.ROOT);
  }
}
