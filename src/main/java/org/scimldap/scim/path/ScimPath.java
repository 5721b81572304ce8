package org.scimldap.scim.path;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import org.scimldap.scim.filter.CompareOperator;
import org.scimldap.scim.filter.ScimFilter;

/**
 * A PATCH {@code path} (RFC 7644 §3.5.2): an attribute, an optional value filter and an optional
 * sub-attribute after the filter. Examples: {@code name.givenName} is {@code (name.givenName, null,
 * null)}; {@code emails[type eq "work"].value} is {@code (emails, type eq "work", value)}; {@code
 * members[value eq "x"]} is {@code (members, value eq "x", null)}.
 *
 * @param attribute the attribute (possibly with a sub-attribute when there is no filter)
 * @param valueFilter the filter in brackets, or {@code null}
 * @param subAttribute the sub-attribute after the brackets, or {@code null}
 */
public record ScimPath(AttributePath attribute, ScimFilter valueFilter, String subAttribute) {
  public ScimPath {
    Objects.requireNonNull(attribute);
    if (subAttribute != null && valueFilter == null) {
      throw new IllegalArgumentException("a sub-attribute after brackets needs a value filter");
    }
    if (valueFilter != null && attribute.hasSubAttribute()) {
      throw new IllegalArgumentException("a value filter applies to a top-level attribute");
    }
  }

  public static ScimPath of(AttributePath attribute) {
    return new ScimPath(attribute, null, null);
  }

  public boolean hasValueFilter() {
    return valueFilter != null;
  }

  /** The sub-attribute addressed, whether written {@code a.b} or {@code a[f].b}; may be null. */
  public String targetSubAttribute() {
    return valueFilter != null ? subAttribute : attribute.subAttribute();
  }

  /**
   * The sub-attributes the value filter fixes, as fields of a new object: the {@code eq}
   * comparisons on a sub-attribute among the filter's {@link ScimFilter#conjuncts() conjuncts}, in
   * order, e.g. {@code {"type": "work"}} for {@code emails[type eq "work" and value co "@x"]};
   * empty without a value filter. An element written at this path carries them.
   */
  public ObjectNode equalityTerms() {
    ObjectNode terms = JsonNodeFactory.instance.objectNode();
    if (valueFilter != null) {
      for (ScimFilter term : valueFilter.conjuncts()) {
        term.accept(new Equality())
            .filter(c -> !c.path().hasSubAttribute())
            .ifPresent(c -> terms.set(c.path().name(), c.value()));
      }
    }
    return terms;
  }

  /** The node when it is an {@code eq} comparison. */
  private static final class Equality implements ScimFilter.Visitor<Optional<ScimFilter.Compare>> {
    @Override
    public Optional<ScimFilter.Compare> and(ScimFilter.And filter) {
      return Optional.empty();
    }

    @Override
    public Optional<ScimFilter.Compare> or(ScimFilter.Or filter) {
      return Optional.empty();
    }

    @Override
    public Optional<ScimFilter.Compare> not(ScimFilter.Not filter) {
      return Optional.empty();
    }

    @Override
    public Optional<ScimFilter.Compare> present(ScimFilter.Present filter) {
      return Optional.empty();
    }

    @Override
    public Optional<ScimFilter.Compare> compare(ScimFilter.Compare filter) {
      return filter.operator() == CompareOperator.EQ ? Optional.of(filter) : Optional.empty();
    }

    @Override
    public Optional<ScimFilter.Compare> valuePath(ScimFilter.ValuePath filter) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(attribute.toString());
    if (valueFilter != null) {
      s.append("[").append(valueFilter).append("]");
      if (subAttribute != null) {
        s.append(".").append(subAttribute);
      }
    }
    return s.toString();
  }
}
