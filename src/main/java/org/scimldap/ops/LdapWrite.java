package org.scimldap.ops;

import com.unboundid.ldap.sdk.DN;
import java.util.List;
import java.util.Objects;

/**
 * One write that the directory took: its LDAP operation ({@code add}, {@code modify}, {@code
 * rename}, {@code move}, {@code delete}), the entry, and the names of the attributes it changed —
 * never their values.
 */
public record LdapWrite(String operation, DN dn, List<String> attributes) {
  public LdapWrite {
    Objects.requireNonNull(operation);
    Objects.requireNonNull(dn);
    attributes = List.copyOf(attributes);
  }
}
