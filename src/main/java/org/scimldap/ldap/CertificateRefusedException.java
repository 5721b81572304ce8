package org.scimldap.ldap;

import java.security.cert.CertificateException;

/**
 * The directory's certificate was refused: not trusted, out of its validity, or not for the host
 * the gateway connected to. The message says which, in words for the admin, and what to do; it is
 * the cause that connection failures carry, so that a start can report it as it is.
 */
final class CertificateRefusedException extends CertificateException {
  CertificateRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
