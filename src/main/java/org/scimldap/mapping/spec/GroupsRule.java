package org.scimldap.mapping.spec;

import java.util.Objects;

/**
 * Where a resource's {@code groups} (RFC 7643 §4.1.2: the groups a user is a direct member of,
 * read-only) come from.
 *
 * @param from how memberships are found
 * @param ldap for {@link From#MEMBER_OF}, the attribute of the resource's entry that holds the DNs
 *     of its groups (e.g. {@code memberOf}); empty for {@link From#MEMBERS}
 * @param groupType the resource type the groups are (e.g. {@code Group})
 * @param origin file, line and column of the {@code groups} section, for messages
 */
public record GroupsRule(From from, String ldap, String groupType, String origin) {

  /** How the groups of an entry are found. */
  public enum From {
    /**
     * The entry's own attribute of group DNs, which the directory maintains (OpenLDAP's memberof
     * overlay, 389-ds's memberOf plugin, Active Directory): read with the entry, and filtered on in
     * the directory.
     */
    MEMBER_OF,
    /**
     * The member attribute of the group type's entries: one search over the groups for a request or
     * a page, whatever the directory.
     */
    MEMBERS
  }

  public GroupsRule {
    Objects.requireNonNull(from);
    Objects.requireNonNull(ldap);
    Objects.requireNonNull(groupType);
    Objects.requireNonNull(origin);
  }
}
