package org.scimldap.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Scopes as rights: each row a scope string and what it lets a client do with Users and Groups. */
class RightsTest {
  static Stream<Arguments> scopes() {
    return Stream.of(
        // scopes, read User, write User, read Group, write Group, admin
        Arguments.of("", false, false, false, false, false),
        Arguments.of("openid profile", false, false, false, false, false),
        Arguments.of("scim:read", true, false, true, false, false),
        Arguments.of("scim:write", true, true, true, true, false),
        Arguments.of("scim:read:User", true, false, false, false, false),
        Arguments.of("scim:write:Group", false, false, true, true, false),
        Arguments.of("scim:read:User scim:write:Group", true, false, true, true, false),
        Arguments.of("scim:admin", false, false, false, false, true),
        Arguments.of("scim:read:", false, false, false, false, false),
        Arguments.of("scim:readers", false, false, false, false, false),
        Arguments.of("SCIM:READ", false, false, false, false, false));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("scopes")
  void scopesGrantExactlyWhatTheyName(
      String scopes,
      boolean readUser,
      boolean writeUser,
      boolean readGroup,
      boolean writeGroup,
      boolean admin) {
    Rights r = Rights.ofScopes(Arrays.stream(scopes.split(" ")).filter(s -> !s.isEmpty()).toList());
    assertEquals(readUser, r.mayRead("User"), "read User");
    assertEquals(writeUser, r.mayWrite("User"), "write User");
    assertEquals(readGroup, r.mayRead("Group"), "read Group");
    assertEquals(writeGroup, r.mayWrite("Group"), "write Group");
    assertEquals(admin, r.admin(), "admin");
    assertEquals(
        scopes.equals("scim:write"), r.mayWriteEvery(), "only scim:write grants every type");
  }
}
