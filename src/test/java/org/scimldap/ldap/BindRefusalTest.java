package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.ResultCode;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A refused bind in words an admin acts on: result codes, and Active Directory's data codes. */
class BindRefusalTest {
  private static String ad(String data) {
    return "80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data "
        + data
        + ", v1db1";
  }

  static Stream<Arguments> activeDirectory() {
    return Stream.of(
        Arguments.of("525", "the account does not exist (AD data 525)"),
        Arguments.of("52e", "the password is wrong (AD data 52e)"),
        Arguments.of("52E", "the password is wrong (AD data 52e)"),
        Arguments.of("530", "the account may not log on at this time (AD data 530)"),
        Arguments.of("531", "the account may not log on from this workstation (AD data 531)"),
        Arguments.of("532", "the password has expired (AD data 532)"),
        Arguments.of("533", "the account is disabled (AD data 533)"),
        Arguments.of("701", "the account has expired (AD data 701)"),
        Arguments.of("773", "the password must be changed before the account binds (AD data 773)"),
        Arguments.of("775", "the account is locked out (AD data 775)"),
        Arguments.of("569", "invalid credentials (AD data 569)"));
  }

  @ParameterizedTest(name = "data {0}")
  @MethodSource("activeDirectory")
  void activeDirectoryDataCodesAreDecoded(String data, String reason) {
    BindRefusal refusal =
        BindRefusal.of(ResultCode.INVALID_CREDENTIALS, ad(data), true).orElseThrow();
    assertEquals(reason, refusal.reason());
    assertEquals(
        "bind as svc@corp.example.com refused: " + reason,
        refusal.describe("svc@corp.example.com"));
  }

  static Stream<Arguments> resultCodes() {
    return Stream.of(
        Arguments.of(
            ResultCode.INVALID_CREDENTIALS,
            "",
            false,
            "the DN or the password is wrong (invalid credentials)",
            "check GATEWAY_LDAP_BIND_DN (ldap.bindDn) and GATEWAY_LDAP_BIND_PASSWORD"),
        Arguments.of(
            ResultCode.STRONG_AUTH_REQUIRED,
            "BindSimple: Transport encryption required.",
            false,
            "the directory requires TLS for a simple bind"
                + " (BindSimple: Transport encryption required.)",
            "use ldaps:// or GATEWAY_LDAP_STARTTLS=true"),
        Arguments.of(
            ResultCode.CONFIDENTIALITY_REQUIRED,
            "",
            false,
            "the directory requires TLS for a simple bind",
            "use ldaps:// or GATEWAY_LDAP_STARTTLS=true"),
        Arguments.of(
            ResultCode.STRONG_AUTH_REQUIRED,
            "",
            true,
            "the directory requires a stronger authentication than a simple bind over TLS",
            "allow simple binds over TLS for this account on the directory"),
        Arguments.of(
            ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
            "",
            true,
            "the account may not bind (insufficient access rights)",
            "allow the account to bind, or check GATEWAY_LDAP_BIND_DN (ldap.bindDn)"),
        Arguments.of(
            ResultCode.INAPPROPRIATE_AUTHENTICATION,
            "",
            true,
            "the directory refuses this kind of bind (inappropriate authentication)",
            "check GATEWAY_LDAP_BIND_PASSWORD: a DN with an empty password is an unauthenticated"
                + " bind"));
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("resultCodes")
  void resultCodesSayWhatIsWrongAndWhatToDo(
      ResultCode code, String diagnostic, boolean encrypted, String reason, String advice) {
    BindRefusal refusal = BindRefusal.of(code, diagnostic, encrypted).orElseThrow();
    assertEquals(reason, refusal.reason());
    assertEquals(advice, refusal.advice());
  }

  @Test
  void outagesAreNoRefusals() {
    for (ResultCode code :
        new ResultCode[] {
          ResultCode.SERVER_DOWN, ResultCode.CONNECT_ERROR, ResultCode.TIMEOUT, ResultCode.BUSY
        }) {
      assertEquals(Optional.empty(), BindRefusal.of(code, "", false), code.getName());
    }
  }

  @Test
  void theAdviceFollowsTheReason() {
    String said =
        BindRefusal.of(ResultCode.INVALID_CREDENTIALS, ad("533"), true)
            .orElseThrow()
            .describeWithAdvice("cn=svc,dc=corp");
    assertEquals(
        "bind as cn=svc,dc=corp refused: the account is disabled (AD data 533): enable the account",
        said);
    assertTrue(!said.contains("80090308"), "the AD message is decoded, not repeated");
  }
}
