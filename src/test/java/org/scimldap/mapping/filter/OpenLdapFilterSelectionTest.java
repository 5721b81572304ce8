package org.scimldap.mapping.filter;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scimldap.testsupport.Slapd;
import org.scimldap.testsupport.SlapdExtension;

/**
 * The filter selection contract on a real OpenLDAP (the shared throwaway slapd, reset before each
 * test): its matching rules, its lack of ORDERING on {@code uid}, {@code cn}, {@code sn}, its
 * GeneralizedTime ordering and its ppolicy {@code pwdAccountLockedTime}.
 */
@ExtendWith(SlapdExtension.class)
class OpenLdapFilterSelectionTest extends FilterSelectionContract {
  private final Slapd slapd;

  OpenLdapFilterSelectionTest(Slapd slapd) {
    this.slapd = slapd;
  }

  @Override
  LDAPConnection connect() throws LDAPException {
    return slapd.connect();
  }
}
