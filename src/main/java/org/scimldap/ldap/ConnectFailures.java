package org.scimldap.ldap;

import com.unboundid.ldap.sdk.LDAPBindException;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPExtendedOperationException;
import com.unboundid.ldap.sdk.ResultCode;
import java.net.SocketTimeoutException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Reads a failure to open a connection to the directory (connect, TLS, bind) for what the admin has
 * to fix: a certificate that is not trusted or not for the host, a TLS handshake that fails,
 * StartTLS refused, a bind refused. Such a failure does not pass by waiting, unlike a directory
 * that is down or slow, which is not a problem here.
 */
final class ConnectFailures {
  private ConnectFailures() {}

  /**
   * What is wrong and what to do, e.g. {@code bind as cn=svc refused: the account is disabled (AD
   * data 533): enable the account}; empty when the failure may pass (connection refused, timeout).
   *
   * @param bindDn the DN the connection binds as, for messages
   * @param encrypted whether the connection has TLS (ldaps:// or StartTLS)
   */
  static Optional<String> settingsProblem(LDAPException e, String bindDn, boolean encrypted) {
    if (e instanceof LDAPBindException) {
      return BindRefusal.of(e.getResultCode(), e.getDiagnosticMessage(), encrypted)
          .map(r -> r.describeWithAdvice(bindDn));
    }
    if (e instanceof LDAPExtendedOperationException && !mayPass(e.getResultCode())) {
      return Optional.of(
          "the directory refused StartTLS ("
              + e.getResultCode().getName()
              + (e.getDiagnosticMessage() == null ? "" : ": " + e.getDiagnosticMessage())
              + "): it offers no TLS on this port; turn TLS on in the directory,"
              + " or use its ldaps:// port");
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateRefusedException refused) {
        return Optional.of(refused.getMessage());
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return Optional.empty();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException ssl && notTls(ssl)) {
        return Optional.of(
            "the TLS handshake failed ("
                + ssl.getMessage()
                + "): the directory does not speak TLS on this port; use ldaps:// with its TLS"
                + " port (636), or ldap:// with GATEWAY_LDAP_STARTTLS=true");
      }
      if (t instanceof SSLHandshakeException handshake) {
        return Optional.of(
            "the TLS handshake failed ("
                + handshake.getMessage()
                + "): check the TLS settings of the directory (protocol versions, cipher"
                + " suites, client certificates)");
      }
    }
    return Optional.empty();
  }

  /** The JDK's words for an answer that is not TLS at all. */
  private static boolean notTls(SSLException e) {
    String said = String.valueOf(e.getMessage());
    return said.contains("Unsupported or unrecognized SSL message")
        || said.contains("plaintext connection");
  }

  /** A result of StartTLS that may be gone when asked again. */
  private static boolean mayPass(ResultCode code) {
    return !ResultCode.isConnectionUsable(code)
        || code == ResultCode.BUSY
        || code == ResultCode.UNAVAILABLE
        || code == ResultCode.TIMEOUT;
  }
}
