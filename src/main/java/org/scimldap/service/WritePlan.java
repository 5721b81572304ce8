package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Modification;
import java.util.List;
import java.util.Objects;
import org.scimldap.mapping.entry.References;

/**
 * One write of a changed resource to its entry, as {@link EntryWriter} carries it out.
 *
 * @param target the entry as read, with its store row
 * @param before the resource as read
 * @param after the resource as it is to be
 * @param refs the references of both versions, resolved
 * @param members how membership changes reach the directory
 * @param guarded whether the write is kept from overwriting a change made since the entry was read
 *     ({@link ChangeGuard}: asserting, RFC 4528, that it is unchanged, where the directory can)
 * @param externalId the store-kept externalId after the write
 * @param kept the parts of {@code after} kept in the store, as JSON; may be null
 */
record WritePlan(
    EntryLocator.Located target,
    ObjectNode before,
    ObjectNode after,
    References refs,
    Members members,
    boolean guarded,
    String externalId,
    String kept) {

  WritePlan {
    Objects.requireNonNull(target);
    Objects.requireNonNull(before);
    Objects.requireNonNull(after);
    Objects.requireNonNull(refs);
    Objects.requireNonNull(members);
  }

  /** How membership changes reach the directory. */
  sealed interface Members {
    /**
     * The member list of {@code after} replaces that of {@code before}: the mapper's diff carries
     * the single-value changes, and the entry is read back with its members.
     */
    record FromDiff() implements Members {}

    /**
     * Membership was worked out value by value ({@link MemberModifications}): these modifications
     * go after the diff's, the placeholder refills a group the directory refuses to empty, and the
     * entry is read back without its members.
     */
    record Given(List<Modification> modifications) implements Members {
      public Given {
        modifications = List.copyOf(modifications);
      }
    }
  }
}
