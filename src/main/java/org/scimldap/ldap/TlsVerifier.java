package org.scimldap.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.SSLSocketVerifier;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * Checks each TLS connection to the directory, {@code ldaps://} and StartTLS alike (the SDK calls
 * it with the host name of the URL, not the address it resolved to): the certificate must name that
 * host ({@link CertificateNames}), unless host names are not verified.
 *
 * <p>On {@code ldaps://} the SDK calls it before anything is sent, so it runs the handshake itself,
 * within the connect timeout: a handshake left to the first request would hide why it failed.
 */
final class TlsVerifier extends SSLSocketVerifier {
  private final boolean handshakeFirst;
  private final boolean verifyHostname;
  private final int handshakeTimeoutMillis;

  /**
   * @param handshakeFirst run the handshake before checking (for {@code ldaps://}; StartTLS has
   *     completed it already)
   * @param verifyHostname check the host name against the certificate
   * @param handshakeTimeoutMillis how long the handshake may take
   */
  TlsVerifier(boolean handshakeFirst, boolean verifyHostname, int handshakeTimeoutMillis) {
    this.handshakeFirst = handshakeFirst;
    this.verifyHostname = verifyHostname;
    this.handshakeTimeoutMillis = handshakeTimeoutMillis;
  }

  @Override
  public void verifySSLSocket(String host, int port, SSLSocket socket) throws LDAPException {
    String peer = socket.getInetAddress().getHostAddress() + ":" + port;
    if (handshakeFirst) {
      try {
        socket.setSoTimeout(handshakeTimeoutMillis);
        socket.startHandshake();
      } catch (IOException e) {
        throw new LDAPException(
            ResultCode.CONNECT_ERROR, "TLS handshake with " + peer + " failed: " + e, e);
      }
    }
    if (!verifyHostname) {
      return;
    }
    X509Certificate certificate;
    try {
      Certificate[] chain = socket.getSession().getPeerCertificates();
      certificate = (X509Certificate) chain[0];
    } catch (SSLPeerUnverifiedException | ClassCastException e) {
      throw new LDAPException(
          ResultCode.CONNECT_ERROR, peer + " presented no X.509 certificate: " + e, e);
    }
    CertificateNames names = CertificateNames.of(certificate);
    if (!names.matches(host)) {
      int count = names.all().size();
      String message =
          "the certificate of "
              + peer
              + " names "
              + names.describe()
              + ", not "
              + host
              + ": "
              + (count == 0
                  ? ""
                  : "connect with " + (count > 1 ? "one of those names" : "that name"))
              + (count == 0 ? "give the directory a certificate for its name" : " in the LDAP URL")
              + ", or set GATEWAY_LDAP_VERIFY_HOSTNAME=false (ldap.verifyHostname) to accept"
              + " the certificate for any name";
      throw new LDAPException(
          ResultCode.CONNECT_ERROR, message, new CertificateRefusedException(message, null));
    }
  }
}
