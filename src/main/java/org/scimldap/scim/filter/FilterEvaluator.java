package org.scimldap.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Evaluates a {@link ScimFilter} in memory against a SCIM resource in its JSON form, with the
 * semantics of RFC 7644 §3.4.2.2:
 *
 * <ul>
 *   <li>a multi-valued attribute matches when any of its values matches; {@code ne} matches when no
 *       value is equal, including when the attribute is absent;
 *   <li>a complex attribute compared without a sub-attribute (e.g. {@code emails co "x"}) is
 *       compared through its {@code value} sub-attribute;
 *   <li>{@code eq null} matches an absent or null attribute and {@code ne null} a present one;
 *   <li>{@code pr} is false for an absent attribute, JSON null, an empty string, array or object;
 *   <li>value comparison follows {@link ValueComparator}: case-insensitive strings unless {@code
 *       caseExact}, numbers numerically, dateTime attributes as instants, mismatched types never
 *       match.
 * </ul>
 *
 * Attribute names match JSON keys case-insensitively. A path without a schema URN resolves in the
 * core schema first, then in the extensions (whose attributes live under the extension URN); a path
 * the schema does not know is looked up at the top level (or under its URN) and compared as a
 * case-insensitive string.
 */
public final class FilterEvaluator {
  private static final String VALUE = "value";

  private FilterEvaluator() {}

  /** True when {@code resource} matches {@code filter}. */
  public static boolean matches(ScimFilter filter, JsonNode resource, ResourceSchema schema) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(schema, "schema");
    return evaluate(filter, AttributeLookup.resource(resource, schema));
  }

  /**
   * True when one element of a multi-valued complex attribute matches the filter of a value path
   * (the part inside brackets), whose paths are relative to that attribute: {@code type}, {@code
   * value}, {@code primary}.
   */
  public static boolean matchesValue(
      ScimFilter filter,
      JsonNode element,
      AttributeDefinition complexAttribute,
      ResourceSchema schema) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(element, "element");
    Objects.requireNonNull(complexAttribute, "complexAttribute");
    Objects.requireNonNull(schema, "schema");
    return evaluate(filter, AttributeLookup.element(element, complexAttribute, schema));
  }

  private static boolean evaluate(ScimFilter filter, AttributeLookup lookup) {
    return filter.accept(new Evaluation(lookup));
  }

  /** Evaluates one node against the values one lookup finds. */
  private static final class Evaluation implements ScimFilter.Visitor<Boolean> {
    private final AttributeLookup lookup;

    Evaluation(AttributeLookup lookup) {
      this.lookup = lookup;
    }

    @Override
    public Boolean and(ScimFilter.And and) {
      return and.left().accept(this) && and.right().accept(this);
    }

    @Override
    public Boolean or(ScimFilter.Or or) {
      return or.left().accept(this) || or.right().accept(this);
    }

    @Override
    public Boolean not(ScimFilter.Not not) {
      return !not.inner().accept(this);
    }

    @Override
    public Boolean present(ScimFilter.Present present) {
      return lookup.find(present.path()).values().stream().anyMatch(FilterEvaluator::hasContent);
    }

    @Override
    public Boolean compare(ScimFilter.Compare compare) {
      return FilterEvaluator.compare(compare, lookup);
    }

    @Override
    public Boolean valuePath(ScimFilter.ValuePath valuePath) {
      AttributeLookup.Found found = lookup.find(valuePath.path());
      return found.values().stream()
          .anyMatch(v -> evaluate(valuePath.filter(), lookup.inside(v, found.definition())));
    }
  }

  private static boolean compare(ScimFilter.Compare compare, AttributeLookup lookup) {
    AttributeLookup.Found found = lookup.find(compare.path());
    if (!compare.path().hasSubAttribute()) {
      found = throughValue(found);
    }
    JsonNode expected = compare.value();
    AttributeDefinition definition = found.definition();
    if (expected.isNull()) {
      boolean absent = found.values().isEmpty();
      return switch (compare.operator()) {
        case EQ -> absent;
        case NE -> !absent;
        default -> false;
      };
    }
    if (compare.operator() == CompareOperator.NE) {
      return found.values().stream()
          .noneMatch(v -> ValueComparator.test(v, CompareOperator.EQ, expected, definition));
    }
    return found.values().stream()
        .anyMatch(v -> ValueComparator.test(v, compare.operator(), expected, definition));
  }

  /** Replaces complex values by their {@code value} sub-attribute (RFC 7644 §3.4.2.2). */
  private static AttributeLookup.Found throughValue(AttributeLookup.Found found) {
    AttributeDefinition definition = found.definition();
    if (definition != null && !definition.isComplex()) {
      return found;
    }
    List<JsonNode> values = new ArrayList<>();
    for (JsonNode v : found.values()) {
      if (v.isObject()) {
        values.addAll(AttributeLookup.subValues(List.of(v), VALUE));
      } else if (definition == null) {
        values.add(v);
      }
    }
    AttributeDefinition valueDefinition =
        definition == null ? null : definition.subAttribute(VALUE).orElse(null);
    return new AttributeLookup.Found(values, valueDefinition);
  }

  private static boolean hasContent(JsonNode node) {
    if (node.isTextual()) {
      return !node.textValue().isEmpty();
    }
    if (node.isArray() || node.isObject()) {
      return node.size() > 0;
    }
    return !node.isNull() && !node.isMissingNode();
  }
}
