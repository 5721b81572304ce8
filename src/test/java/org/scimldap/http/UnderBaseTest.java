package org.scimldap.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which paths are the SCIM base path's, and so need a credential and the rights they ask for. */
class UnderBaseTest {
  @Test
  void theBasePathAndEveryPathBelowIt() {
    assertTrue(RequestLog.underBase("/scim/v2", "/scim/v2"));
    assertTrue(RequestLog.underBase("/scim/v2/", "/scim/v2"));
    assertTrue(RequestLog.underBase("/scim/v2/Users/42", "/scim/v2"));
    assertTrue(RequestLog.underBase("/health/live", ""), "everything is under an empty base");
  }

  @Test
  void notAPathThatOnlyStartsWithTheSameCharacters() {
    assertFalse(RequestLog.underBase("/scim/v2Users", "/scim/v2"));
    assertFalse(RequestLog.underBase("/scim/v", "/scim/v2"));
    assertFalse(RequestLog.underBase("/health/live", "/scim/v2"));
  }
}
