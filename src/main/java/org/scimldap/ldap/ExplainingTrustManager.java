package org.scimldap.ldap;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Trusts a directory's certificate when one of its trust managers does, and otherwise refuses it
 * with a {@link CertificateRefusedException} that says, for the admin, which certificate of which
 * server was refused, why, and what to configure.
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {
  private final List<X509TrustManager> delegates;
  private final String trusted;
  private final String advice;

  /**
   * @param delegates the trust managers, each of which may accept a certificate
   * @param trusted what they trust, for messages, e.g. {@code the CA file /etc/gw/ca.pem}
   * @param advice what to do when none accepts, e.g. {@code add the CA's certificate to …}; {@code
   *     %s} stands for the name of the CA that issued the chain
   */
  ExplainingTrustManager(List<X509TrustManager> delegates, String trusted, String advice) {
    this.delegates = List.copyOf(delegates);
    this.trusted = trusted;
    this.advice = advice;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    String peer =
        socket == null || socket.getInetAddress() == null
            ? "the directory"
            : socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    check(chain, peer, d -> check(d, chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    String peer =
        engine == null || engine.getPeerHost() == null
            ? "the directory"
            : engine.getPeerHost() + ":" + engine.getPeerPort();
    check(chain, peer, d -> check(d, chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, "the directory", d -> d.checkServerTrusted(chain, authType));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the gateway does not accept client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the gateway does not accept client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the gateway does not accept client certificates");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    List<X509Certificate> issuers = new ArrayList<>();
    delegates.forEach(d -> issuers.addAll(List.of(d.getAcceptedIssuers())));
    return issuers.toArray(X509Certificate[]::new);
  }

  /** One delegate's check of the chain. */
  @FunctionalInterface
  private interface Check {
    void run(X509TrustManager delegate) throws CertificateException;
  }

  private void check(X509Certificate[] chain, String peer, Check check)
      throws CertificateException {
    CertificateException first = null;
    for (X509TrustManager delegate : delegates) {
      try {
        check.run(delegate);
        return;
      } catch (CertificateException e) {
        first = first == null ? e : first;
      }
    }
    throw new CertificateRefusedException(refusal(chain, peer), first);
  }

  private String refusal(X509Certificate[] chain, String peer) {
    if (chain == null || chain.length == 0) {
      return peer + " presented no certificate";
    }
    X509Certificate server = chain[0];
    String subject = server.getSubjectX500Principal().getName(X500Principal.RFC2253);
    String certificate = "the certificate of " + peer + " (" + subject + ")";
    try {
      server.checkValidity();
    } catch (CertificateExpiredException e) {
      return certificate
          + " expired on "
          + server.getNotAfter().toInstant()
          + ": the directory needs a new one";
    } catch (CertificateNotYetValidException e) {
      return certificate
          + " is valid only from "
          + server.getNotBefore().toInstant()
          + ": check the clocks of the directory and of the gateway";
    }
    String issuer = server.getIssuerX500Principal().getName(X500Principal.RFC2253);
    String root = chain[chain.length - 1].getIssuerX500Principal().getName(X500Principal.RFC2253);
    return certificate
        + ", issued by "
        + issuer
        + ", is not trusted by "
        + trusted
        + ": "
        + advice.formatted(root);
  }

  private static void check(
      X509TrustManager delegate, X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (delegate instanceof X509ExtendedTrustManager extended) {
      extended.checkServerTrusted(chain, authType, socket);
    } else {
      delegate.checkServerTrusted(chain, authType);
    }
  }

  private static void check(
      X509TrustManager delegate, X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (delegate instanceof X509ExtendedTrustManager extended) {
      extended.checkServerTrusted(chain, authType, engine);
    } else {
      delegate.checkServerTrusted(chain, authType);
    }
  }
}
