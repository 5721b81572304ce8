package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.config.ConfigException;
import org.scimldap.config.PemCertificates;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.RawHttp;
import org.scimldap.testsupport.TestCertificates;

/**
 * HTTPS on the SCIM endpoint, from a PEM certificate and key or a PKCS#12 key store made by the
 * test: served with TLS 1.2 or later only, with {@code https://} locations, and no plain HTTP on
 * the same port.
 */
class HttpsTest {
  @TempDir Path dir;

  private TestCertificates certificates() throws IOException {
    return TestCertificates.create(
        dir.resolve("certs"), "localhost", List.of("localhost"), List.of("127.0.0.1"));
  }

  private static HttpClient trusting(Path certificatePem, String... protocols) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int i = 0;
    for (X509Certificate c : PemCertificates.read(certificatePem)) {
      trust.setCertificateEntry("ca" + i++, c);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(protocols);
    return HttpClient.newBuilder().sslContext(context).sslParameters(parameters).build();
  }

  private static HttpResponse<String> send(HttpClient client, int port, String method, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/scim/v2/Users"))
            .header("Authorization", "Bearer " + GatewayUnderTest.TOKEN);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/scim+json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aPemCertificateAndKeyServeHttpsWithHttpsLocations() throws Exception {
    TestCertificates certs = certificates();
    try (GatewayUnderTest gateway =
        GatewayUnderTest.embedded(
            Map.of(
                "GATEWAY_TLS_CERT_FILE", certs.certificatePem().toString(),
                "GATEWAY_TLS_KEY_FILE", certs.privateKeyPem().toString()))) {
      int port = gateway.httpPort();
      HttpClient tls12 = trusting(certs.certificatePem(), "TLSv1.2");
      assertEquals(200, send(tls12, port, "GET", null).statusCode());
      HttpClient tls13 = trusting(certs.certificatePem(), "TLSv1.3");
      HttpResponse<String> created =
          send(
              tls13,
              port,
              "POST",
              """
              {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"tls-user",
               "name":{"givenName":"T","familyName":"L"}}
              """);
      assertEquals(201, created.statusCode(), created.body());
      String location = created.headers().firstValue("Location").orElseThrow();
      assertTrue(location.startsWith("https://127.0.0.1:" + port + "/scim/v2/Users/"), location);

      assertThrows(
          IOException.class,
          () -> RawHttp.send(port, "GET /scim/v2/Users HTTP/1.1\r\nHost: x", new byte[0], false),
          "no plain HTTP answer on the HTTPS port");
    }
  }

  @Test
  void aPkcs12KeyStoreServesHttps() throws Exception {
    TestCertificates certs = certificates();
    try (GatewayUnderTest gateway =
        GatewayUnderTest.embedded(
            Map.of(
                "GATEWAY_TLS_KEYSTORE", certs.keyStore().toString(),
                "GATEWAY_TLS_KEYSTORE_PASSWORD", certs.keyStorePassword()))) {
      HttpClient client = trusting(certs.certificatePem(), "TLSv1.3", "TLSv1.2");
      assertEquals(200, send(client, gateway.httpPort(), "GET", null).statusCode());
    }
  }

  @Test
  void aKeyFileWithoutAKeyOrAWrongPasswordStopsTheStart() throws Exception {
    TestCertificates certs = certificates();
    ConfigException noKey =
        assertThrows(
            ConfigException.class,
            () ->
                GatewayUnderTest.embedded(
                    Map.of(
                        "GATEWAY_TLS_CERT_FILE", certs.certificatePem().toString(),
                        "GATEWAY_TLS_KEY_FILE", certs.certificatePem().toString())));
    assertTrue(noKey.getMessage().startsWith("http.tls.keyFile names "), noKey.getMessage());
    assertTrue(noKey.getMessage().contains("no unencrypted PKCS#8 key"), noKey.getMessage());

    ConfigException badPassword =
        assertThrows(
            ConfigException.class,
            () ->
                GatewayUnderTest.embedded(
                    Map.of(
                        "GATEWAY_TLS_KEYSTORE",
                        certs.keyStore().toString(),
                        "GATEWAY_TLS_KEYSTORE_PASSWORD",
                        "wrong-password")));
    assertTrue(
        badPassword.getMessage().startsWith("http.tls.keyStore names "), badPassword.getMessage());
    assertTrue(!badPassword.getMessage().contains("wrong-password"), badPassword.getMessage());
  }
}
