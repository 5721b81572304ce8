package org.scimldap.mapping.filter;

import static org.scimldap.scim.filter.CompareOperator.EQ;

import com.unboundid.ldap.sdk.Filter;
import java.util.ArrayList;
import java.util.List;
import org.scimldap.mapping.filter.FilterTranslator.Translation;
import org.scimldap.mapping.spec.AttributeRule;
import org.scimldap.mapping.spec.ValueTransform;
import org.scimldap.scim.schema.AttributeDefinition;

/**
 * Translates a positive {@link Condition} on an attribute that is not a multi-valued complex one
 * ({@code userName}, {@code name.familyName}, {@code manager.value}, {@code active}) through the
 * rules that read it.
 *
 * <p>A single-valued SCIM attribute takes the <em>first</em> value of its LDAP attribute ({@code
 * ScimValues.put}). LDAP asks whether <em>some</em> value matches, so unless the directory says the
 * LDAP attribute is SINGLE-VALUE, {@code (uid=x)} is a superset of {@code userName eq "x"}: an
 * entry with {@code uid: a} and {@code uid: x} is shown as {@code a}. Presence is exact either way.
 *
 * <p>When several rules read the same attribute, the first that gives a value wins; so rule {@code
 * n} counts only where rules {@code 1..n-1} have no value.
 */
final class RuleTranslator {
  private final RuleValues values;
  private final CommonAttributeTranslator common;

  RuleTranslator(RuleValues values, CommonAttributeTranslator common) {
    this.values = values;
    this.common = common;
  }

  Translation translate(
      List<AttributeRule> rules, AttributeDefinition target, Condition c, String written) {
    if (rules.isEmpty()) {
      throw LeafTranslator.notMapped(written);
    }
    if (rules.stream().anyMatch(r -> r.source() == AttributeRule.Source.STORE)) {
      return rules.size() == 1
          ? common.externalIdInStore(c)
          : Translations.superset(Translations.ALWAYS);
    }
    if (c.isPresence()) {
      return Translations.or(rules.stream().map(values::present).toList());
    }
    List<Translation> parts = new ArrayList<>();
    List<Translation> earlierAbsent = new ArrayList<>();
    for (AttributeRule rule : rules) {
      List<Translation> conjuncts = new ArrayList<>(earlierAbsent);
      conjuncts.add(value(rule, target, c));
      parts.add(Translations.and(conjuncts));
      earlierAbsent.add(Translations.not(values.present(rule)));
    }
    return Translations.or(parts);
  }

  private Translation value(AttributeRule rule, AttributeDefinition target, Condition c) {
    if (rule.transform() instanceof ValueTransform.PresentWhenFalse) {
      // The SCIM boolean is true exactly when the attribute is absent (RFC 7643 §4.1.1 active).
      if (!c.is(EQ) || !c.value().isBoolean()) {
        return Translations.superset(Translations.ALWAYS);
      }
      Translation locked = Translations.exact(Filter.createPresenceFilter(rule.ldap()));
      return c.value().booleanValue() ? Translations.not(locked) : locked;
    }
    ValueFormula f = values.atom(rule, target, c);
    boolean single = values.singleValued(rule);
    Translation t = ValueFormula.exists(f, values.present(rule), single);
    boolean firstValueOnly = !target.multiValued() && !single && !(f instanceof ValueFormula.Const);
    return firstValueOnly ? Translations.firstValueOf(t, rule.ldap()) : t;
  }
}
