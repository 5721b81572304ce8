package org.scimldap.mapping.spec;

import java.util.List;
import java.util.Objects;
import org.scimldap.scim.path.ScimPath;

/**
 * One line of a mapping file: a SCIM path, where its value lives and how it is converted.
 *
 * @param scim the SCIM path, e.g. {@code emails[type eq "work"].value}
 * @param ldap the LDAP attribute; empty when {@code source} is {@link Source#STORE}
 * @param source where the value is kept
 * @param direction which way the rule carries values
 * @param fallbacks SCIM paths or templates tried in order when {@code scim} has no value on a write
 * @param transform value conversion
 * @param primary on reads, mark the first value {@code primary: true}
 * @param origin file, line and column of the rule, for messages
 * @param unique no two entries of the type may hold the same value of the LDAP attribute: the
 *     gateway checks it before it writes a new value (published as {@code uniqueness: server})
 */
public record AttributeRule(
    ScimPath scim,
    String ldap,
    Source source,
    Direction direction,
    List<Fallback> fallbacks,
    ValueTransform transform,
    boolean primary,
    String origin,
    boolean unique) {

  /** Where a mapped value is kept. */
  public enum Source {
    /** In an LDAP attribute of the entry. */
    LDAP,
    /** In the gateway's correlation store (only {@code externalId}). */
    STORE
  }

  public AttributeRule {
    Objects.requireNonNull(scim);
    Objects.requireNonNull(ldap);
    Objects.requireNonNull(source);
    Objects.requireNonNull(direction);
    fallbacks = List.copyOf(fallbacks);
    Objects.requireNonNull(transform);
  }

  /** A rule without a uniqueness check. */
  public AttributeRule(
      ScimPath scim,
      String ldap,
      Source source,
      Direction direction,
      List<Fallback> fallbacks,
      ValueTransform transform,
      boolean primary,
      String origin) {
    this(scim, ldap, source, direction, fallbacks, transform, primary, origin, false);
  }

  public boolean isReference() {
    return transform instanceof ValueTransform.Reference;
  }
}
