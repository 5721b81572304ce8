package org.scimldap.mapping.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * What a SCIM DELETE does to a resource type's entry (RFC 7644 §3.6 says only that the resource is
 * gone for SCIM): removes it, or keeps it as a leaver in a container outside the type's search
 * base, where no search of the gateway finds it again.
 *
 * @param retain keep the entry instead of deleting it
 * @param moveTo template of the leavers' container; null unless {@code retain}
 * @param disable set {@code active} to false through the type's {@code active} rule first
 * @param dropMemberships remove the entry from every group first
 * @param origin file, line and column of the {@code delete} section (or of the type without one)
 */
public record DeletePolicy(
    boolean retain, String moveTo, boolean disable, boolean dropMemberships, String origin) {

  public DeletePolicy {
    Objects.requireNonNull(origin);
    if (retain != (moveTo != null) || (!retain && (disable || dropMemberships))) {
      throw new IllegalArgumentException("only a retained entry is moved, disabled or left alone");
    }
  }

  /** Today's DELETE: references to the entry, then the entry, are removed. */
  public static DeletePolicy remove(String origin) {
    return new DeletePolicy(false, null, false, false, origin);
  }

  /** The leavers' container template, when deleted entries are kept. */
  public Optional<String> leavers() {
    return Optional.ofNullable(moveTo);
  }
}
