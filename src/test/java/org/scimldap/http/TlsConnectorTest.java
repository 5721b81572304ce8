package org.scimldap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.HttpConfig;
import org.scimldap.config.TlsConfig;
import org.scimldap.testsupport.TestCertificates;

/** The HTTPS listener offers TLS 1.2 and 1.3 and nothing older, whatever the JDK would allow. */
class TlsConnectorTest {
  @TempDir Path dir;

  @Test
  void onlyTls12AndLaterAreOffered() throws Exception {
    TestCertificates certs =
        TestCertificates.create(dir, "localhost", List.of("localhost"), List.of("127.0.0.1"));
    HttpConfig plain = GatewayConfig.defaults().http().withPort(0);
    TlsConfig tls =
        new TlsConfig(certs.certificatePem().toString(), certs.privateKeyPem().toString(), "", "");
    HttpConfig http =
        new HttpConfig(
            plain.host(),
            0,
            plain.basePath(),
            plain.publicUrl(),
            plain.maxBodyBytes(),
            plain.maxResults(),
            plain.requestDeadlineMillis(),
            plain.idleTimeoutMillis(),
            plain.bodyReadDeadlineMillis(),
            plain.shutdownGraceMillis(),
            false,
            tls);
    Server server = new Server();
    ServerConnector connector =
        TlsConnector.create(server, new HttpConfiguration(), http, TlsKeys.load(tls));
    server.addConnector(connector);
    server.start();
    try {
      List<String> offered =
          Arrays.asList(
              connector
                  .getConnectionFactory(SslConnectionFactory.class)
                  .getSslContextFactory()
                  .getSelectedProtocols());
      assertTrue(offered.contains("TLSv1.2"), offered.toString());
      assertTrue(offered.contains("TLSv1.3"), offered.toString());
      assertEquals(2, offered.size(), offered.toString());
      assertFalse(offered.stream().anyMatch(p -> p.equals("TLSv1") || p.equals("TLSv1.1")));
      assertEquals("https", http.publicBase(8443).substring(0, 5));
    } finally {
      server.stop();
    }
  }
}
