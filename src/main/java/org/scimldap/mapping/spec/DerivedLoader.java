package org.scimldap.mapping.spec;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Reads an entry of a type's {@code attributes:} list that writes an LDAP attribute without a SCIM
 * attribute of its own: {@code {ldap: groupType, value: "-2147483646", on: create}} or {@code
 * {ldap: userPrincipalName, template: "{userName}@corp.example.com"}}.
 */
final class DerivedLoader {
  private static final Set<String> KEYS = Set.of("ldap", "value", "template", "transform", "on");

  private DerivedLoader() {}

  /** True for a list entry that is a derived value rather than a rule: no scim, a value. */
  static boolean isDerived(YamlNode node) {
    return node.isMap()
        && node.get("scim").isEmpty()
        && (node.get("value").isPresent() || node.get("template").isPresent());
  }

  /** The derived value at {@code node}; empty when it has a problem (in {@code problems}). */
  static Optional<DerivedValue> derived(YamlNode node, ResourceSchema schema, Problems problems) {
    int before = problems.count();
    problems.addAll(node.unknownKeys(KEYS));
    Optional<String> ldap =
        problems.attempt(
            () -> {
              YamlNode n = node.require("ldap");
              RuleLoader.checkLdapAttribute(n, n.text());
              return n.text();
            });
    Optional<Boolean> onCreate =
        problems.attempt(
            () ->
                node.get("on")
                    .map(
                        on ->
                            switch (on.text()) {
                              case "create" -> true;
                              case "always" -> false;
                              default ->
                                  throw on.error("on is create or always, got '" + on.text() + "'");
                            })
                    .orElse(false));
    if (node.get("value").isPresent() && node.get("template").isPresent()) {
      problems.add(node.error("a derived value has either 'value' or 'template', not both"));
    }
    Optional<DerivedValue> out = Optional.empty();
    if (node.get("value").isPresent()) {
      if (node.get("transform").isPresent()) {
        problems.add(node.require("transform").error("a constant value takes no transform"));
      }
      Optional<List<String>> values = problems.attempt(() -> node.require("value").texts());
      if (problems.count() == before) {
        out =
            Optional.of(
                new DerivedValue.Constant(
                    ldap.orElseThrow(),
                    values.orElseThrow(),
                    onCreate.orElseThrow(),
                    node.where()));
      }
    } else {
      YamlNode t = node.require("template");
      Optional<Fallback> template =
          problems.attempt(
              () -> {
                if (!t.text().contains("{")) {
                  throw t.error(
                      "a template needs {path} placeholders, e.g. '{userName}@example.com'");
                }
                Fallback f = RuleLoader.fallback(t, t.text(), schema);
                if (!(f instanceof Fallback.FromTemplate)) {
                  throw t.error(
                      "a template needs {path} placeholders, e.g. '{userName}@example.com'");
                }
                return f;
              });
      Optional<ValueTransform> transform =
          problems.attempt(
              () ->
                  node.get("transform")
                      .map(TransformLoader::transform)
                      .orElse(new ValueTransform.Text()));
      transform
          .filter(
              x ->
                  !(x instanceof ValueTransform.Text)
                      && !(x instanceof ValueTransform.Chain c
                          && c.last() instanceof ValueTransform.Text))
          .ifPresent(
              x ->
                  problems.add(
                      node.require("transform")
                          .error("a template takes text steps only (lower, sanitize, replace…)")));
      if (problems.count() == before) {
        out =
            Optional.of(
                new DerivedValue.Template(
                    ldap.orElseThrow(),
                    (Fallback.FromTemplate) template.orElseThrow(),
                    transform.orElseThrow(),
                    onCreate.orElseThrow(),
                    node.where()));
      }
    }
    return problems.count() > before ? Optional.empty() : out;
  }
}
