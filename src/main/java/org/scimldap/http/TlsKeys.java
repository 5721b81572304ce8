package org.scimldap.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.scimldap.config.ConfigException;
import org.scimldap.config.PemCertificates;
import org.scimldap.config.TlsConfig;

/**
 * The key store HTTPS serves from: the configured PKCS#12 file as it is, or one built in memory
 * from a PEM certificate chain and an unencrypted PKCS#8 private key. Problems are {@link
 * ConfigException}s naming the key and the file, never its content.
 */
final class TlsKeys {
  /** The password of a key store built in memory; it never leaves the process. */
  static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private TlsKeys() {}

  /** The key store, and the password of its key. */
  record Loaded(KeyStore keyStore, char[] password) {}

  static Loaded load(TlsConfig tls) {
    if (!tls.keyStore().isBlank()) {
      return pkcs12(tls.keyStore(), tls.keyStorePassword().toCharArray());
    }
    return pem(Path.of(tls.certFile()), Path.of(tls.keyFile()));
  }

  private static Loaded pkcs12(String file, char[] password) {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return new Loaded(store, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          "http.tls.keyStore names "
              + file
              + ", which cannot be read as PKCS#12 with the given password: "
              + e.getMessage(),
          e);
    }
  }

  private static Loaded pem(Path certFile, Path keyFile) {
    List<X509Certificate> chain;
    try {
      chain = PemCertificates.read(certFile);
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("http.tls.certFile names " + certFile + ", which " + reason(e), e);
    }
    PrivateKey key = privateKey(keyFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain.toArray(Certificate[]::new));
      return new Loaded(store, IN_MEMORY_PASSWORD);
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          "http.tls.keyFile " + keyFile + " does not go with http.tls.certFile " + certFile, e);
    }
  }

  private static PrivateKey privateKey(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("http.tls.keyFile names " + file + ", which " + reason(e), e);
    }
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new ConfigException(
          "http.tls.keyFile names "
              + file
              + ", which holds no unencrypted PKCS#8 key ('"
              + BEGIN
              + "'); convert one with 'openssl pkcs8 -topk8 -nocrypt'");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("http.tls.keyFile names " + file + ", whose key is not base64", e);
    }
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException notThisOne) {
        // try the next algorithm
      }
    }
    throw new ConfigException(
        "http.tls.keyFile names " + file + ", whose key is not an RSA, EC or EdDSA key");
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "does not exist";
    }
    return "cannot be read: " + e.getMessage();
  }
}
