package org.scimldap.scim.path;

import java.util.Objects;
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
