package org.scimldap.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.Slapd;

/**
 * The concurrency cases on a real OpenLDAP (the shared throwaway slapd), which unlike the embedded
 * directory offers no Permissive Modify control.
 */
class OpenLdapConcurrencyTest extends ConcurrencyContract {
  private static GatewayUnderTest gateway;

  @BeforeAll
  static void start() throws Exception {
    Slapd slapd = Slapd.shared();
    gateway = GatewayUnderTest.external(slapd.url(), slapd.adminDn(), slapd.adminPassword());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Override
  GatewayUnderTest gateway() {
    return gateway;
  }
}
