package org.scimldap.config;

/**
 * The certificate and key the SCIM endpoint serves HTTPS with: the {@code http.tls} section. Either
 * a PEM pair ({@code certFile} and {@code keyFile}) or a PKCS#12 key store; all empty serves plain
 * HTTP.
 *
 * @param certFile PEM file with the server certificate, then the chain that issued it
 * @param keyFile PEM file with its private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY})
 * @param keyStore PKCS#12 file holding one key entry and its chain
 * @param keyStorePassword its password
 */
public record TlsConfig(String certFile, String keyFile, String keyStore, String keyStorePassword) {
  public TlsConfig {
    Checks.present("http.tls.certFile", certFile);
    Checks.present("http.tls.keyFile", keyFile);
    Checks.present("http.tls.keyStore", keyStore);
    Checks.present("http.tls.keyStorePassword", keyStorePassword);
    if (certFile.isBlank() != keyFile.isBlank()) {
      throw new InvalidValueException(
          certFile.isBlank() ? "http.tls.certFile" : "http.tls.keyFile",
          "must be set together with http.tls."
              + (certFile.isBlank() ? "keyFile" : "certFile")
              + " (a PEM certificate and its key)");
    }
    if (!certFile.isBlank() && !keyStore.isBlank()) {
      throw new InvalidValueException(
          "http.tls.keyStore", "cannot be set together with http.tls.certFile: choose one");
    }
  }

  /** No TLS: plain HTTP. */
  public static TlsConfig none() {
    return new TlsConfig("", "", "", "");
  }

  /** Whether HTTPS is served. */
  public boolean enabled() {
    return !certFile.isBlank() || !keyStore.isBlank();
  }

  /** Says which files are used, never the password. */
  @Override
  public String toString() {
    return "TlsConfig[certFile="
        + certFile
        + ", keyFile="
        + keyFile
        + ", keyStore="
        + keyStore
        + ", keyStorePassword="
        + (keyStorePassword.isEmpty() ? "" : "***")
        + "]";
  }
}
