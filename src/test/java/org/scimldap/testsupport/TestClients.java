package org.scimldap.testsupport;

import java.util.Map;
import org.scimldap.config.GatewayConfig;
import org.scimldap.http.auth.Authenticator;
import org.scimldap.http.auth.FailureThrottle;

/** Authenticators for tests that start the SCIM server without a whole gateway. */
public final class TestClients {
  private TestClients() {}

  /** Accepts {@code token} as the bearer token of one client with every right. */
  public static Authenticator allowing(String token) {
    return Authenticator.of(
        GatewayConfig.defaults().auth(), Map.of("test", token), FailureThrottle.standard());
  }
}
