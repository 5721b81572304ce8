package org.scimldap.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scimldap.testsupport.GatewayUnderTest;

/** The Microsoft Entra ID replays on the embedded default directory. */
class EmbeddedEntraReplayTest extends EntraReplayContract {
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
