package org.scimldap.http;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.scimldap.config.HttpConfig;

/** The HTTPS listener of the SCIM endpoint: Jetty's TLS connector, TLS 1.2 and 1.3 only. */
final class TlsConnector {
  private TlsConnector() {}

  /** A connector on the configured host and port that serves the configured certificate. */
  static ServerConnector create(
      Server server, HttpConfiguration plain, HttpConfig http, TlsKeys.Loaded keys) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keys.keyStore());
    ssl.setKeyStorePassword(new String(keys.password()));
    ssl.setKeyManagerPassword(new String(keys.password()));
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration https = new HttpConfiguration(plain);
    // The certificate's names are the client's business; a name the client used that the
    // certificate lacks already fails its handshake.
    https.addCustomizer(new SecureRequestCustomizer(false));
    ServerConnector connector =
        new ServerConnector(
            server,
            new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(https));
    connector.setHost(http.host());
    connector.setPort(http.port());
    return connector;
  }
}
