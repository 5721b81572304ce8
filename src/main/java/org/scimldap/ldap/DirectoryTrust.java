package org.scimldap.ldap;

import com.unboundid.util.ssl.SSLUtil;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.scimldap.config.ConfigException;
import org.scimldap.config.LdapConfig;
import org.scimldap.config.PemCertificates;

/**
 * The TLS context of connections to the directory: it trusts the certificates of {@code
 * ldap.caFile} and of {@code ldap.trustStore}, or, with neither set, the JVM's default CAs. Each is
 * checked by the JDK's PKIX validation (RFC 5280 §6: signatures, validity, CA constraints), with
 * the certificates of the CA file as trust anchors.
 */
final class DirectoryTrust {
  private DirectoryTrust() {}

  static SSLContext context(LdapConfig config) {
    List<X509TrustManager> managers = new ArrayList<>();
    List<String> trusted = new ArrayList<>();
    String advice;
    try {
      if (!config.caFile().isBlank()) {
        managers.add(fromCaFile(Path.of(config.caFile())));
        trusted.add("the CA file " + config.caFile());
      }
      if (!config.trustStore().isBlank()) {
        managers.add(fromTrustStore(config.trustStore(), config.trustStorePassword()));
        trusted.add("the trust store " + config.trustStore());
      }
      if (managers.isEmpty()) {
        managers.add(pkix(null));
        trusted.add("the JVM's default CAs");
        advice =
            "set GATEWAY_LDAP_CA_FILE (ldap.caFile) to a PEM file with the certificate of %s,"
                + " the CA that issued it";
      } else {
        advice =
            config.caFile().isBlank()
                ? "add the certificate of %s, the CA that issued it, to the trust store,"
                    + " or name a PEM file with it in GATEWAY_LDAP_CA_FILE (ldap.caFile)"
                : "add the certificate of %s, the CA that issued it, to " + config.caFile();
      }
      TrustManager trust =
          new ExplainingTrustManager(managers, String.join(" or ", trusted), advice);
      return new SSLUtil(trust).createSSLContext();
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("Cannot set up TLS for LDAP: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager fromCaFile(Path file)
      throws IOException, GeneralSecurityException {
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    anchors.load(null, null);
    List<X509Certificate> certificates = PemCertificates.read(file);
    for (int i = 0; i < certificates.size(); i++) {
      anchors.setCertificateEntry("ca-" + i, certificates.get(i));
    }
    return pkix(anchors);
  }

  private static X509TrustManager fromTrustStore(String file, String password)
      throws GeneralSecurityException {
    char[] pin = password.isEmpty() ? null : password.toCharArray();
    try {
      return pkix(KeyStore.getInstance(new File(file), pin));
    } catch (IOException e) {
      throw new ConfigException(
          "the trust store " + file + " (ldap.trustStore) cannot be read: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager pkix(KeyStore anchors) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(anchors);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JVM offers no X.509 trust manager");
  }
}
