package org.scimldap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.testsupport.TestCertificates;

class LdapConfigTest {
  /** Every component away from its default, so that a copy dropping one would show. */
  private static final LdapConfig SOME =
      new LdapConfig(
          List.of("ldap://a.example.com:389"),
          false,
          caFile(),
          false,
          "/trust.p12",
          "trust-pw",
          "cn=gw,dc=corp",
          "bind-pw",
          "dc=corp",
          Map.of("User", "ou=people,dc=corp"),
          3,
          1000,
          2000,
          4000,
          new EmbeddedConfig(false, 3389));

  private static String caFile() {
    try {
      return TestCertificates.samplePem("some-ca.pem").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> copies() {
    return Stream.of(
        Arguments.of(
            "urls",
            (UnaryOperator<LdapConfig>) c -> c.withUrls(List.of("ldaps://b:636", "ldaps://c:636")),
            List.of("ldaps://b:636", "ldaps://c:636")),
        Arguments.of("startTls", (UnaryOperator<LdapConfig>) c -> c.withStartTls(true), true),
        Arguments.of("poolSize", (UnaryOperator<LdapConfig>) c -> c.withPoolSize(7), 7));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("copies")
  void aCopyChangesOneComponentAndKeepsEveryOther(
      String changed, UnaryOperator<LdapConfig> copy, Object expected) throws Exception {
    LdapConfig copied = copy.apply(SOME);
    for (RecordComponent component : LdapConfig.class.getRecordComponents()) {
      Object before = component.getAccessor().invoke(SOME);
      Object after = component.getAccessor().invoke(copied);
      if (component.getName().equals(changed)) {
        assertEquals(expected, after, changed);
        assertFalse(before.equals(after), changed + " changed");
      } else {
        assertEquals(before, after, component.getName());
      }
    }
  }

  @Test
  void copiesAreCheckedLikeEveryValue() {
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> SOME.withPoolSize(0));
    assertEquals("ldap.poolSize", e.key());
    assertEquals(
        "ldap.urls[0]",
        assertThrows(InvalidValueException.class, () -> SOME.withUrls(List.of("x"))).key());
  }

  @Test
  void theEmbeddedDirectoryIsUsedOnlyWithoutUrls() {
    LdapConfig defaults = GatewayConfig.defaults().ldap();
    assertTrue(defaults.usesEmbedded());
    assertFalse(defaults.withUrls(List.of("ldap://a:389")).usesEmbedded());
  }
}
