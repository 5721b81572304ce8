package org.scimldap.mapping.spec;

import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Reads where a resource type's entries live: {@code container} (one DN template, or a rule that
 * chooses one by the value of a SCIM attribute), {@code searchBase} (written, or derived: the
 * container, or the closest entry above every container of a rule), and {@code delete} (remove, or
 * keep as a leaver in a container outside the search base). Each key is checked on its own.
 */
final class PlacementLoader {
  private static final Set<String> RULE_KEYS = Set.of("by", "values", "default");
  private static final Set<String> DELETE_KEYS =
      Set.of("retain", "moveTo", "disable", "dropMemberships");

  private PlacementLoader() {}

  /** The type's {@code container}; empty when it has a problem, which is in {@code problems}. */
  static Optional<Placement> placement(
      YamlNode type, Optional<ResourceSchema> schema, Problems problems) {
    Optional<YamlNode> node = problems.attempt(() -> type.require("container"));
    if (node.isEmpty()) {
      return Optional.empty();
    }
    YamlNode container = node.get();
    if (!container.isMap()) {
      return problems
          .attempt(() -> dnTemplate(container))
          .map(t -> Placement.fixed(t, container.where()));
    }
    int before = problems.count();
    problems.addAll(container.unknownKeys(RULE_KEYS));
    Optional<ScimPath> by =
        schema.flatMap(s -> problems.attempt(() -> rulePath(container.require("by"), s)));
    List<Placement.Target> targets = new ArrayList<>();
    problems
        .attempt(() -> container.require("values").entries())
        .ifPresent(values -> targets.addAll(listed(container.require("values"), values, problems)));
    container
        .get("default")
        .flatMap(d -> problems.attempt(() -> dnTemplate(d)).map(t -> target(null, t, d)))
        .ifPresent(targets::add);
    if (problems.count() > before || by.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Placement(by.get(), targets));
  }

  private static Placement.Target target(String value, String template, YamlNode node) {
    return new Placement.Target(value, template, node.where());
  }

  /** The containers a rule lists, one per value; values compare ignoring case. */
  private static List<Placement.Target> listed(
      YamlNode valuesNode, Map<String, YamlNode> values, Problems problems) {
    if (values.isEmpty()) {
      problems.add(valuesNode.error("values needs at least one 'value: container' pair"));
    }
    List<Placement.Target> targets = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (Map.Entry<String, YamlNode> v : values.entrySet()) {
      String earlier = seen.putIfAbsent(v.getKey().toLowerCase(Locale.ROOT), v.getKey());
      if (earlier != null) {
        problems.add(
            v.getValue()
                .error(
                    "the value '"
                        + v.getKey()
                        + "' is listed twice (values compare ignoring case: '"
                        + earlier
                        + "')"));
        continue;
      }
      problems
          .attempt(() -> dnTemplate(v.getValue()))
          .ifPresent(t -> targets.add(target(v.getKey(), t, v.getValue())));
    }
    return targets;
  }

  /** The SCIM path a rule chooses by: one simple value, or one per element a filter selects. */
  private static ScimPath rulePath(YamlNode node, ResourceSchema schema) {
    ScimPath path = RuleLoader.path(node, node.text(), schema);
    ResourceSchema.Resolved resolved =
        schema
            .resolve(
                path.subAttribute() == null
                    ? path.attribute()
                    : path.attribute().withSubAttribute(path.subAttribute()))
            .orElseThrow();
    AttributeDefinition target = resolved.target();
    if (target.isComplex()) {
      String sub = target.subAttribute("value").orElse(target.subAttributes().get(0)).name();
      throw node.error(
          "'" + node.text() + "' is complex; a container is chosen by a simple value",
          "name one of its sub-attributes, e.g. '" + node.text() + "." + sub + "'");
    }
    if (resolved.attribute().multiValued() && !path.hasValueFilter()) {
      throw node.error(
          "'" + node.text() + "' may hold several values; a container is chosen by one",
          "select one element, e.g. 'addresses[type eq \"work\"].country'");
    }
    return path;
  }

  /**
   * The type's search base: as written, covering every container; or derived from the placement.
   */
  static Optional<String> searchBase(
      YamlNode type, Optional<Placement> placement, Problems problems) {
    Optional<YamlNode> written = type.get("searchBase");
    if (written.isEmpty()) {
      if (placement.isEmpty()) {
        return Optional.empty();
      }
      Optional<String> derived = placement.get().defaultSearchBase();
      if (derived.isEmpty()) {
        problems.add(
            type.require("container")
                .error(
                    "the containers have no common entry above them (below the root), so there is"
                        + " no search base to derive",
                    "set searchBase to an entry above every container"));
      }
      return derived;
    }
    Optional<String> base = problems.attempt(() -> dnTemplate(written.get()));
    if (base.isEmpty() || placement.isEmpty()) {
      return base;
    }
    for (Placement.Target t : placement.get().targets()) {
      if (!DnTemplates.within(t.template(), base.get()).orElse(true)) {
        problems.add(
            written
                .get()
                .error(
                    "the search base '"
                        + base.get()
                        + "' does not cover the container '"
                        + t.template()
                        + "' at "
                        + t.origin()
                        + ": entries placed there would never be found",
                    "set searchBase to an entry above every container, or leave it out"));
      }
    }
    return base;
  }

  /**
   * The type's {@code delete} policy (remove when not written); empty when it has a problem.
   *
   * @param rules the type's rules (empty when they have problems of their own)
   */
  static Optional<DeletePolicy> delete(
      YamlNode type,
      Optional<String> searchBase,
      Optional<List<AttributeRule>> rules,
      Problems problems) {
    Optional<YamlNode> node = type.get("delete");
    if (node.isEmpty()) {
      return Optional.of(DeletePolicy.remove(type.where()));
    }
    YamlNode delete = node.get();
    if (!delete.isMap()) {
      return problems.attempt(
          () -> {
            if (!delete.text().equals("remove")) {
              throw delete.error(
                  "delete is 'remove', or a map with "
                      + DELETE_KEYS
                      + ", got '"
                      + delete.text()
                      + "'");
            }
            return DeletePolicy.remove(delete.where());
          });
    }
    int before = problems.count();
    problems.addAll(delete.unknownKeys(DELETE_KEYS));
    boolean retain = flag(delete, "retain", true, problems);
    boolean disable = flag(delete, "disable", false, problems);
    boolean drop = flag(delete, "dropMemberships", false, problems);
    if (!retain) {
      for (String key : List.of("moveTo", "disable", "dropMemberships")) {
        delete
            .get(key)
            .ifPresent(
                n ->
                    problems.add(
                        n.error("'" + key + "' applies only to a retained entry (retain: true)")));
      }
    }
    Optional<String> moveTo =
        retain ? leavers(delete, searchBase, type, problems) : Optional.empty();
    if (retain && disable && rules.isPresent() && !disables(rules.get())) {
      problems.add(
          delete
              .require("disable")
              .error(
                  "disable needs a rule for 'active' that writes an LDAP attribute",
                  "map active, e.g. {scim: active, ldap: pwdAccountLockedTime, transform:"
                      + " {presentWhenFalse: \"000001010000Z\"}}"));
    }
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new DeletePolicy(retain, moveTo.orElse(null), disable, drop, delete.where()));
  }

  /** The leavers' container: required, and outside the search base. */
  private static Optional<String> leavers(
      YamlNode delete, Optional<String> searchBase, YamlNode type, Problems problems) {
    Optional<YamlNode> node = delete.get("moveTo");
    if (node.isEmpty()) {
      problems.add(
          delete.error(
              "a retained entry needs moveTo: a container outside the search base"
                  + searchBase.map(b -> " '" + b + "'").orElse("")
                  + ", where the gateway no longer finds it",
              "e.g. moveTo: \"ou=leavers,{baseDn}\""));
      return Optional.empty();
    }
    Optional<String> moveTo = problems.attempt(() -> dnTemplate(node.get()));
    if (moveTo.isPresent()
        && searchBase.isPresent()
        && DnTemplates.within(moveTo.get(), searchBase.get()).orElse(false)) {
      problems.add(
          node.get()
              .error(
                  "moveTo '"
                      + moveTo.get()
                      + "' is inside the search base '"
                      + searchBase.get()
                      + "': a leaver there would still be found as a resource",
                  "choose a container outside the search base, e.g. \"ou=leavers,{baseDn}\""));
    }
    return moveTo;
  }

  private static boolean flag(YamlNode map, String key, boolean otherwise, Problems problems) {
    return map.get(key).flatMap(n -> problems.attempt(n::bool)).orElse(otherwise);
  }

  /** True when some rule writes {@code active} to an LDAP attribute. */
  private static boolean disables(List<AttributeRule> rules) {
    return rules.stream()
        .anyMatch(
            r ->
                r.source() == AttributeRule.Source.LDAP
                    && r.direction().writes()
                    && r.scim().toString().equalsIgnoreCase("active"));
  }

  /** A DN template, checked with {@code {baseDn}} read as one RDN. */
  static String dnTemplate(YamlNode node) {
    String template = node.text();
    try {
      DnTemplates.parse(template);
    } catch (LDAPException e) {
      throw node.error("'" + template + "' is not a valid DN template: " + e.getMessage());
    }
    return template;
  }
}
