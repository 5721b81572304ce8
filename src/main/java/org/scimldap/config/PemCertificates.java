package org.scimldap.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The certificates of a PEM file: every {@code CERTIFICATE} block (RFC 7468 §5.1), in order. Text
 * around and between the blocks is ignored, as in the CA bundles that OpenSSL and Windows export
 * with a subject line before each certificate.
 */
public final class PemCertificates {
  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String END = "-----END CERTIFICATE-----";

  private PemCertificates() {}

  /**
   * Reads every certificate of {@code file}.
   *
   * @throws IOException when the file cannot be read
   * @throws CertificateException when it holds no certificate, or one that does not parse; the
   *     message completes "the file …"
   */
  public static List<X509Certificate> read(Path file) throws IOException, CertificateException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> certificates = new ArrayList<>();
    int begin = text.indexOf(BEGIN);
    while (begin >= 0) {
      int end = text.indexOf(END, begin);
      if (end < 0) {
        throw new CertificateException(
            "has a certificate (number " + (certificates.size() + 1) + ") without its END line");
      }
      String base64 = text.substring(begin + BEGIN.length(), end);
      try {
        byte[] der = Base64.getMimeDecoder().decode(base64);
        certificates.add(
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      } catch (IllegalArgumentException | CertificateException e) {
        throw new CertificateException(
            "has a certificate (number "
                + (certificates.size() + 1)
                + ") that does not parse: "
                + e.getMessage(),
            e);
      }
      begin = text.indexOf(BEGIN, end);
    }
    if (certificates.isEmpty()) {
      throw new CertificateException(
          "holds no PEM certificate ("
              + BEGIN
              + "); a DER file (.cer) converts with"
              + " openssl x509 -inform der -in ca.cer -out ca.pem");
    }
    return List.copyOf(certificates);
  }
}
