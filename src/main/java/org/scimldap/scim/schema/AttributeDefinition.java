package org.scimldap.scim.schema;

import java.util.List;
import java.util.Optional;

/**
 * One attribute of a SCIM schema with its characteristics (RFC 7643 §2.2, §7). Sub-attributes are
 * present only for {@link AttributeType#COMPLEX}.
 */
public record AttributeDefinition(
    String name,
    AttributeType type,
    boolean multiValued,
    String description,
    boolean required,
    boolean caseExact,
    Mutability mutability,
    Returned returned,
    Uniqueness uniqueness,
    List<String> canonicalValues,
    List<String> referenceTypes,
    List<AttributeDefinition> subAttributes) {

  public AttributeDefinition {
    canonicalValues = List.copyOf(canonicalValues);
    referenceTypes = List.copyOf(referenceTypes);
    subAttributes = List.copyOf(subAttributes);
  }

  /** Case-insensitive lookup of a sub-attribute (RFC 7643 §2.1: names are case-insensitive). */
  public Optional<AttributeDefinition> subAttribute(String subName) {
    // The name as the schema writes it first (what the gateway's own resources carry), then in
    // any case.
    for (AttributeDefinition a : subAttributes) {
      if (a.name().equals(subName)) {
        return Optional.of(a);
      }
    }
    for (AttributeDefinition a : subAttributes) {
      if (a.name().equalsIgnoreCase(subName)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  public boolean isComplex() {
    return type == AttributeType.COMPLEX;
  }
}
