package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Why a connection failed, in the SDK's wrappings as they come. */
class NetworkFailuresTest {
  private static final String CONNECT =
      "An error occurred while attempting to connect to server ldap1.example.com:636:  IOException(…)";

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            new LDAPException(
                ResultCode.CONNECT_ERROR,
                CONNECT,
                new IOException("wrapped", new ConnectException("Connection refused"))),
            "connection refused by ldap1.example.com:636"),
        Arguments.of(
            new LDAPException(
                ResultCode.CONNECT_ERROR,
                "An error occurred while attempting to resolve address 'nowhere.invalid':  …",
                new UnknownHostException("nowhere.invalid: Name or service not known")),
            "host not found: nowhere.invalid"),
        Arguments.of(
            new LDAPException(
                ResultCode.CONNECT_ERROR, CONNECT, new SocketTimeoutException("Connect timed out")),
            "no answer in time from ldap1.example.com:636"),
        Arguments.of(
            new LDAPException(
                ResultCode.CONNECT_ERROR,
                CONNECT,
                new SSLHandshakeException("Received fatal alert: handshake_failure")),
            "TLS failure with ldap1.example.com:636: Received fatal alert: handshake_failure"),
        Arguments.of(
            new LDAPException(
                ResultCode.SERVER_DOWN,
                "An error occurred while attempting to send the LDAP message to server"
                    + " 10.0.0.5:389:  SocketException(Socket closed)",
                new SocketException("Socket closed")),
            "SocketException: Socket closed (10.0.0.5:389)"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void namesTheReasonAndTheServer(LDAPException e, String expected) {
    assertEquals(Optional.of(expected), NetworkFailures.describe(e));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void aResultTheDirectorySentIsNoNetworkFailure(LDAPException e, String ignored) {
    LDAPException refused = new LDAPException(ResultCode.NO_SUCH_OBJECT, e.getMessage(), e);
    assertEquals(Optional.empty(), NetworkFailures.describe(refused));
  }
}
