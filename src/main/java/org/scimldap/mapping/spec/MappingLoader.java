package org.scimldap.mapping.spec;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scimldap.config.ConfigException;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Reads and validates a mapping file completely. Every problem is reported as {@code
 * file:line:column: message}, and all of them at once: each resource type, each of its keys and
 * each attribute rule is checked on its own ({@link Problems}), so one mistake never hides the
 * next. Unknown keys are errors; SCIM paths are parsed with the same parser PATCH uses and must
 * name attributes of the resource type's schemas. The format is described in {@code
 * mappings/README.md}.
 */
public final class MappingLoader {
  /** The bundled presets, by the names that select them ({@code GATEWAY_MAPPING=openldap}). */
  static final List<String> PRESETS = List.of("openldap", "active-directory", "389ds");

  private static final Pattern RDN_TEMPLATE =
      Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9-]*)\\s*=\\s*\\{([^}]+)}\\s*$");
  private static final Set<String> TOP_KEYS = Set.of("version", "schemas", "resourceTypes");
  private static final Set<String> TYPE_KEYS =
      Set.of(
          "endpoint",
          "schema",
          "extensions",
          "objectClasses",
          "container",
          "searchBase",
          "rdn",
          "filter",
          "protect",
          "id",
          "attributes",
          "members",
          "unmapped",
          "adopt",
          "delete",
          "groups");

  private MappingLoader() {}

  /**
   * Loads a mapping from a file, or from the bundled presets when no such file exists; a file with
   * problems is a {@link ConfigException} listing all of them. {@code ${NAME}} references are
   * replaced from the process environment.
   */
  public static MappingSpec load(String location) {
    return read(location).orElseThrow();
  }

  /** Parses and validates mapping text; {@code name} is used in messages. */
  public static MappingSpec parse(String name, String text) {
    return check(name, text).orElseThrow();
  }

  /**
   * Reads a mapping file, or a bundled preset when no such file exists, and reports every problem
   * in it. Fails only when there is nothing to read.
   */
  public static MappingReport read(String location) {
    return read(location, System.getenv());
  }

  /**
   * {@link #read(String)}, with {@code ${NAME}} and {@code ${NAME:-default}} replaced from {@code
   * env}.
   */
  public static MappingReport read(String location, Map<String, String> env) {
    Path file = Path.of(location);
    if (Files.isRegularFile(file)) {
      try {
        return check(location, Files.readString(file, StandardCharsets.UTF_8), env);
      } catch (CharacterCodingException e) {
        throw new ConfigException(
            "Cannot read mapping file " + file + ": it is not UTF-8 text (save it as UTF-8)", e);
      } catch (IOException e) {
        throw new ConfigException("Cannot read mapping file " + file + ": " + e.getMessage(), e);
      }
    }
    String name = file.getFileName().toString();
    if (!name.endsWith(".yaml") && !name.endsWith(".yml") && !location.contains("/")) {
      name = name + ".yaml";
    }
    String preset = "mappings/" + name;
    try (InputStream in = MappingLoader.class.getClassLoader().getResourceAsStream(preset)) {
      if (in == null) {
        throw new ConfigException(
            "Mapping file "
                + location
                + " not found (nor a bundled preset of that name: "
                + String.join(", ", PRESETS)
                + ")");
      }
      return check("preset:" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8), env);
    } catch (IOException e) {
      throw new ConfigException("Cannot read bundled mapping " + preset + ": " + e.getMessage(), e);
    }
  }

  /** Validates mapping text completely; {@code name} is used in messages. */
  public static MappingReport check(String name, String text) {
    return check(name, text, System.getenv());
  }

  /**
   * Validates mapping text completely, with {@code ${NAME}} and {@code ${NAME:-default}} replaced
   * from {@code env}; a reference to an unset variable without a default is a problem at its place.
   */
  public static MappingReport check(String name, String text, Map<String, String> env) {
    Problems problems = new Problems();
    MappingSpec spec =
        problems
            .attempt(() -> YamlNode.parse(name, text, env))
            .flatMap(
                root -> {
                  problems.addAll(root.unsetVariables());
                  return spec(name, root, problems);
                })
            .orElse(null);
    return new MappingReport(name, spec, problems.sorted());
  }

  private static Optional<MappingSpec> spec(String name, YamlNode root, Problems problems) {
    problems.addAll(root.unknownKeys(TOP_KEYS));
    if (!root.isMap()) {
      return Optional.empty();
    }
    root.get("version")
        .ifPresent(
            v ->
                problems.check(
                    () -> {
                      if (!v.text().equals("1")) {
                        throw v.error(
                            "unsupported mapping version '"
                                + v.text()
                                + "'; this gateway reads version 1");
                      }
                    }));
    SchemaDeclarationLoader declarations =
        new SchemaDeclarationLoader(ResourceSchemaLoader.BUILT_IN);
    root.get("schemas").ifPresent(list -> declarations.declareAll(list, problems));
    Optional<Map<String, YamlNode>> types =
        problems.attempt(() -> root.require("resourceTypes").entries());
    if (types.isEmpty()) {
      return Optional.empty();
    }
    if (types.get().isEmpty()) {
      problems.add(root.require("resourceTypes").error("at least one resource type is needed"));
    }
    List<ResourceMapping> resources = new ArrayList<>();
    for (Map.Entry<String, YamlNode> e : types.get().entrySet()) {
      resourceType(e.getKey(), e.getValue(), declarations, problems).ifPresent(resources::add);
      if (e.getValue().isMap()) {
        e.getValue()
            .get("groups")
            .ifPresent(g -> GroupsLoader.checkGroupType(g, types.get(), problems));
      }
    }
    return problems.isEmpty() ? Optional.of(new MappingSpec(name, resources)) : Optional.empty();
  }

  /** The naming attribute of a type's entries and the SCIM path whose value it takes. */
  private record Naming(String attribute, ScimPath source) {}

  private static Optional<ResourceMapping> resourceType(
      String typeName, YamlNode node, SchemaDeclarationLoader declarations, Problems problems) {
    int before = problems.count();
    problems.addAll(node.unknownKeys(TYPE_KEYS));
    if (!node.isMap()) {
      return Optional.empty();
    }
    Optional<ResourceSchema> schema =
        ResourceSchemaLoader.schema(typeName, node, declarations, problems);
    Optional<List<String>> objectClasses = problems.attempt(() -> objectClasses(node));
    Optional<Placement> placement = PlacementLoader.placement(node, schema, problems);
    Optional<String> searchBase = PlacementLoader.searchBase(node, placement, problems);
    Optional<Filter> entryFilter = problems.attempt(() -> entryFilter(node, objectClasses));
    Optional<Filter> protect =
        problems.attempt(() -> node.get("protect").map(MappingLoader::filter).orElse(null));
    Optional<Id> id = problems.attempt(() -> id(node));
    Optional<ResourceMapping.Unmapped> unmapped = problems.attempt(() -> unmapped(node));
    Optional<Adoption> adopt = problems.attempt(() -> adopt(node));
    Optional<Naming> naming = schema.flatMap(s -> problems.attempt(() -> naming(node, s)));
    Optional<List<AttributeRule>> rules = schema.flatMap(s -> rules(node, s, problems));
    Optional<List<DerivedValue>> derived =
        schema.flatMap(s -> derived(node, s, rules.orElse(List.of()), problems));
    if (naming.isPresent() && rules.isPresent()) {
      problems.check(() -> requireWritten(node.require("rdn"), naming.get(), rules.get()));
    }
    Optional<MembersRule> members =
        node.get("members").flatMap(m -> MembersLoader.members(m, problems));
    Optional<DeletePolicy> delete = PlacementLoader.delete(node, searchBase, rules, problems);
    Optional<GroupsRule> groups =
        node.get("groups").flatMap(g -> GroupsLoader.groups(g, schema, problems));
    if (problems.count() > before || schema.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ResourceMapping(
            schema.orElseThrow(),
            objectClasses.orElseThrow(),
            placement.orElseThrow(),
            searchBase.orElseThrow(),
            naming.orElseThrow().attribute(),
            naming.orElseThrow().source(),
            entryFilter.orElseThrow(),
            protect.orElse(null),
            id.orElseThrow().attribute(),
            id.orElseThrow().transform(),
            rules.orElseThrow(),
            members.orElse(null),
            unmapped.orElseThrow(),
            origins(node),
            delete.orElseThrow(),
            derived.orElseThrow(),
            groups.orElse(null),
            adopt.orElseThrow()));
  }

  private static List<String> objectClasses(YamlNode node) {
    List<String> objectClasses = node.require("objectClasses").texts();
    if (objectClasses.isEmpty()) {
      throw node.require("objectClasses").error("at least one object class is needed");
    }
    return objectClasses;
  }

  /**
   * The type's entry filter; null (no problem of its own) when the object classes it defaults to
   * are bad.
   */
  private static Filter entryFilter(YamlNode node, Optional<List<String>> objectClasses) {
    Optional<YamlNode> filterNode = node.get("filter");
    if (filterNode.isEmpty()) {
      return objectClasses
          .map(oc -> Filter.createEqualityFilter("objectClass", oc.get(oc.size() - 1)))
          .orElse(null);
    }
    return filter(filterNode.get());
  }

  private static Filter filter(YamlNode node) {
    try {
      return Filter.create(node.text());
    } catch (LDAPException e) {
      throw node.error("not a valid LDAP filter: " + e.getMessage());
    }
  }

  /** The attribute whose value is a resource's SCIM id, and how it reads as text. */
  private record Id(String attribute, ValueTransform transform) {}

  private static Id id(YamlNode node) {
    Optional<YamlNode> idNode = node.get("id");
    if (idNode.isEmpty()) {
      return new Id("entryUUID", new ValueTransform.Text());
    }
    YamlNode n = idNode.get();
    if (n.isScalar()) {
      RuleLoader.checkLdapAttribute(n, n.text());
      return new Id(n.text(), new ValueTransform.Text());
    }
    n.requireKeys(Set.of("attribute", "transform"), Set.of("attribute"));
    YamlNode attribute = n.require("attribute");
    RuleLoader.checkLdapAttribute(attribute, attribute.text());
    ValueTransform transform = new ValueTransform.Text();
    Optional<YamlNode> t = n.get("transform");
    if (t.isPresent()) {
      transform = TransformLoader.transform(t.get());
      if (!(transform instanceof ValueTransform.Text)
          && !(transform instanceof ValueTransform.Binary b
              && b.encoding() != ValueTransform.Binary.Encoding.BASE64)) {
        throw t.get().error("an id is text, or a binary id read as uuid or guid");
      }
    }
    return new Id(attribute.text(), transform);
  }

  /** {@code adopt: all | none | {filter: "(…)"}}; all when absent (see {@link Adoption}). */
  private static Adoption adopt(YamlNode node) {
    Optional<YamlNode> a = node.get("adopt");
    if (a.isEmpty()) {
      return Adoption.all();
    }
    YamlNode n = a.get();
    if (n.isMap()) {
      n.requireKeys(Set.of("filter"), Set.of("filter"));
      YamlNode f = n.require("filter");
      try {
        return new Adoption(Adoption.Mode.FILTER, Optional.of(Filter.create(f.text())));
      } catch (LDAPException e) {
        throw f.error("not a valid LDAP filter: " + e.getMessage());
      }
    }
    return switch (n.text()) {
      case "all" -> Adoption.all();
      case "none" -> new Adoption(Adoption.Mode.NONE, Optional.empty());
      default -> throw n.error("adopt is all, none or {filter: \"(…)\"}, got '" + n.text() + "'");
    };
  }

  private static ResourceMapping.Unmapped unmapped(YamlNode node) {
    Optional<YamlNode> u = node.get("unmapped");
    if (u.isEmpty()) {
      return ResourceMapping.Unmapped.IGNORE;
    }
    return switch (u.get().text()) {
      case "keep" -> ResourceMapping.Unmapped.KEEP;
      case "ignore" -> ResourceMapping.Unmapped.IGNORE;
      case "reject" -> ResourceMapping.Unmapped.REJECT;
      default ->
          throw u.get().error("unmapped is keep, ignore or reject, got '" + u.get().text() + "'");
    };
  }

  private static Naming naming(YamlNode node, ResourceSchema schema) {
    YamlNode rdnNode = node.require("rdn");
    Matcher rdn = RDN_TEMPLATE.matcher(rdnNode.text());
    if (!rdn.matches()) {
      throw rdnNode.error("rdn must look like 'uid={userName}', got '" + rdnNode.text() + "'");
    }
    return new Naming(rdn.group(1), RuleLoader.path(rdnNode, rdn.group(2), schema));
  }

  /**
   * The type's rules, each read on its own; an LDAP attribute may be written by one rule only.
   * Empty when some rule has a problem.
   */
  private static Optional<List<AttributeRule>> rules(
      YamlNode node, ResourceSchema schema, Problems problems) {
    Optional<List<YamlNode>> ruleNodes = problems.attempt(() -> node.require("attributes").list());
    if (ruleNodes.isEmpty()) {
      return Optional.empty();
    }
    int before = problems.count();
    List<AttributeRule> rules = new ArrayList<>();
    Map<String, AttributeRule> writers = new HashMap<>();
    for (YamlNode ruleNode : ruleNodes.get()) {
      if (DerivedLoader.isDerived(ruleNode)) {
        continue;
      }
      Optional<AttributeRule> rule = RuleLoader.rule(ruleNode, schema, problems);
      if (rule.isEmpty()) {
        continue;
      }
      AttributeRule r = rule.get();
      if (r.source() == AttributeRule.Source.LDAP && r.direction().writes()) {
        AttributeRule clash = writers.putIfAbsent(r.ldap().toLowerCase(Locale.ROOT), r);
        if (clash != null) {
          problems.add(
              ruleNode.error(
                  "LDAP attribute '"
                      + r.ldap()
                      + "' is already written by the rule at "
                      + clash.origin()));
        }
      }
      rules.add(r);
    }
    return problems.count() > before ? Optional.empty() : Optional.of(rules);
  }

  /**
   * The type's derived values (constants and templates in the attributes list); an LDAP attribute a
   * rule writes cannot be derived too. Empty when one has a problem.
   */
  private static Optional<List<DerivedValue>> derived(
      YamlNode node, ResourceSchema schema, List<AttributeRule> rules, Problems problems) {
    Optional<List<YamlNode>> nodes = problems.attempt(() -> node.require("attributes").list());
    if (nodes.isEmpty()) {
      return Optional.empty();
    }
    int before = problems.count();
    Map<String, String> written = new HashMap<>();
    for (AttributeRule r : rules) {
      if (r.source() == AttributeRule.Source.LDAP && r.direction().writes()) {
        written.putIfAbsent(r.ldap().toLowerCase(Locale.ROOT), r.origin());
      }
    }
    List<DerivedValue> out = new ArrayList<>();
    for (YamlNode item : nodes.get()) {
      if (!DerivedLoader.isDerived(item)) {
        continue;
      }
      Optional<DerivedValue> d = DerivedLoader.derived(item, schema, problems);
      if (d.isEmpty()) {
        continue;
      }
      String clash = written.putIfAbsent(d.get().ldap().toLowerCase(Locale.ROOT), d.get().origin());
      if (clash != null) {
        problems.add(
            item.error(
                "LDAP attribute '"
                    + d.get().ldap()
                    + "' is already written by the rule at "
                    + clash));
      }
      out.add(d.get());
    }
    return problems.count() > before ? Optional.empty() : Optional.of(out);
  }

  private static void requireWritten(YamlNode rdnNode, Naming naming, List<AttributeRule> rules) {
    boolean written =
        rules.stream()
            .anyMatch(
                r ->
                    r.source() == AttributeRule.Source.LDAP
                        && r.direction().writes()
                        && r.ldap().equalsIgnoreCase(naming.attribute()));
    if (!written) {
      throw rdnNode.error(
          "the naming attribute '"
              + naming.attribute()
              + "' must be written by one of the attributes rules");
    }
  }

  /** Where the parts of a type that loaded without problems are written. */
  private static ResourceOrigins origins(YamlNode node) {
    YamlNode classes = node.require("objectClasses");
    List<String> classPlaces =
        classes.isList()
            ? classes.list().stream().map(YamlNode::where).toList()
            : List.of(classes.where());
    YamlNode container = node.require("container");
    return new ResourceOrigins(
        node.where(),
        classPlaces,
        container.where(),
        node.get("searchBase").orElse(container).where(),
        node.require("rdn").where(),
        node.get("id").orElse(node).where(),
        node.get("members").orElse(node).where());
  }
}
