package org.scimldap.mapping.spec;

import com.unboundid.ldap.sdk.Filter;
import java.util.Objects;
import java.util.Optional;

/**
 * Which entries of a type that the gateway did not create (they have no correlation row yet: made
 * by another tool, or before the gateway) SCIM may change, and so take over: replace, patch, reset
 * the password of, delete. The first such write adopts the entry (it gets a row), and from then on
 * it is the gateway's like one it created. Reading and listing are not affected: every entry of the
 * type is shown. Written in the mapping as {@code adopt: all}, {@code adopt: none} or {@code adopt:
 * {filter: "(…)"}}; a mapping without {@code adopt} adopts all, as earlier versions did.
 *
 * @param mode which entries may be adopted
 * @param filter with {@link Mode#FILTER}, what an entry must match to be adopted; otherwise empty
 */
public record Adoption(Mode mode, Optional<Filter> filter) {
  /** Which entries may be adopted. */
  public enum Mode {
    /** Every entry of the type. */
    ALL,
    /** None: SCIM changes only the entries it created. */
    NONE,
    /** The entries that match a filter, which the directory evaluates. */
    FILTER
  }

  public Adoption {
    Objects.requireNonNull(mode);
    Objects.requireNonNull(filter);
    if ((mode == Mode.FILTER) != filter.isPresent()) {
      throw new IllegalArgumentException("a filter goes with adopt: {filter: …} only");
    }
  }

  /** Every entry of the type may be adopted. */
  public static Adoption all() {
    return new Adoption(Mode.ALL, Optional.empty());
  }

  /** How the mapping file writes this setting. */
  @Override
  public String toString() {
    return switch (mode) {
      case ALL -> "adopt: all";
      case NONE -> "adopt: none";
      case FILTER -> "adopt: {filter: \"" + filter.orElseThrow() + "\"}";
    };
  }
}
