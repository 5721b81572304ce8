package org.scimldap.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.scimldap.scim.path.AttributePath;

/**
 * A parsed SCIM filter expression (RFC 7644 §3.4.2.2). Immutable tree; inside a {@link ValuePath}
 * the nested filter's paths are relative to the complex attribute (e.g. {@code type} in {@code
 * emails[type eq "work"]}).
 */
public sealed interface ScimFilter
    permits ScimFilter.And,
        ScimFilter.Or,
        ScimFilter.Not,
        ScimFilter.Present,
        ScimFilter.Compare,
        ScimFilter.ValuePath {

  /** The attribute a leaf (comparison, presence, value path) is about; empty for and/or/not. */
  static java.util.Optional<AttributePath> pathOf(ScimFilter filter) {
    if (filter instanceof Compare c) {
      return java.util.Optional.of(c.path());
    }
    if (filter instanceof Present p) {
      return java.util.Optional.of(p.path());
    }
    if (filter instanceof ValuePath v) {
      return java.util.Optional.of(v.path());
    }
    return java.util.Optional.empty();
  }

  /** {@code left and right}. */
  record And(ScimFilter left, ScimFilter right) implements ScimFilter {
    public And {
      Objects.requireNonNull(left);
      Objects.requireNonNull(right);
    }
  }

  /** {@code left or right}. */
  record Or(ScimFilter left, ScimFilter right) implements ScimFilter {
    public Or {
      Objects.requireNonNull(left);
      Objects.requireNonNull(right);
    }
  }

  /** {@code not (inner)}. */
  record Not(ScimFilter inner) implements ScimFilter {
    public Not {
      Objects.requireNonNull(inner);
    }
  }

  /** {@code path pr}. */
  record Present(AttributePath path) implements ScimFilter {
    public Present {
      Objects.requireNonNull(path);
    }
  }

  /**
   * {@code path op value}; the value is a JSON literal: a text, boolean, number or null node.
   * Date-times arrive as text and are compared as instants where the attribute is a dateTime.
   */
  record Compare(AttributePath path, CompareOperator operator, JsonNode value)
      implements ScimFilter {
    public Compare {
      Objects.requireNonNull(path);
      Objects.requireNonNull(operator);
      Objects.requireNonNull(value);
    }
  }

  /** {@code path[filter]}: some value of the multi-valued complex {@code path} matches. */
  record ValuePath(AttributePath path, ScimFilter filter) implements ScimFilter {
    public ValuePath {
      Objects.requireNonNull(path);
      Objects.requireNonNull(filter);
    }
  }
}
