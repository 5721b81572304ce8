package org.scimldap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    assertTrue(RequestLog.underBase("/Users/42", "/"), "and under a base of /");
    assertTrue(RequestLog.underBase("/", "/"));
  }

  @Test
  void notAPathThatOnlyStartsWithTheSameCharacters() {
    assertFalse(RequestLog.underBase("/scim/v2Users", "/scim/v2"));
    assertFalse(RequestLog.underBase("/scim/v", "/scim/v2"));
    assertFalse(RequestLog.underBase("/health/live", "/scim/v2"));
  }

  @Test
  void theEndpointIsTheSegmentAfterTheBaseAsWritten() {
    assertEquals("Sch%65mas", ResourceRoutes.writtenEndpoint("/scim/v2/Sch%65mas", "/scim/v2"));
    assertEquals("Users", ResourceRoutes.writtenEndpoint("/scim/v2/Users/42", "/scim/v2"));
    assertEquals("Users", ResourceRoutes.writtenEndpoint("/Users/42", "/"));
    assertEquals("", ResourceRoutes.writtenEndpoint("/scim/v2", "/scim/v2"));
  }
}
