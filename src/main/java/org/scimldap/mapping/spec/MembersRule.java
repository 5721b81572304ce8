package org.scimldap.mapping.spec;

import com.unboundid.ldap.sdk.DN;
import java.util.Objects;

/**
 * Group membership: SCIM {@code members} as an LDAP attribute of member DNs.
 *
 * @param ldap the member attribute, e.g. {@code member}
 * @param placeholder a DN kept in the attribute while the group has no real member, for object
 *     classes such as {@code groupOfNames} that require one; never shown over SCIM. Null when the
 *     object class allows empty groups.
 */
public record MembersRule(String ldap, DN placeholder) {
  public MembersRule {
    Objects.requireNonNull(ldap);
  }
}
