package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.config.PemCertificates;
import org.scimldap.testsupport.TestCertificates;

/** Which hosts a certificate is for (RFC 6125 §6), row by row. */
class CertificateNamesTest {
  private static final CertificateNames DC1 =
      new CertificateNames(
          List.of("DC1.corp.example.com", "corp.example.com"),
          List.of("127.0.0.1", "10.0.0.5", "0:0:0:0:0:0:0:1"),
          Optional.of("dc1"));
  private static final CertificateNames WILDCARD =
      new CertificateNames(List.of("*.corp.example.com", "*.com"), List.of(), Optional.empty());
  private static final CertificateNames COMMON_NAME_ONLY =
      new CertificateNames(List.of(), List.of(), Optional.of("ldap.example.com"));
  private static final CertificateNames IP_ONLY =
      new CertificateNames(List.of(), List.of("192.0.2.7"), Optional.of("ldap.example.com"));

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of(DC1, "dc1.corp.example.com", true),
        Arguments.of(DC1, "DC1.CORP.EXAMPLE.COM.", true),
        Arguments.of(DC1, "corp.example.com", true),
        Arguments.of(DC1, "localhost", false),
        Arguments.of(DC1, "dc1", false),
        Arguments.of(DC1, "dc2.corp.example.com", false),
        Arguments.of(DC1, "127.0.0.1", true),
        Arguments.of(DC1, "10.0.0.5", true),
        Arguments.of(DC1, "10.0.0.6", false),
        Arguments.of(DC1, "127.0.0.2", false),
        Arguments.of(DC1, "::1", true),
        Arguments.of(DC1, "[::1]", true),
        Arguments.of(DC1, "[0:0:0:0:0:0:0:1]", true),
        Arguments.of(WILDCARD, "dc1.corp.example.com", true),
        Arguments.of(WILDCARD, "a.dc1.corp.example.com", false),
        Arguments.of(WILDCARD, "corp.example.com", false),
        Arguments.of(WILDCARD, "example.com", false),
        Arguments.of(WILDCARD, ".corp.example.com", false),
        Arguments.of(COMMON_NAME_ONLY, "ldap.example.com", true),
        Arguments.of(COMMON_NAME_ONLY, "other.example.com", false),
        Arguments.of(IP_ONLY, "ldap.example.com", true),
        Arguments.of(IP_ONLY, "192.0.2.7", true),
        Arguments.of(IP_ONLY, "127.0.0.1", false));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("rows")
  void aHostIsOneOfTheNamesOrNot(CertificateNames names, String host, boolean expected) {
    assertEquals(expected, names.matches(host), names + " and " + host);
  }

  @Test
  void aCommonNameCountsOnlyWithoutDnsNames() {
    assertFalse(DC1.matches("dc1"), "dc1 is the common name, but the certificate has DNS names");
    assertEquals("DC1.corp.example.com".toLowerCase(), DC1.dnsNames().get(0));
  }

  @Test
  void namesAreDescribedForMessages() {
    assertEquals(
        "dc1.corp.example.com, corp.example.com, 127.0.0.1, 10.0.0.5 and 0:0:0:0:0:0:0:1",
        DC1.describe());
    assertEquals("ldap.example.com", COMMON_NAME_ONLY.describe());
    assertEquals("192.0.2.7 and ldap.example.com", IP_ONLY.describe());
    assertEquals(
        "no host", new CertificateNames(List.of(), List.of(), Optional.empty()).describe());
  }

  @Test
  void theNamesAreReadFromACertificateAndNoLoopbackAddressIsTakenForGranted(@TempDir Path dir)
      throws Exception {
    TestCertificates made =
        TestCertificates.create(
            dir, "dc1", List.of("dc1.corp.example.com"), List.of("10.0.0.5", "::1"));
    CertificateNames names =
        CertificateNames.of(PemCertificates.read(made.certificatePem()).get(0));
    assertEquals(List.of("dc1.corp.example.com"), names.dnsNames());
    assertEquals(2, names.ipAddresses().size(), names.toString());
    assertEquals(Optional.of("dc1"), names.commonName());
    assertTrue(names.matches("dc1.corp.example.com"));
    assertTrue(names.matches("10.0.0.5"));
    assertTrue(names.matches("::1"));
    assertFalse(names.matches("127.0.0.1"), "a loopback address the certificate does not name");
    assertFalse(names.matches("localhost"));
  }
}
