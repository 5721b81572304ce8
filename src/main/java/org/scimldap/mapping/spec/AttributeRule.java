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
 * @param suffixOnClash with {@code unique}: a new entry whose value is taken gets the value with
 *     the smallest free number appended instead (within the rule's {@code sanitize} length), as
 *     Active Directory's {@code sAMAccountName} needs
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
    boolean unique,
    boolean suffixOnClash) {

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
    this(scim, ldap, source, direction, fallbacks, transform, primary, origin, false, false);
  }

  /** The most characters the rule's {@code sanitize} step lets through; unbounded without one. */
  public int maxLength() {
    int max = Integer.MAX_VALUE;
    if (transform instanceof ValueTransform.Chain chain) {
      for (TextStep step : chain.steps()) {
        if (step instanceof TextStep.Sanitize sanitize) {
          max = Math.min(max, sanitize.maxLength());
        }
      }
    }
    return max;
  }

  public boolean isReference() {
    return transform instanceof ValueTransform.Reference;
  }
}
