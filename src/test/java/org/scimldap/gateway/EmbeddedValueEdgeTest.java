package org.scimldap.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scimldap.testsupport.GatewayUnderTest;

/** The value edge cases on the embedded default directory. */
class EmbeddedValueEdgeTest extends ValueEdgeContract {
  private static GatewayUnderTest gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = GatewayUnderTest.embedded();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Override
  GatewayUnderTest gateway() {
    return gateway;
  }
}
