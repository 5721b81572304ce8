package org.scimldap.ops;

import com.unboundid.ldap.sdk.DN;
import java.util.List;
import java.util.Objects;

/**
 * One write that the directory took: its LDAP operation ({@code add}, {@code modify}, {@code
 * rename}, {@code move}, {@code delete}), the entry, its name afterwards (another for a rename or a
 * move), and the names of the attributes it changed — never their values.
 */
public record LdapWrite(String operation, DN dn, DN newDn, List<String> attributes) {
  public LdapWrite {
    Objects.requireNonNull(operation);
    Objects.requireNonNull(dn);
    Objects.requireNonNull(newDn);
    attributes = List.copyOf(attributes);
  }

  /** A write that leaves the entry's name as it was. */
  static LdapWrite of(String operation, DN dn, List<String> attributes) {
    return new LdapWrite(operation, dn, dn, attributes);
  }
}
