package org.scimldap.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scimldap.testsupport.GatewayUnderTest;


/** The protocol contract on the Embedded directory. */
class EmbeddedProtocolTest extends ProtocolContract {
  private static GatewayUnderTest gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = GatewayUnderTest.embedded();
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
