package org.scimldap.mapping.filter;

import java.util.List;
import java.util.Optional;
import org.scimldap.mapping.spec.AttributeRule;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Which read rules give a resource the values of an attribute. Paths compare by the schema
 * definitions they resolve to, so {@code title}, {@code TITLE} and the URN-qualified form are the
 * same attribute, as are {@code manager.value} with and without the enterprise URN.
 */
final class RuleTargets {
  private RuleTargets() {}

  /** True when {@code rule} writes into {@code attribute} (any sub-attribute of it). */
  static boolean sameAttribute(
      ResourceSchema schema, AttributeRule rule, ResourceSchema.Resolved attribute) {
    Optional<ResourceSchema.Resolved> r = schema.resolve(rule.scim().attribute().parent());
    return r.isPresent()
        && r.get().attribute() == attribute.attribute()
        && r.get().schema() == attribute.schema();
  }

  /** The read rules of {@code attribute}, in mapping order. */
  static List<AttributeRule> of(ResourceMapping mapping, ResourceSchema.Resolved attribute) {
    return mapping.readRules().stream()
        .filter(r -> sameAttribute(mapping.schema(), r, attribute))
        .toList();
  }

  /**
   * The read rules of {@code attribute.sub} (or of the attribute itself when {@code sub} is null),
   * in mapping order.
   */
  static List<AttributeRule> of(
      ResourceMapping mapping, ResourceSchema.Resolved attribute, String sub) {
    return of(mapping, attribute).stream()
        .filter(
            r -> {
              String ruleSub = r.scim().targetSubAttribute();
              return sub == null ? ruleSub == null : sub.equalsIgnoreCase(ruleSub);
            })
        .toList();
  }
}
