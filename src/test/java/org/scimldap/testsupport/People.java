package org.scimldap.testsupport;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;

/** People added directly over LDAP, as an admin outside the gateway would. */
public final class People {
  private People() {}

  /**
   * Adds an {@code inetOrgPerson} at {@code dn} (a {@code uid=…} RDN), with that uid as its cn and
   * sn, and returns its {@code entryUUID}.
   */
  public static String add(LDAPConnection admin, String dn) throws Exception {
    String uid = new DN(dn).getRDN().getAttributeValues()[0];
    admin.add("dn: " + dn, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid, "sn: " + uid);
    return admin.getEntry(dn, "entryUUID").getAttributeValue("entryUUID");
  }
}
