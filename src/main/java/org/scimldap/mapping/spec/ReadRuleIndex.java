package org.scimldap.mapping.spec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.ScimSchema;

/**
 * A mapping's read rules by the SCIM attribute they give values to, worked out once per mapping: a
 * filter asks for them on each of its conditions. Attributes compare by the schema definitions
 * their paths resolve to, so {@code title}, {@code TITLE} and the URN-qualified form find the same
 * rules, as do {@code manager.value} with and without the enterprise URN.
 */
public final class ReadRuleIndex {
  private final Map<ScimSchema, Map<AttributeDefinition, List<AttributeRule>>> bySchema =
      new IdentityHashMap<>();
  private final Set<String> references;

  public ReadRuleIndex(ResourceMapping mapping) {
    List<AttributeRule> all = mapping.readRules();
    Map<ScimSchema, Map<AttributeDefinition, List<AttributeRule>>> growing =
        new IdentityHashMap<>();
    for (AttributeRule rule : all) {
      mapping
          .schema()
          .resolve(rule.scim().attribute().parent())
          .ifPresent(
              r ->
                  growing
                      .computeIfAbsent(r.schema(), s -> new IdentityHashMap<>())
                      .computeIfAbsent(r.attribute(), a -> new ArrayList<>())
                      .add(rule));
    }
    growing.forEach(
        (schema, rules) -> {
          Map<AttributeDefinition, List<AttributeRule>> fixed = new IdentityHashMap<>();
          rules.forEach((attribute, list) -> fixed.put(attribute, List.copyOf(list)));
          bySchema.put(schema, fixed);
        });
    this.references =
        all.stream()
            .filter(AttributeRule::isReference)
            .map(r -> r.scim().attribute().name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
  }

  /** The read rules of {@code attribute} (of any sub-attribute of it), in mapping order. */
  public List<AttributeRule> of(ResourceSchema.Resolved attribute) {
    Map<AttributeDefinition, List<AttributeRule>> inSchema = bySchema.get(attribute.schema());
    return inSchema == null ? List.of() : inSchema.getOrDefault(attribute.attribute(), List.of());
  }

  /**
   * The read rules of {@code attribute.sub} (of the attribute itself when {@code sub} is null), in
   * mapping order.
   */
  public List<AttributeRule> of(ResourceSchema.Resolved attribute, String sub) {
    return of(attribute).stream()
        .filter(
            r -> {
              String ruleSub = r.scim().targetSubAttribute();
              return sub == null ? ruleSub == null : sub.equalsIgnoreCase(ruleSub);
            })
        .toList();
  }

  /** The names, in lower case, of the attributes whose read rules give references. */
  public Set<String> referenceNames() {
    return references;
  }
}
