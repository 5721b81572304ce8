package org.scimldap.mapping.filter;

import java.util.ArrayList;
import java.util.List;
import org.scimldap.mapping.filter.FilterTranslator.Translation;
import org.scimldap.mapping.spec.AttributeRule;
import org.scimldap.mapping.spec.ReadRuleIndex;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.FilterEvaluator;
import org.scimldap.scim.filter.LeafVisitor;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Translates a condition on one element of a multi-valued complex attribute: the inside of a value
 * path (RFC 7644 §3.4.2.2, {@code emails[type eq "work" and value co "@example.com"]}), which holds
 * when some single element satisfies all of it.
 *
 * <p>Each element comes from one {@link ElementSource}, so the condition is the OR, over the
 * sources, of "some value of the source's LDAP attribute makes an element that satisfies it". For
 * one source the sub-attributes other than the one the values go to are constants: with the rule
 * {@code emails[type eq "work"].value → mail}, {@code type eq "work"} is true of every element, so
 * {@code emails[type eq "work" and value co "@example.com"]} is exactly {@code
 * (mail=*@example.com*)}, and {@code emails[type eq "home"]} is false of every element (NEVER,
 * exact). What is left is a {@link ValueFormula} on one value; two conditions on the same value
 * ({@code value sw "a" and value ew "z"}) or a negated one are exact only for a single-valued LDAP
 * attribute, otherwise a superset.
 *
 * <p>The mapper reads a rule only when the elements read before it do not already match the rule's
 * path (it does not read {@code emails.value} after {@code emails[type eq "work"].value} has given
 * values). Where an earlier source certainly hides a later one, the later one counts only when the
 * earlier has no value; where that cannot be decided, the result is a superset.
 */
final class ElementTranslator {
  private enum Hides {
    YES,
    NO,
    MAYBE
  }

  private final ResourceSchema schema;
  private final ResourceMapping mapping;
  private final ReadRuleIndex readRules;
  private final RuleValues values;

  ElementTranslator(ResourceMapping mapping, ReadRuleIndex readRules, RuleValues values) {
    this.schema = mapping.schema();
    this.mapping = mapping;
    this.readRules = readRules;
    this.values = values;
  }

  /** "The attribute has an element": some source has a value. */
  Translation present(ResourceSchema.Resolved complex, String written) {
    return Translations.or(
        sources(complex, written).stream().map(s -> values.present(s.rule())).toList());
  }

  /** "Some element satisfies {@code inner}", whose paths name sub-attributes of {@code complex}. */
  Translation translate(ResourceSchema.Resolved complex, ScimFilter inner, String written) {
    List<ElementSource> sources = sources(complex, written);
    ScimFilter checked = check(inner, complex, sources, written);
    List<Translation> parts = new ArrayList<>();
    boolean undecided = false;
    for (int i = 0; i < sources.size(); i++) {
      ElementSource source = sources.get(i);
      List<Translation> conjuncts = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        Hides hides = hides(sources.get(j), source, complex);
        if (hides == Hides.YES) {
          conjuncts.add(Translations.not(values.present(sources.get(j).rule())));
        }
        undecided |= hides == Hides.MAYBE;
      }
      ValueFormula f = formula(checked, source, complex, false);
      AttributeRule rule = source.rule();
      conjuncts.add(ValueFormula.exists(f, values.present(rule), values.singleValued(rule)));
      parts.add(Translations.and(conjuncts));
    }
    Translation any = Translations.or(parts);
    return undecided ? Translations.widened(any) : any;
  }

  private List<ElementSource> sources(ResourceSchema.Resolved complex, String written) {
    List<ElementSource> sources = ElementSource.of(mapping, readRules, complex);
    if (sources.isEmpty()) {
      throw LeafTranslator.notMapped(written);
    }
    return sources;
  }

  /** The filter with each leaf checked (known, mapped sub-attribute) and its literal normalized. */
  private ScimFilter check(
      ScimFilter f, ResourceSchema.Resolved complex, List<ElementSource> sources, String written) {
    Checked checked = new Checked(complex, sources, written);
    return f.mapLeaves(leaf -> leaf.accept(checked));
  }

  /** One leaf inside the brackets, checked and with its literal normalized. */
  private final class Checked extends LeafVisitor<ScimFilter> {
    private final ResourceSchema.Resolved complex;
    private final List<ElementSource> sources;
    private final String written;

    Checked(ResourceSchema.Resolved complex, List<ElementSource> sources, String written) {
      this.complex = complex;
      this.sources = sources;
      this.written = written;
    }

    @Override
    public ScimFilter present(ScimFilter.Present present) {
      return leaf(present, present.path());
    }

    @Override
    public ScimFilter compare(ScimFilter.Compare compare) {
      return leaf(compare, compare.path());
    }

    @Override
    public ScimFilter valuePath(ScimFilter.ValuePath vp) {
      throw ScimException.invalidFilter(
          "Value paths cannot be nested: '" + vp.path() + "[' inside " + written);
    }

    private ScimFilter leaf(ScimFilter leaf, AttributePath path) {
      String name = written + "." + path;
      AttributeDefinition sub =
          path.hasSubAttribute() || path.schemaUrn() != null
              ? null
              : complex.attribute().subAttribute(path.name()).orElse(null);
      if (sub == null) {
        throw ScimException.invalidFilter(
            "Unknown attribute '" + name + "' in filter for " + schema.name());
      }
      if (sources.stream().noneMatch(s -> s.produces(sub.name()))) {
        throw LeafTranslator.notMapped(name);
      }
      return Literals.normalize(leaf, sub, name);
    }
  }

  /**
   * The formula of {@code f} on the elements of {@code source}. With {@code analyse}, conditions on
   * the varying value are left unknown (no references resolved): only constants matter then.
   */
  private ValueFormula formula(
      ScimFilter f, ElementSource source, ResourceSchema.Resolved complex, boolean analyse) {
    return f.accept(new Formula(source, complex, analyse));
  }

  /** The {@link ValueFormula} of each kind of node on the elements of one source. */
  private final class Formula implements ScimFilter.Visitor<ValueFormula> {
    private final ElementSource source;
    private final ResourceSchema.Resolved complex;
    private final boolean analyse;

    Formula(ElementSource source, ResourceSchema.Resolved complex, boolean analyse) {
      this.source = source;
      this.complex = complex;
      this.analyse = analyse;
    }

    @Override
    public ValueFormula and(ScimFilter.And and) {
      return ValueFormula.and(and.left().accept(this), and.right().accept(this));
    }

    @Override
    public ValueFormula or(ScimFilter.Or or) {
      return ValueFormula.or(or.left().accept(this), or.right().accept(this));
    }

    @Override
    public ValueFormula not(ScimFilter.Not not) {
      return ValueFormula.not(not.inner().accept(this));
    }

    @Override
    public ValueFormula present(ScimFilter.Present present) {
      return leaf(present);
    }

    @Override
    public ValueFormula compare(ScimFilter.Compare compare) {
      return leaf(compare);
    }

    @Override
    public ValueFormula valuePath(ScimFilter.ValuePath vp) {
      return leaf(vp);
    }

    private ValueFormula leaf(ScimFilter f) {
      String name = ScimFilter.pathOf(f).orElseThrow().name();
      if (source.isSub(name)) {
        if (analyse) {
          return ValueFormula.UNKNOWN;
        }
        Condition c = Condition.of(f);
        AttributeDefinition target = complex.attribute().subAttribute(name).orElseThrow();
        ValueFormula atom = values.atom(source.rule(), target, c);
        return c.negated() ? ValueFormula.not(atom) : atom;
      }
      if (source.isDisplay(name) && !analyse) {
        Condition c = Condition.of(f);
        ValueFormula atom = values.display(source.rule(), c);
        return c.negated() ? ValueFormula.not(atom) : atom;
      }
      if (source.varies(name)) {
        return ValueFormula.UNKNOWN;
      }
      return FilterEvaluator.matchesValue(f, source.constants(), complex.attribute(), schema)
          ? ValueFormula.TRUE
          : ValueFormula.FALSE;
    }
  }

  /** Whether the elements of {@code earlier} keep the mapper from reading {@code later}. */
  private Hides hides(ElementSource earlier, ElementSource later, ResourceSchema.Resolved complex) {
    if (!earlier.isSub(later.sub())) {
      return earlier.produces(later.sub()) ? Hides.MAYBE : Hides.NO;
    }
    if (!later.rule().scim().hasValueFilter()) {
      return Hides.YES;
    }
    ValueFormula f = formula(later.rule().scim().valueFilter(), earlier, complex, true);
    if (f instanceof ValueFormula.Const c) {
      return c.value() ? Hides.YES : Hides.NO;
    }
    return Hides.MAYBE;
  }
}
