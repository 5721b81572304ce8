package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.LDAPBindException;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The questions a directory failure answers for the callers that decide on it. */
class DirectoryExceptionTest {

  /** (code, outage, bind refused, changed since read, no such entry, concurrent, refusal). */
  static Stream<Arguments> answers() {
    return Stream.of(
        arguments(ResultCode.SERVER_DOWN, true, false, false, false, false, false),
        arguments(ResultCode.CONNECT_ERROR, true, false, false, false, false, false),
        arguments(ResultCode.TIMEOUT, true, false, false, false, false, false),
        arguments(ResultCode.TIME_LIMIT_EXCEEDED, true, false, false, false, false, false),
        arguments(ResultCode.BUSY, true, false, false, false, false, false),
        arguments(ResultCode.UNAVAILABLE, true, false, false, false, false, false),
        arguments(ResultCode.OTHER, false, false, false, false, false, false),
        arguments(ResultCode.INVALID_CREDENTIALS, false, true, false, false, false, false),
        arguments(ResultCode.STRONG_AUTH_REQUIRED, false, true, false, false, false, false),
        arguments(ResultCode.ASSERTION_FAILED, false, false, true, false, true, false),
        arguments(ResultCode.NO_SUCH_OBJECT, false, false, false, true, true, true),
        arguments(ResultCode.NO_SUCH_ATTRIBUTE, false, false, false, false, true, true),
        arguments(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS, false, false, false, false, true, true),
        arguments(ResultCode.CONSTRAINT_VIOLATION, false, false, false, false, false, true),
        arguments(ResultCode.ENTRY_ALREADY_EXISTS, false, false, false, false, false, true),
        arguments(ResultCode.UNWILLING_TO_PERFORM, false, false, false, false, false, true),
        arguments(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, false, false, false, false, false, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void answersTheQuestionsCallersAsk(
      ResultCode code,
      boolean outage,
      boolean bindRefused,
      boolean changed,
      boolean gone,
      boolean concurrent,
      boolean refusal) {
    DirectoryException e = new DirectoryException("read x", code, "", null);
    assertEquals(outage, e.isOutage(), "outage");
    assertEquals(bindRefused, e.isBindRefused(), "bind refused");
    assertEquals(changed, e.isChangedSinceRead(), "changed since read");
    assertEquals(gone, e.isNoSuchEntry(), "no such entry");
    assertEquals(concurrent, e.isConcurrentChange(), "concurrent change");
    assertEquals(refusal, e.isRefusal(), "refusal");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void aModifyNamingTheValuesReadFailsAsChangedSinceReadOnAValueGoneOrThere(ResultCode code) {
    boolean valueGoneOrThere =
        code == ResultCode.NO_SUCH_ATTRIBUTE || code == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS;
    DirectoryException plain = DirectoryException.of("modify x", failure(code, ""));
    DirectoryException asRead =
        DirectoryException.ofValuesAsRead("modify x", failure(code, ""), "", true);

    assertEquals(
        valueGoneOrThere || plain.isChangedSinceRead(), asRead.isChangedSinceRead(), "changed");
    assertEquals(plain.isConcurrentChange(), asRead.isConcurrentChange(), "concurrent");
    assertEquals(plain.isOutage(), asRead.isOutage(), "outage");
    assertEquals(!valueGoneOrThere && plain.isRefusal(), asRead.isRefusal(), "refusal");
    assertEquals(code, asRead.resultCode());
  }

  @Test
  void keepsTheServersMessageWithoutSdkInternalsOrTrailingColons() {
    LDAPException sdk =
        failure(
            ResultCode.CONSTRAINT_VIOLATION,
            "mail: value #1 is not unique:  LDAPException(resultCode=19, errorMessage='x')");
    DirectoryException e = DirectoryException.of("add uid=a,dc=x", sdk);
    assertEquals("mail: value #1 is not unique", e.diagnostic());
    assertEquals(
        "add uid=a,dc=x: constraint violation (mail: value #1 is not unique)", e.getMessage());
  }

  @Test
  void aMessageThatRepeatsAHugeValueIsCutShortAndItsSpacesFolded() {
    String value = "@" + " ".repeat(80_000) + "x";
    DirectoryException spaces =
        DirectoryException.of(
            "add uid=a,dc=x",
            failure(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value '" + value + "' is invalid"));
    assertEquals("value '@ x' is invalid", spaces.diagnostic());

    DirectoryException tooLong =
        DirectoryException.of(
            "add uid=a,dc=x",
            failure(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value '" + "y".repeat(50_000) + "'"));
    assertEquals(DirectoryException.MAX_DIAGNOSTIC + 1, tooLong.diagnostic().length());
    assertTrue(tooLong.diagnostic().endsWith("…"), tooLong.diagnostic());
  }

  @Test
  void thePoolsOwnRefusedBindIsABindRefusalWhateverItsCodeAndSaysWhy() {
    LDAPException refused =
        new LDAPBindException(
            new BindResult(
                new LDAPResult(
                    1, ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "", null, (String[]) null, null)));
    DirectoryException e =
        DirectoryException.of("search under ou=people,dc=x", refused, "cn=svc,dc=x", true);
    assertTrue(e.isBindRefused(), "not a 403 for the client: the gateway's account is refused");
    assertEquals(
        Optional.of(
            "bind as cn=svc,dc=x refused: the account may not bind (insufficient access rights):"
                + " allow the account to bind, or check GATEWAY_LDAP_BIND_DN (ldap.bindDn)"),
        e.connectProblem());

    DirectoryException operation =
        DirectoryException.of(
            "search under ou=people,dc=x",
            failure(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, ""),
            "cn=svc,dc=x",
            true);
    assertFalse(operation.isBindRefused(), "the search itself was refused");
    assertEquals(Optional.empty(), operation.connectProblem());
  }

  /**
   * A Windows DC refuses to add a member who is one already ({@code 00000562}, entryAlreadyExists)
   * and to remove one who is none ({@code 00000561}, unwillingToPerform): in a modify that names
   * the values read, someone changed the members since; elsewhere, a value refused for good.
   */
  @ParameterizedTest
  @CsvSource({
    "68, 00000562: UpdErr: DSID-031A1254, problem 6005 (ENTRY_EXISTS), data 0",
    "53, 00000561: SvcErr: DSID-031A1254, problem 5003 (WILL_NOT_PERFORM), data 0"
  })
  void windowsMemberRefusalsAreChangesSinceReadWhereTheValuesReadWereNamed(
      int code, String diagnostic) {
    LDAPException e = failure(ResultCode.valueOf(code), diagnostic);
    assertTrue(DirectoryException.ofValuesAsRead("modify g", e, "", true).isChangedSinceRead());
    DirectoryException plain = DirectoryException.of("modify g", e);
    assertFalse(plain.isChangedSinceRead());
    assertTrue(plain.isConcurrentChange(), "a member patch reads again and retries");
    assertFalse(plain.isOutage());
  }

  /** A failure as the SDK reports a directory's answer: with the server's diagnostic message. */
  private static LDAPException failure(ResultCode code, String diagnostic) {
    return new LDAPException(new LDAPResult(1, code, diagnostic, null, (String[]) null, null));
  }
}
