package org.scimldap.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

/** Small facts about entries the directory returned. */
public final class Entries {
  private Entries() {}

  /** The parsed DN of an entry; a directory that returns an unparseable DN is a server fault. */
  public static DN dn(Entry entry) {
    try {
      return entry.getParsedDN();
    } catch (LDAPException e) {
      throw new DirectoryException(
          "read " + entry.getDN(), ResultCode.OTHER, "the directory returned an invalid DN", e);
    }
  }
}
