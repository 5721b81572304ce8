package org.scimldap.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.ldap.DnStrings;
import org.scimldap.mapping.entry.GroupPlaceholder;
import org.scimldap.mapping.entry.References;
import org.scimldap.mapping.spec.MembersRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After members were added to a group: each added DN is looked up again, and a DN whose entry is
 * gone (deleted by a request that ran between the look-up of the member and the write) or now has
 * another immutable id (replaced behind the gateway's back) is removed from the group again. So a
 * DELETE racing a member add never leaves the deleted entry's DN in the group, where a later entry
 * with the same name would inherit the membership.
 */
final class VanishedMembers {
  private static final Logger LOG = LoggerFactory.getLogger(VanishedMembers.class);

  private final MembersRule rule;
  private final Directory directory;
  private final ReferenceResolver resolver;

  VanishedMembers(MembersRule rule, Directory directory, ReferenceResolver resolver) {
    this.rule = rule;
    this.directory = directory;
    this.resolver = resolver;
  }

  /**
   * Removes from {@code group} the added DNs that no longer name the entry of the id they were
   * added for.
   *
   * @param added the ids added, by the DN each was resolved to
   */
  void removeFrom(DN group, Map<DN, String> added) {
    if (added.isEmpty()) {
      return;
    }
    References now = resolver.forDns(added.keySet());
    List<String> gone = new ArrayList<>();
    added.forEach(
        (dn, id) -> {
          boolean same = now.targetOf(dn).filter(t -> t.id().equalsIgnoreCase(id)).isPresent();
          if (!same) {
            gone.add(DnStrings.of(dn));
          }
        });
    if (gone.isEmpty()) {
      return;
    }
    LOG.info(
        "Members of {} deleted or replaced while they were added; removing them again: {}",
        group,
        gone);
    Modification removal =
        new Modification(ModificationType.DELETE, rule.ldap(), gone.toArray(String[]::new));
    try {
      directory.modify(group, List.of(removal), true, Optional.empty());
    } catch (DirectoryException e) {
      Optional<Modification> refill =
          e.isObjectClassViolation() ? new GroupPlaceholder(rule).refill() : Optional.empty();
      if (refill.isEmpty()) {
        throw e;
      }
      directory.modify(group, List.of(refill.get(), removal), true, Optional.empty());
    }
  }
}
