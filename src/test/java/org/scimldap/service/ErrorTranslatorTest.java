package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.unboundid.ldap.sdk.ResultCode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.scim.ScimException;
import org.scimldap.store.StoreException;

/**
 * The result-code table: what every LDAP result code the gateway knows (RFC 4511 Appendix A) means
 * to a SCIM client (RFC 7644 §3.12): status, scimType, whether to retry, and the detail.
 */
class ErrorTranslatorTest {
  private static final String OP = "modify uid=alice,ou=people,dc=example,dc=com";
  private static final String DIAG = "value #0 invalid per syntax";

  static Stream<Arguments> resultCodes() {
    String refused = OP + ": %s (" + DIAG + ")";
    String unavailable = "The directory is unavailable (%s); retry later";
    String cannotBind =
        "The gateway cannot bind to the directory (%s); its configuration needs attention";
    return Stream.of(
        // The entry is gone or taken.
        arguments(ResultCode.NO_SUCH_OBJECT, 404, null, false, refused),
        arguments(ResultCode.ENTRY_ALREADY_EXISTS, 409, "uniqueness", false, refused),
        // Naming.
        arguments(ResultCode.NOT_ALLOWED_ON_RDN, 400, "mutability", false, refused),
        arguments(ResultCode.NOT_ALLOWED_ON_NONLEAF, 400, "mutability", false, refused),
        // Limits.
        arguments(ResultCode.SIZE_LIMIT_EXCEEDED, 400, "tooMany", false, refused),
        arguments(ResultCode.ADMIN_LIMIT_EXCEEDED, 400, "tooMany", false, refused),
        // Values the directory refuses.
        arguments(ResultCode.CONSTRAINT_VIOLATION, 400, "invalidValue", false, refused),
        arguments(ResultCode.INVALID_ATTRIBUTE_SYNTAX, 400, "invalidValue", false, refused),
        arguments(ResultCode.OBJECT_CLASS_VIOLATION, 400, "invalidValue", false, refused),
        arguments(
            ResultCode.UNDEFINED_ATTRIBUTE_TYPE,
            500,
            null,
            false,
            "The mapping writes an attribute that the directory's schema does not have; the"
                + " mapping file needs correcting (the validate command lists such problems). "
                + refused),
        arguments(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS, 400, "invalidValue", false, refused),
        arguments(ResultCode.NO_SUCH_ATTRIBUTE, 400, "invalidValue", false, refused),
        arguments(ResultCode.INVALID_DN_SYNTAX, 400, "invalidValue", false, refused),
        arguments(ResultCode.NAMING_VIOLATION, 400, "invalidValue", false, refused),
        arguments(ResultCode.INAPPROPRIATE_MATCHING, 400, "invalidValue", false, refused),
        arguments(ResultCode.OBJECT_CLASS_MODS_PROHIBITED, 400, "invalidValue", false, refused),
        // Rights.
        arguments(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, 403, null, false, refused),
        // Someone changed the entry since it was read.
        arguments(
            ResultCode.ASSERTION_FAILED,
            412,
            null,
            false,
            OP + ": the entry changed since it was read (precondition failed)"),
        // Outages: the same request may succeed later.
        arguments(ResultCode.SERVER_DOWN, 503, null, true, unavailable),
        arguments(ResultCode.CONNECT_ERROR, 503, null, true, unavailable),
        arguments(ResultCode.TIMEOUT, 503, null, true, unavailable),
        arguments(ResultCode.TIME_LIMIT_EXCEEDED, 503, null, true, unavailable),
        arguments(ResultCode.BUSY, 503, null, true, unavailable),
        arguments(ResultCode.UNAVAILABLE, 503, null, true, unavailable),
        arguments(ResultCode.DECODING_ERROR, 503, null, true, unavailable),
        arguments(ResultCode.LOCAL_ERROR, 503, null, true, unavailable),
        arguments(ResultCode.PROTOCOL_ERROR, 503, null, true, unavailable),
        arguments(ResultCode.OPERATIONS_ERROR, 503, null, true, unavailable),
        // The gateway's own bind is refused: its configuration needs attention.
        arguments(ResultCode.INVALID_CREDENTIALS, 503, null, true, cannotBind),
        arguments(ResultCode.STRONG_AUTH_REQUIRED, 503, null, true, cannotBind),
        arguments(ResultCode.CONFIDENTIALITY_REQUIRED, 503, null, true, cannotBind),
        arguments(ResultCode.INAPPROPRIATE_AUTHENTICATION, 503, null, true, cannotBind),
        arguments(ResultCode.AUTH_METHOD_NOT_SUPPORTED, 503, null, true, cannotBind),
        arguments(
            ResultCode.UNWILLING_TO_PERFORM,
            503,
            null,
            true,
            OP + ": the directory is unwilling to perform it now (e.g. a read-only replica)"),
        // Anything else is the gateway's problem.
        arguments(ResultCode.OTHER, 500, null, false, refused),
        arguments(ResultCode.LOOP_DETECT, 500, null, false, refused),
        arguments(ResultCode.ALIAS_PROBLEM, 500, null, false, refused));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resultCodes")
  void translatesEveryKnownResultCode(
      ResultCode code, int status, String scimType, boolean retryable, String detail) {
    ScimException e = ErrorTranslator.translate(new DirectoryException(OP, code, DIAG, null));
    assertEquals(status, e.status(), "status");
    assertEquals(scimType, e.scimType().map(t -> t.keyword()).orElse(null), "scimType");
    assertEquals(retryable, e.retryable(), "retryable");
    assertEquals(detail.formatted(code.getName()), e.detail(), "detail");
  }

  /**
   * Active Directory's and Samba's refusals, as Samba 4.17 words them (Windows words them
   * differently, with the same numbers).
   */
  static Stream<Arguments> activeDirectoryErrors() {
    String password =
        "0000052D: Constraint violation - check_password_restrictions: the password is too short."
            + " It should be equal or longer than 7 characters!";
    String windowsPassword =
        "0000052D: SvcErr: DSID-031A12D2, problem 5003 (WILL_NOT_PERFORM), data 0";
    String passwordDetail =
        "The directory refused the password: it does not meet the domain's password policy"
            + " (length, complexity, history or minimum age). ";
    String upn = "0000202F: samldb: userPrincipalName 'u2@corp.example.com' is already in use";
    String sam = "00002071: samldb: sAMAccountName 'u2' is already in use!";
    String schema =
        "0000200A: objectclass_attrs: attribute 'fooBar' on entry"
            + " 'CN=u5,CN=Users,DC=corp,DC=example,DC=com' was not found in the schema!";
    String unwilling = "00002035: setup_io: it's not allowed to set the NT hash password directly'";
    String singleValue =
        "0000200D: SINGLE-VALUE attribute title on CN=U2,CN=Users,DC=corp,DC=example,DC=com"
            + " specified more than once";
    String tooLong =
        "0000202F: objectclass_attrs: attribute 'employeeID' on entry 'CN=u,CN=Users' has a value"
            + " too long";
    String windowsUpn =
        "000021C8: AtrErr: DSID-03200BBA, #1: 0: 000021C8: DSID-03200BBA, problem 1005"
            + " (CONSTRAINT_ATT_TYPE), data 0, Att 90290 (userPrincipalName)";
    return Stream.of(
        arguments(ResultCode.CONSTRAINT_VIOLATION, password, 400, "invalidValue", passwordDetail),
        arguments(
            ResultCode.UNWILLING_TO_PERFORM, windowsPassword, 400, "invalidValue", passwordDetail),
        arguments(ResultCode.CONSTRAINT_VIOLATION, upn, 409, "uniqueness", ""),
        arguments(ResultCode.CONSTRAINT_VIOLATION, sam, 409, "uniqueness", ""),
        arguments(
            ResultCode.NO_SUCH_ATTRIBUTE,
            schema,
            500,
            null,
            "The mapping writes an attribute that the directory's schema does not have; the"
                + " mapping file needs correcting (the validate command lists such problems). "),
        arguments(ResultCode.UNWILLING_TO_PERFORM, unwilling, 400, "invalidValue", ""),
        arguments(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS, singleValue, 400, "invalidValue", ""),
        // Samba's number for any constraint violation is no uniqueness: a value too long.
        arguments(ResultCode.CONSTRAINT_VIOLATION, tooLong, 400, "invalidValue", ""),
        // Windows' own number for a UPN taken in the forest.
        arguments(ResultCode.CONSTRAINT_VIOLATION, windowsUpn, 409, "uniqueness", ""));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("activeDirectoryErrors")
  void readsActiveDirectoryErrorNumbers(
      ResultCode code, String diagnostic, int status, String scimType, String prefix) {
    DirectoryException failure = new DirectoryException(OP, code, diagnostic, null);
    ScimException e = ErrorTranslator.translate(failure);
    assertEquals(status, e.status(), "status");
    assertEquals(scimType, e.scimType().map(t -> t.keyword()).orElse(null), "scimType");
    assertEquals(false, e.retryable(), "retryable");
    assertEquals(prefix + OP + ": " + code.getName() + " (" + diagnostic + ")", e.detail());
    assertEquals(false, failure.isConcurrentChange(), "a concurrent change");
  }

  @Test
  void aDirectoryWithoutADiagnosticGivesADetailWithoutOne() {
    ScimException e =
        ErrorTranslator.translate(new DirectoryException(OP, ResultCode.NO_SUCH_OBJECT, "", null));
    assertEquals(OP + ": no such object", e.detail());
  }

  @Test
  void aStoreFailureIsARetryableOutage() {
    ScimException e = ErrorTranslator.translate(new StoreException("save id 1", null));
    assertEquals(503, e.status());
    assertEquals(true, e.retryable());
    assertEquals("The correlation store could not save id 1; retry later", e.detail());
  }

  @Test
  void useCasesLeaveWithScimErrorsOnly() {
    ScimException e =
        assertThrows(
            ScimException.class,
            () ->
                ErrorTranslator.translated(
                    () -> {
                      throw new DirectoryException(OP, ResultCode.BUSY, "", null);
                    }));
    assertEquals(503, e.status());
  }
}
