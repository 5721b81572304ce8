package org.scimldap.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.SSLSocketVerifier;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * Checks each TLS connection to the directory, {@code ldaps://} and StartTLS alike (the SDK calls
 * it with the host name of the URL, not the address it resolved to): the certificate must name that
 * host ({@link CertificateNames}), unless host names are not verified.
 *
 * <p>On {@code ldaps://} the SDK calls it before anything is sent, so it completes the handshake
 * itself, within the connect timeout: a handshake left to the first request would hide why it
 * failed.
 */
final class TlsVerifier extends SSLSocketVerifier {
  /** The cipher suite of a session whose handshake failed. */
  private static final String NO_CIPHER = "SSL_NULL_WITH_NULL_NULL";

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
      handshake(socket, peer);
    }
    if (!verifyHostname) {
      return;
    }
    Certificate[] chain;
    try {
      chain = socket.getSession().getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      throw new LDAPException(ResultCode.CONNECT_ERROR, peer + " presented no certificate", e);
    }
    if (!(chain[0] instanceof X509Certificate certificate)) {
      throw new LDAPException(ResultCode.CONNECT_ERROR, peer + " presented no X.509 certificate");
    }
    CertificateNames names = CertificateNames.of(certificate);
    if (!names.matches(host)) {
      String message = mismatch(peer, host, names);
      throw new LDAPException(
          ResultCode.CONNECT_ERROR, message, new CertificateRefusedException(message, null));
    }
  }

  /**
   * Completes the handshake within the timeout, through {@link SSLSocket#getSession()}: an explicit
   * {@link SSLSocket#startHandshake()} here leaves some servers (Samba's GnuTLS over TLS 1.3)
   * waiting, so that the bind that follows is never answered. A failed handshake gives a session
   * without a cipher; starting it again then throws the reason.
   */
  private void handshake(SSLSocket socket, String peer) throws LDAPException {
    try {
      int timeout = socket.getSoTimeout();
      socket.setSoTimeout(handshakeTimeoutMillis);
      SSLSession session = socket.getSession();
      if (NO_CIPHER.equals(session.getCipherSuite())) {
        socket.startHandshake();
        throw new IOException("the handshake did not complete");
      }
      socket.setSoTimeout(timeout);
    } catch (IOException e) {
      throw new LDAPException(
          ResultCode.CONNECT_ERROR, "TLS handshake with " + peer + " failed: " + e, e);
    }
  }

  /** What is wrong when the certificate is not for {@code host}, and what to do. */
  private static String mismatch(String peer, String host, CertificateNames names) {
    String fix =
        switch (names.all().size()) {
          case 0 -> "give the directory a certificate for its name";
          case 1 -> "connect with that name in the LDAP URL";
          default -> "connect with one of those names in the LDAP URL";
        };
    return "the certificate of "
        + peer
        + " names "
        + names.describe()
        + ", not "
        + host
        + ": "
        + fix
        + ", or set GATEWAY_LDAP_VERIFY_HOSTNAME=false (ldap.verifyHostname) to accept the"
        + " certificate for any name";
  }
}
