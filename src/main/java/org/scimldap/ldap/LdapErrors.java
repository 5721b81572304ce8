package org.scimldap.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;

/**
 * The one place where LDAP result codes (RFC 4511 Appendix A) become SCIM errors (RFC 7644 §3.12).
 * The directory's diagnostic message is kept in the detail: it says what the directory refused.
 */
public final class LdapErrors {
  private LdapErrors() {}

  /** Translates a failed operation; {@code what} says which operation on which entry. */
  public static ScimException translate(LDAPException e, String what) {
    ResultCode rc = e.getResultCode();
    String diag = readable(e.getDiagnosticMessage());
    String detail =
        what + ": " + rc.getName() + (diag == null || diag.isBlank() ? "" : " (" + diag + ")");
    if (isOutage(rc)) {
      return ScimException.unavailable(
          "The directory is unavailable (" + rc.getName() + "); retry later", e);
    }
    if (isBindRefused(rc)) {
      return ScimException.unavailable(
          "The gateway cannot bind to the directory ("
              + rc.getName()
              + "); its configuration needs"
              + " attention",
          e);
    }
    int code = rc.intValue();
    if (code == ResultCode.ASSERTION_FAILED_INT_VALUE) {
      return new ScimException(
          412,
          null,
          what + ": the entry changed since it was read (precondition failed)",
          e,
          false);
    }
    if (code == ResultCode.NO_SUCH_OBJECT_INT_VALUE) {
      return new ScimException(404, null, detail, e, false);
    }
    if (code == ResultCode.ENTRY_ALREADY_EXISTS_INT_VALUE) {
      return new ScimException(409, ScimType.UNIQUENESS, detail, e, false);
    }
    if (code == ResultCode.NOT_ALLOWED_ON_RDN_INT_VALUE
        || code == ResultCode.NOT_ALLOWED_ON_NONLEAF_INT_VALUE) {
      return new ScimException(400, ScimType.MUTABILITY, detail, e, false);
    }
    if (code == ResultCode.SIZE_LIMIT_EXCEEDED_INT_VALUE
        || code == ResultCode.ADMIN_LIMIT_EXCEEDED_INT_VALUE) {
      return new ScimException(400, ScimType.TOO_MANY, detail, e, false);
    }
    if (code == ResultCode.CONSTRAINT_VIOLATION_INT_VALUE
        || code == ResultCode.INVALID_ATTRIBUTE_SYNTAX_INT_VALUE
        || code == ResultCode.OBJECT_CLASS_VIOLATION_INT_VALUE
        || code == ResultCode.UNDEFINED_ATTRIBUTE_TYPE_INT_VALUE
        || code == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS_INT_VALUE
        || code == ResultCode.NO_SUCH_ATTRIBUTE_INT_VALUE
        || code == ResultCode.INVALID_DN_SYNTAX_INT_VALUE
        || code == ResultCode.NAMING_VIOLATION_INT_VALUE
        || code == ResultCode.INAPPROPRIATE_MATCHING_INT_VALUE
        || code == ResultCode.OBJECT_CLASS_MODS_PROHIBITED_INT_VALUE) {
      return new ScimException(400, ScimType.INVALID_VALUE, detail, e, false);
    }
    if (code == ResultCode.UNWILLING_TO_PERFORM_INT_VALUE) {
      return ScimException.unavailable(
          what + ": the directory is unwilling to perform it now (e.g. a read-only replica)", e);
    }
    if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE) {
      return new ScimException(403, null, detail, e, false);
    }
    return ScimException.internal(detail, e);
  }

  /** Bind-level refusals: the gateway's own credentials or connection security are wrong. */
  private static boolean isBindRefused(ResultCode rc) {
    return rc == ResultCode.INVALID_CREDENTIALS
        || rc == ResultCode.STRONG_AUTH_REQUIRED
        || rc == ResultCode.CONFIDENTIALITY_REQUIRED
        || rc == ResultCode.INAPPROPRIATE_AUTHENTICATION
        || rc == ResultCode.AUTH_METHOD_NOT_SUPPORTED;
  }

  /**
   * The directory's diagnostic message without the SDK's internal exception text that some servers
   * (the in-memory one) nest into it.
   */
  private static String readable(String diagnostic) {
    if (diagnostic == null) {
      return null;
    }
    int nested = diagnostic.indexOf("LDAPException(");
    String text = nested < 0 ? diagnostic : diagnostic.substring(0, nested);
    return text.replaceAll("[\\s:]+$", "").trim();
  }

  /** The LDAP result code behind a translated error, if it came from the directory. */
  public static java.util.Optional<ResultCode> resultCode(ScimException e) {
    return e.getCause() instanceof LDAPException le
        ? java.util.Optional.of(le.getResultCode())
        : java.util.Optional.empty();
  }

  /**
   * True when a write failed because another request changed the entry first (a value already added
   * or removed, a group emptied, the entry renamed or changed since it was read): reading again and
   * retrying helps.
   */
  public static boolean isConcurrentChange(ScimException e) {
    return resultCode(e)
        .map(
            rc ->
                rc == ResultCode.NO_SUCH_OBJECT
                    || rc == ResultCode.ASSERTION_FAILED
                    || rc == ResultCode.NO_SUCH_ATTRIBUTE
                    || rc == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS)
        .orElse(false);
  }

  /** Connection-level failures and timeouts: the directory is down, busy or unreachable. */
  public static boolean isOutage(ResultCode rc) {
    return (!ResultCode.isConnectionUsable(rc) && rc != ResultCode.OTHER)
        || rc == ResultCode.TIMEOUT
        || rc == ResultCode.TIME_LIMIT_EXCEEDED
        || rc == ResultCode.BUSY
        || rc == ResultCode.UNAVAILABLE
        || rc == ResultCode.CONNECT_ERROR
        || rc == ResultCode.SERVER_DOWN;
  }
}
