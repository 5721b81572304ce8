package org.scimldap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.testsupport.TestCertificates;

class PemCertificatesTest {
  @TempDir Path dir;

  @Test
  void everyCertificateOfABundleIsReadWhateverTextSurroundsThem() throws Exception {
    String pem = Files.readString(TestCertificates.samplePem("bundle-part.pem"));
    Path bundle =
        Files.writeString(
            dir.resolve("bundle.pem"),
            "subject=CN = sample.example.com\r\n" + pem + "\nBag Attributes\n" + pem.trim());
    List<X509Certificate> read = PemCertificates.read(bundle);
    assertEquals(2, read.size());
    assertEquals("CN=sample.example.com", read.get(0).getSubjectX500Principal().getName());
  }

  @Test
  void aBlockThatDoesNotParseIsNamedByItsNumber() throws Exception {
    String pem = Files.readString(TestCertificates.samplePem("good.pem"));
    Path broken =
        Files.writeString(
            dir.resolve("broken.pem"),
            pem
                + "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    CertificateException e =
        assertThrows(CertificateException.class, () -> PemCertificates.read(broken));
    assertTrue(
        e.getMessage().startsWith("has a certificate (number 2) that does not parse"),
        e.getMessage());
    Path cut = Files.writeString(dir.resolve("cut.pem"), pem.substring(0, pem.length() / 2));
    assertEquals(
        "has a certificate (number 1) without its END line",
        assertThrows(CertificateException.class, () -> PemCertificates.read(cut)).getMessage());
  }
}
