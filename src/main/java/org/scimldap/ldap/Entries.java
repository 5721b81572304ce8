package org.scimldap.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import org.scimldap.scim.ScimException;

/** Small facts about entries the directory returned. */
public final class Entries {
  private Entries() {}

  /** The parsed DN of an entry; a directory that returns an unparseable DN is a server fault. */
  public static DN dn(Entry entry) {
    try {
      return entry.getParsedDN();
    } catch (LDAPException e) {
      throw ScimException.internal("The directory returned an invalid DN: " + entry.getDN(), e);
    }
  }
}
