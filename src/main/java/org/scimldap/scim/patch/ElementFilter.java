package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.CompareOperator;
import org.scimldap.scim.filter.FilterEvaluator;
import org.scimldap.scim.filter.LeafVisitor;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.AttributeType;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * The value selection filter of a PATCH path ({@code valuePath}, RFC 7644 §3.5.2), bound to its
 * multi-valued attribute. Filter attributes name sub-attributes; for a multi-valued attribute of
 * simple type the only one is {@code value}, standing for the element itself (RFC 7644 §3.5.2.2: "a
 * complex filter is specified comparing a 'value'").
 */
final class ElementFilter {
  private final ScimFilter filter;
  private final AttributeDefinition attribute;
  private final AttributeDefinition elementDefinition;
  private final ResourceSchema schema;

  private ElementFilter(ScimFilter filter, AttributeDefinition attribute, ResourceSchema schema) {
    this.filter = filter;
    this.attribute = attribute;
    this.elementDefinition = attribute.isComplex() ? attribute : simpleElementView(attribute);
    this.schema = schema;
  }

  /**
   * Binds {@code filter} to {@code attribute}; a filter naming a sub-attribute the attribute does
   * not have, or nesting another value filter, is {@code invalidPath}.
   */
  static ElementFilter of(ScimFilter filter, AttributeDefinition attribute, ResourceSchema schema) {
    ElementFilter bound = new ElementFilter(filter, attribute, schema);
    bound.check(filter);
    return bound;
  }

  /** True when {@code element}, one value of the attribute, matches the filter. */
  boolean matches(JsonNode element) {
    JsonNode view = element;
    if (!attribute.isComplex()) {
      view = JsonNodeFactory.instance.objectNode().set("value", element);
    }
    return view.isObject() && FilterEvaluator.matchesValue(filter, view, elementDefinition, schema);
  }

  /**
   * A new complex value made from the filter when it is a conjunction of {@code eq} comparisons,
   * e.g. {@code {"type":"work"}} from {@code type eq "work"}; empty for any other filter. Used to
   * create the value an {@code add} or {@code replace} addresses when none matches.
   */
  Optional<ObjectNode> seed() {
    if (!attribute.isComplex()) {
      return Optional.empty();
    }
    ObjectNode seed = JsonNodeFactory.instance.objectNode();
    return filter.accept(new Seed(seed)) ? Optional.of(seed) : Optional.empty();
  }

  private void check(ScimFilter node) {
    Check check = new Check();
    node.leaves().forEach(leaf -> leaf.accept(check));
  }

  /**
   * Copies the {@code eq} comparisons of a conjunction into a new value; false when a term is
   * anything else, compares with an unassigned value, or gives a sub-attribute a second value.
   */
  private final class Seed implements ScimFilter.Visitor<Boolean> {
    private final ObjectNode seed;

    Seed(ObjectNode seed) {
      this.seed = seed;
    }

    @Override
    public Boolean and(ScimFilter.And and) {
      return and.left().accept(this) && and.right().accept(this);
    }

    @Override
    public Boolean or(ScimFilter.Or or) {
      return false;
    }

    @Override
    public Boolean not(ScimFilter.Not not) {
      return false;
    }

    @Override
    public Boolean present(ScimFilter.Present present) {
      return false;
    }

    @Override
    public Boolean compare(ScimFilter.Compare compare) {
      if (compare.operator() != CompareOperator.EQ) {
        return false;
      }
      AttributeDefinition sub = subAttribute(compare.path());
      JsonNode value =
          OperationValueCoercer.element(compare.value(), sub, attribute.name() + "." + sub.name());
      if (value == null) {
        return false;
      }
      JsonNode earlier = JsonFields.get(seed, sub.name());
      if (earlier != null && !MultiValues.sameSimple(earlier, value, sub)) {
        return false;
      }
      seed.set(sub.name(), value);
      return true;
    }

    @Override
    public Boolean valuePath(ScimFilter.ValuePath valuePath) {
      return false;
    }
  }

  /** Resolves the attribute a leaf names; rejects a nested value filter. */
  private final class Check extends LeafVisitor<Void> {
    @Override
    public Void present(ScimFilter.Present present) {
      subAttribute(present.path());
      return null;
    }

    @Override
    public Void compare(ScimFilter.Compare compare) {
      subAttribute(compare.path());
      return null;
    }

    @Override
    public Void valuePath(ScimFilter.ValuePath valuePath) {
      throw ScimException.invalidPath(
          "a value filter of '" + attribute.name() + "' cannot contain another value filter");
    }
  }

  private AttributeDefinition subAttribute(AttributePath path) {
    Optional<AttributeDefinition> sub =
        path.hasSubAttribute() ? Optional.empty() : elementDefinition.subAttribute(path.name());
    return sub.orElseThrow(
        () ->
            ScimException.invalidPath(
                "'" + attribute.name() + "' has no sub-attribute '" + path + "' to filter on"));
  }

  /** A complex view of a simple multi-valued attribute: one sub-attribute {@code value}. */
  private static AttributeDefinition simpleElementView(AttributeDefinition attribute) {
    AttributeDefinition value =
        new AttributeDefinition(
            "value",
            attribute.type(),
            false,
            attribute.description(),
            false,
            attribute.caseExact(),
            attribute.mutability(),
            attribute.returned(),
            attribute.uniqueness(),
            attribute.canonicalValues(),
            attribute.referenceTypes(),
            List.of());
    return new AttributeDefinition(
        attribute.name(),
        AttributeType.COMPLEX,
        false,
        attribute.description(),
        attribute.required(),
        false,
        attribute.mutability(),
        attribute.returned(),
        attribute.uniqueness(),
        List.of(),
        List.of(),
        List.of(value));
  }
}
