package org.scimldap.mapping.filter;

import java.util.Optional;
import org.scimldap.mapping.entry.UnmappedValues;
import org.scimldap.mapping.filter.FilterTranslator.Translation;
import org.scimldap.mapping.spec.AttributeRule;
import org.scimldap.mapping.spec.GroupsRule;
import org.scimldap.mapping.spec.ReadRuleIndex;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.LeafVisitor;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.Mutability;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.Returned;

/**
 * Translates one attribute test of a filter ({@code attrPath pr} or {@code attrPath op value}, RFC
 * 7644 §3.4.2.2) at the level of the resource: resolves the path in the resource type's schemas,
 * checks the literal, takes the negation out ({@link Condition}) and hands the positive test to the
 * translator for that kind of attribute. Unknown attributes, attributes no read rule maps and
 * write-only attributes are a 400 {@code invalidFilter} naming the attribute.
 *
 * <p>On a multi-valued complex attribute, {@code emails.type eq "work"} holds when some element has
 * that type, so it is {@code emails[type eq "work"]}; {@code ne} holds when no element has it, so
 * it is {@code not (emails[type eq "work"])}. Without a sub-attribute, the comparison is on {@code
 * value}.
 */
final class LeafTranslator {
  private static final String VALUE = "value";

  private final ResourceMapping mapping;
  private final ReadRuleIndex readRules;
  private final UnmappedValues unmappedValues;
  private final ResourceSchema schema;
  private final RuleTranslator rules;
  private final ElementTranslator elements;
  private final CommonAttributeTranslator common;

  LeafTranslator(
      ResourceMapping mapping,
      ReadRuleIndex readRules,
      UnmappedValues unmappedValues,
      RuleTranslator rules,
      ElementTranslator elements,
      CommonAttributeTranslator common) {
    this.mapping = mapping;
    this.readRules = readRules;
    this.unmappedValues = unmappedValues;
    this.schema = mapping.schema();
    this.rules = rules;
    this.elements = elements;
    this.common = common;
  }

  static ScimException notMapped(String written) {
    return ScimException.invalidFilter(
        "Attribute '" + written + "' is not mapped to the directory, so it cannot be filtered on");
  }

  /** The schema definition of {@code path}, or a 400 naming it. */
  ResourceSchema.Resolved resolve(AttributePath path) {
    return schema
        .resolve(path)
        .orElseThrow(
            () ->
                ScimException.invalidFilter(
                    "Unknown attribute '" + path + "' in filter for " + schema.name()));
  }

  /** {@code leaf} is a {@link ScimFilter.Present} or {@link ScimFilter.Compare} on a full path. */
  Translation translate(ScimFilter leaf) {
    AttributePath path = ScimFilter.pathOf(leaf).orElseThrow();
    ResourceSchema.Resolved r = resolve(path);
    String written = path.toString();
    AttributeDefinition target = r.target();
    if (target.mutability() == Mutability.WRITE_ONLY || target.returned() == Returned.NEVER) {
      throw ScimException.invalidFilter(
          "'" + written + "' cannot be filtered: it is never returned");
    }
    AttributeDefinition attribute = r.attribute();
    boolean core = r.schema() == schema.core();
    if (core && attribute.name().equals("meta")) {
      return meta(leaf, r, written);
    }
    ScimFilter inElement =
        attribute.isComplex() && attribute.multiValued() && r.sub() != null
            ? leaf.mapLeaves(l -> relative(l, r.sub().name()))
            : null;
    if (keptInStore(r, inElement) || computedByGateway(r)) {
      // Values the store keeps, or groups the gateway finds, may meet the condition: the gateway
      // checks every candidate.
      if (!(attribute.isComplex() && r.sub() == null)) {
        Literals.normalize(leaf, target, written);
      }
      return Translations.superset(Translations.ALWAYS);
    }
    if (attribute.isComplex() && r.sub() == null) {
      return leaf.accept(new WholeComplex(r, written));
    }
    Condition c = Condition.of(Literals.normalize(leaf, target, written));
    Translation positive = positive(r, c, path);
    return c.negated() ? Translations.not(positive) : positive;
  }

  /**
   * True when a value of {@code path} may come from the store: kept there by {@code unmapped:
   * keep}, or read by a rule from the store. {@code meta} counts, as its version covers the kept
   * parts; {@code id} does not. Unknown attributes count: the translation refuses them.
   */
  boolean readsStore(AttributePath path) {
    Optional<ResourceSchema.Resolved> found = schema.resolve(path);
    if (found.isEmpty()) {
      return true;
    }
    ResourceSchema.Resolved r = found.get();
    if (r.schema() == schema.core() && r.attribute().name().equals("id")) {
      return false;
    }
    if (r.schema() == schema.core() && r.attribute().name().equals("meta")) {
      return true;
    }
    return keptInStore(r, null)
        || readRules.of(r).stream().anyMatch(rule -> rule.source() == AttributeRule.Source.STORE);
  }

  /**
   * True when the mapping keeps unmapped values in the store ({@code unmapped: keep}) and some
   * value of this attribute may be one of them.
   */
  boolean keptInStore(ResourceSchema.Resolved r, ScimFilter inElement) {
    if (mapping.unmapped() != ResourceMapping.Unmapped.KEEP) {
      return false;
    }
    if (unmappedValues.alwaysMapped(
        r.schema(), r.attribute(), r.sub() == null ? null : r.sub().name())) {
      return false;
    }
    return inElement == null
        || !unmappedValues.onlyTakenElements(r.schema(), r.attribute(), inElement);
  }

  /**
   * True for {@code groups} found through the group type's member attribute ({@code groups: {from:
   * members}}): nothing in the entry says them, so the gateway checks every candidate.
   */
  boolean computedByGateway(ResourceSchema.Resolved r) {
    return r.schema() == schema.core()
        && r.attribute().name().equals("groups")
        && mapping.groupsRule().filter(g -> g.from() == GroupsRule.From.MEMBERS).isPresent();
  }

  /** The leaf {@code attr.sub op value} as a condition on one element: {@code sub op value}. */
  private static ScimFilter relative(ScimFilter leaf, String sub) {
    return leaf.accept(
        new LeafVisitor<ScimFilter>() {
          @Override
          public ScimFilter present(ScimFilter.Present p) {
            return new ScimFilter.Present(AttributePath.of(sub));
          }

          @Override
          public ScimFilter compare(ScimFilter.Compare c) {
            return new ScimFilter.Compare(AttributePath.of(sub), c.operator(), c.value());
          }
        });
  }

  private Translation positive(ResourceSchema.Resolved r, Condition c, AttributePath path) {
    AttributeDefinition attribute = r.attribute();
    if (r.schema() == schema.core() && attribute.name().equals("id")) {
      return common.id(c);
    }
    if (attribute.isComplex() && attribute.multiValued()) {
      ScimFilter inner = c.positive(AttributePath.of(r.sub().name()));
      ResourceSchema.Resolved whole = new ResourceSchema.Resolved(r.schema(), attribute, null);
      return elements.translate(whole, inner, path.parent().toString());
    }
    String sub = r.sub() == null ? null : r.sub().name();
    return rules.translate(readRules.of(r, sub), r.target(), c, path.toString());
  }

  private Translation meta(ScimFilter leaf, ResourceSchema.Resolved r, String written) {
    if (r.sub() == null) {
      return leaf.accept(
          new LeafVisitor<Translation>() {
            @Override
            public Translation present(ScimFilter.Present present) {
              return Translations.always();
            }

            @Override
            public Translation compare(ScimFilter.Compare compare) {
              throw complexCompared(written);
            }
          });
    }
    Condition c = Condition.of(Literals.normalize(leaf, r.sub(), written));
    Translation positive = common.meta(r.sub().name(), c);
    return c.negated() ? Translations.not(positive) : positive;
  }

  /**
   * A test of a complex attribute as a whole: {@code pr} is "has an element" (some rule gives a
   * value, for a single-valued one); a comparison is on its {@code value}.
   */
  private final class WholeComplex extends LeafVisitor<Translation> {
    private final ResourceSchema.Resolved r;
    private final String written;

    WholeComplex(ResourceSchema.Resolved r, String written) {
      this.r = r;
      this.written = written;
    }

    @Override
    public Translation present(ScimFilter.Present present) {
      return r.attribute().multiValued() ? elements.present(r, written) : anyRule(r, written);
    }

    @Override
    public Translation compare(ScimFilter.Compare c) {
      if (r.attribute().subAttribute(VALUE).isEmpty()) {
        throw complexCompared(written);
      }
      return translate(
          new ScimFilter.Compare(c.path().withSubAttribute(VALUE), c.operator(), c.value()));
    }
  }

  private static ScimException complexCompared(String written) {
    return ScimException.invalidFilter(
        "Attribute '" + written + "' is complex; compare one of its sub-attributes");
  }

  /** "A single-valued complex attribute is present": one of its rules gives a value. */
  private Translation anyRule(ResourceSchema.Resolved r, String written) {
    return rules.translate(readRules.of(r), r.attribute(), Condition.present(), written);
  }
}
