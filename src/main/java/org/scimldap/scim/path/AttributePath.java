package org.scimldap.scim.path;

import java.util.Locale;

/**
 * An attribute reference as in RFC 7644 §3.10 ({@code attrPath} of the filter ABNF): an optional
 * schema URN, an attribute name and an optional sub-attribute name. Names keep the case the client
 * sent; comparisons elsewhere are case-insensitive.
 *
 * @param schemaUrn the schema URN prefix, or {@code null} when the path is not fully qualified
 * @param name the attribute name
 * @param subAttribute the sub-attribute name, or {@code null}
 */
public record AttributePath(String schemaUrn, String name, String subAttribute) {
  public AttributePath {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("attribute name is required");
    }
  }

  public static AttributePath of(String name) {
    return new AttributePath(null, name, null);
  }

  public static AttributePath of(String name, String subAttribute) {
    return new AttributePath(null, name, subAttribute);
  }

  public boolean hasSubAttribute() {
    return subAttribute != null;
  }

  /** The same path without its sub-attribute. */
  public AttributePath parent() {
    return new AttributePath(schemaUrn, name, null);
  }

  /** The same path with the given sub-attribute. */
  public AttributePath withSubAttribute(String sub) {
    return new AttributePath(schemaUrn, name, sub);
  }

  /** Lower-cased {@code name} or {@code name.sub}, without URN, for case-insensitive lookups. */
  public String key() {
    String base = name.toLowerCase(Locale.ROOT);
    return subAttribute == null ? base : base + "." + subAttribute.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    String base = schemaUrn == null ? name : schemaUrn + ":" + name;
    return subAttribute == null ? base : base + "." + subAttribute;
  }
}
