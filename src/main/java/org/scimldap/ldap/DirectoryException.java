package org.scimldap.ldap;

import com.unboundid.ldap.sdk.LDAPBindException;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory operation that failed: which operation on which entry, the LDAP result code (RFC 4511
 * Appendix A) and the server's diagnostic message. It answers the questions callers decide on
 * (retry, report, give up); what a failure means to a SCIM client is decided above this package.
 */
public final class DirectoryException extends RuntimeException {
  /** Active Directory's (and Samba's) error number leading its diagnostics: {@code 0000052D: …}. */
  private static final Pattern WINDOWS_ERROR = Pattern.compile("^([0-9A-Fa-f]{8}):");

  /**
   * Windows errors with a meaning of their own (MS-ERREF), as Active Directory reports them. Samba
   * reports many refusals under the generic number of their LDAP result (0000202F for any
   * constraint violation), so its meaning is read from its text where the number says too little.
   */
  static final String PASSWORD_POLICY = "0000052D";

  /** The UPN is not unique in the forest (Windows; Samba says "… is already in use"). */
  static final String UPN_NOT_UNIQUE = "000021C8";

  /** A member to add is one already, or a member to remove is none (Windows). */
  static final String MEMBER_ALREADY = "00000562";

  static final String NOT_A_MEMBER = "00000561";

  /** How Samba says a unique name (userPrincipalName, sAMAccountName) is taken. */
  private static final Pattern ALREADY_IN_USE = Pattern.compile("(?i)\\balready in use\\b");

  /** How Samba says an attribute is not in its schema. */
  private static final Pattern NOT_IN_SCHEMA_TEXT = Pattern.compile("(?i)not found in the schema");

  /** The most characters of a diagnostic message kept. */
  static final int MAX_DIAGNOSTIC = 1_000;

  private final String operation;
  private final ResultCode resultCode;
  private final String diagnostic;
  private final boolean ownBindRefused;
  private final String connectProblem;
  private final boolean valuesAsRead;
  private final String gatewayLimit;

  /**
   * @param operation what was attempted, e.g. {@code modify uid=alice,ou=people,dc=example,dc=com}
   * @param resultCode the directory's (or the SDK's, for connection failures) result code
   * @param diagnostic the server's diagnostic message; empty when it gave none
   */
  public DirectoryException(
      String operation, ResultCode resultCode, String diagnostic, Throwable cause) {
    this(operation, resultCode, diagnostic, cause, false, "", false, "");
  }

  private DirectoryException(
      String operation,
      ResultCode resultCode,
      String diagnostic,
      Throwable cause,
      boolean ownBindRefused,
      String connectProblem,
      boolean valuesAsRead,
      String gatewayLimit) {
    super(operation + ": " + resultCode.getName() + suffix(diagnostic), cause);
    this.operation = Objects.requireNonNull(operation);
    this.resultCode = Objects.requireNonNull(resultCode);
    this.diagnostic = diagnostic == null ? "" : diagnostic;
    this.ownBindRefused = ownBindRefused;
    this.connectProblem = connectProblem;
    this.valuesAsRead = valuesAsRead;
    this.gatewayLimit = gatewayLimit;
  }

  /**
   * The request's deadline ({@link RequestDeadline}) passed before {@code operation} could start or
   * before the directory answered it: a timeout, and an outage to the client.
   */
  static DirectoryException deadlinePassed(String operation, long budgetMillis, Throwable cause) {
    return new DirectoryException(
        operation,
        ResultCode.TIMEOUT,
        "",
        cause,
        false,
        "",
        false,
        "The request's deadline of "
            + budgetMillis
            + " ms passed before the directory answered ("
            + operation
            + ")");
  }

  /**
   * Every pooled connection stayed busy with other requests for {@code waitedMillis}: the gateway
   * is at its connection limit ({@link ConnectionPermits}); the directory itself may be fine.
   */
  static DirectoryException connectionsBusy(String operation, int connections, long waitedMillis) {
    return new DirectoryException(
        operation,
        ResultCode.BUSY,
        "",
        null,
        false,
        "",
        false,
        "The gateway is at its connection limit: all "
            + connections
            + " directory connections (ldap.poolSize) were busy with other requests for "
            + waitedMillis
            + " ms ("
            + operation
            + ")");
  }

  /**
   * What limit of the gateway's own stopped the operation (its request's deadline, or all pooled
   * connections busy), as a sentence for the client; empty when the directory failed it.
   */
  public Optional<String> gatewayLimit() {
    return gatewayLimit.isEmpty() ? Optional.empty() : Optional.of(gatewayLimit);
  }

  /** The failure of an SDK call, keeping its result code and the server's readable message. */
  static DirectoryException of(String operation, LDAPException e) {
    return new DirectoryException(
        operation, e.getResultCode(), diagnosticOf(e), e, false, "", false, "");
  }

  /**
   * The failure of a modify that names the values read ({@link Directory#modifyAsRead}): there, a
   * value to delete that is gone ({@code noSuchAttribute}) or a value to add that is there already
   * ({@code attributeOrValueExists}, also a single-valued attribute that holds a value by now)
   * means that the entry changed since it was read.
   */
  static DirectoryException ofValuesAsRead(
      String operation, LDAPException e, String bindDn, boolean encrypted) {
    return ofPooled(operation, e, bindDn, encrypted, true);
  }

  /**
   * As {@link #of(String, LDAPException)}, for an operation on a pooled connection: when the pool
   * could not open a connection for it because of the gateway's settings (a refused bind, a refused
   * certificate), the failure says so ({@link #connectProblem()}).
   *
   * @param bindDn the DN the pool binds as
   * @param encrypted whether the pool's connections have TLS
   */
  static DirectoryException of(
      String operation, LDAPException e, String bindDn, boolean encrypted) {
    return ofPooled(operation, e, bindDn, encrypted, false);
  }

  private static DirectoryException ofPooled(
      String operation, LDAPException e, String bindDn, boolean encrypted, boolean valuesAsRead) {
    return new DirectoryException(
        operation,
        e.getResultCode(),
        diagnosticOf(e),
        e,
        e instanceof LDAPBindException,
        ConnectFailures.settingsProblem(e, bindDn, encrypted).orElse(""),
        valuesAsRead,
        "");
  }

  public String operation() {
    return operation;
  }

  public ResultCode resultCode() {
    return resultCode;
  }

  /** The server's diagnostic message, without SDK internals; empty when it gave none. */
  public String diagnostic() {
    return diagnostic;
  }

  /**
   * The Windows error number with which Active Directory (and Samba as an AD DC) begins its
   * diagnostic, in upper case ({@code 0000052D}); empty for other directories.
   */
  public Optional<String> windowsError() {
    Matcher m = WINDOWS_ERROR.matcher(diagnostic);
    return m.find() ? Optional.of(m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
  }

  /**
   * What in the gateway's settings or its account kept a connection from opening for this
   * operation, and what to do, e.g. {@code bind as cn=svc refused: the password has expired (AD
   * data 532): set a new password …}; empty when the operation failed otherwise.
   */
  public Optional<String> connectProblem() {
    return connectProblem.isEmpty() ? Optional.empty() : Optional.of(connectProblem);
  }

  /** What a failure means, in the directory's terms. */
  public enum Kind {
    /** Connection-level failures and timeouts: down, busy or unreachable; may pass. */
    OUTAGE,
    /** The gateway's own bind was refused: its credentials or connection security are wrong. */
    BIND_REFUSED,
    /**
     * The entry no longer matched the assertion (RFC 4528), or a modify that names the values read
     * found one of them gone or a value it adds there already: changed since it was read.
     */
    CHANGED_SINCE_READ,
    /** The entry (or its parent) is not there. */
    NO_SUCH_ENTRY,
    /** An entry with that name is there already. */
    ALREADY_EXISTS,
    /** The change is not allowed on the entry's name, or on an entry with children. */
    NAMING_REFUSED,
    /** A size or administrative limit was reached. */
    LIMIT_EXCEEDED,
    /** The values or object classes break the schema, a constraint or a naming rule. */
    VALUE_REFUSED,
    /** The password does not meet the directory's password policy (AD's {@code 0000052D}). */
    PASSWORD_REFUSED,
    /** An attribute written is not in the directory's schema (AD's {@code 0000200A}). */
    NOT_IN_SCHEMA,
    /** The gateway's account may not do this. */
    ACCESS_DENIED,
    /**
     * The directory is unwilling to perform the operation, and does not say why in terms it is
     * known to mean for good (an Active Directory that says why is a {@link #VALUE_REFUSED}).
     */
    UNWILLING,
    /** Anything else. */
    UNEXPECTED
  }

  /**
   * What this failure means: from its result code, except that the pool's own refused bind is
   * always {@link Kind#BIND_REFUSED} (an {@code insufficientAccessRights} there is no 403).
   */
  public Kind kind() {
    if (ownBindRefused) {
      return Kind.BIND_REFUSED;
    }
    ResultCode rc = resultCode;
    Optional<String> windows = windowsError();
    if (ResultCode.isConnectionUsable(rc)) {
      if (windows.filter(PASSWORD_POLICY::equals).isPresent()) {
        return Kind.PASSWORD_REFUSED;
      }
      if (windows.filter(w -> w.equals(MEMBER_ALREADY) || w.equals(NOT_A_MEMBER)).isPresent()
          && valuesAsRead) {
        return Kind.CHANGED_SINCE_READ;
      }
      if (windows.filter(UPN_NOT_UNIQUE::equals).isPresent()
          || ALREADY_IN_USE.matcher(diagnostic).find()) {
        return Kind.ALREADY_EXISTS;
      }
      if (rc == ResultCode.UNDEFINED_ATTRIBUTE_TYPE
          || NOT_IN_SCHEMA_TEXT.matcher(diagnostic).find()) {
        return Kind.NOT_IN_SCHEMA;
      }
      if (windows.isPresent() && rc == ResultCode.UNWILLING_TO_PERFORM) {
        // AD's refusals name their reason (00002035 for a password sent without TLS, or a linked
        // attribute written): they do not pass with time.
        return Kind.VALUE_REFUSED;
      }
    }
    if ((!ResultCode.isConnectionUsable(rc) && rc != ResultCode.OTHER)
        || rc == ResultCode.TIMEOUT
        || rc == ResultCode.TIME_LIMIT_EXCEEDED
        || rc == ResultCode.BUSY
        || rc == ResultCode.UNAVAILABLE
        || rc == ResultCode.CONNECT_ERROR
        || rc == ResultCode.SERVER_DOWN) {
      return Kind.OUTAGE;
    }
    return switch (rc.intValue()) {
      case ResultCode.INVALID_CREDENTIALS_INT_VALUE,
          ResultCode.STRONG_AUTH_REQUIRED_INT_VALUE,
          ResultCode.CONFIDENTIALITY_REQUIRED_INT_VALUE,
          ResultCode.INAPPROPRIATE_AUTHENTICATION_INT_VALUE,
          ResultCode.AUTH_METHOD_NOT_SUPPORTED_INT_VALUE ->
          Kind.BIND_REFUSED;
      case ResultCode.ASSERTION_FAILED_INT_VALUE -> Kind.CHANGED_SINCE_READ;
      case ResultCode.ATTRIBUTE_OR_VALUE_EXISTS_INT_VALUE, ResultCode.NO_SUCH_ATTRIBUTE_INT_VALUE ->
          valuesAsRead ? Kind.CHANGED_SINCE_READ : Kind.VALUE_REFUSED;
      case ResultCode.NO_SUCH_OBJECT_INT_VALUE -> Kind.NO_SUCH_ENTRY;
      case ResultCode.ENTRY_ALREADY_EXISTS_INT_VALUE -> Kind.ALREADY_EXISTS;
      case ResultCode.NOT_ALLOWED_ON_RDN_INT_VALUE, ResultCode.NOT_ALLOWED_ON_NONLEAF_INT_VALUE ->
          Kind.NAMING_REFUSED;
      case ResultCode.SIZE_LIMIT_EXCEEDED_INT_VALUE, ResultCode.ADMIN_LIMIT_EXCEEDED_INT_VALUE ->
          Kind.LIMIT_EXCEEDED;
      case ResultCode.CONSTRAINT_VIOLATION_INT_VALUE,
          ResultCode.INVALID_ATTRIBUTE_SYNTAX_INT_VALUE,
          ResultCode.OBJECT_CLASS_VIOLATION_INT_VALUE,
          ResultCode.UNDEFINED_ATTRIBUTE_TYPE_INT_VALUE,
          ResultCode.INVALID_DN_SYNTAX_INT_VALUE,
          ResultCode.NAMING_VIOLATION_INT_VALUE,
          ResultCode.INAPPROPRIATE_MATCHING_INT_VALUE,
          ResultCode.OBJECT_CLASS_MODS_PROHIBITED_INT_VALUE ->
          Kind.VALUE_REFUSED;
      case ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE -> Kind.ACCESS_DENIED;
      case ResultCode.UNWILLING_TO_PERFORM_INT_VALUE -> Kind.UNWILLING;
      default -> Kind.UNEXPECTED;
    };
  }

  /** The directory is down, busy or unreachable, and the same request may succeed later. */
  public boolean isOutage() {
    return kind() == Kind.OUTAGE;
  }

  /** The gateway's own bind was refused. */
  public boolean isBindRefused() {
    return kind() == Kind.BIND_REFUSED;
  }

  /**
   * Someone changed the entry since it was read: it no longer matched the assertion (RFC 4528), or
   * a modify that names the values read ({@link Directory#modifyAsRead}) found them changed.
   */
  public boolean isChangedSinceRead() {
    return kind() == Kind.CHANGED_SINCE_READ;
  }

  /** The entry (or its parent) is not there: deleted or renamed since it was found. */
  public boolean isNoSuchEntry() {
    return kind() == Kind.NO_SUCH_ENTRY;
  }

  /**
   * A write failed because another request changed the entry first (a value already added or
   * removed, the entry renamed or changed since it was read): reading again and retrying helps.
   */
  public boolean isConcurrentChange() {
    if (windowsError()
        .filter(w -> w.equals(MEMBER_ALREADY) || w.equals(NOT_A_MEMBER))
        .isPresent()) {
      return true;
    }
    Kind kind = kind();
    if (kind == Kind.NOT_IN_SCHEMA || kind == Kind.ALREADY_EXISTS) {
      return false;
    }
    if (diagnostic.contains("SINGLE-VALUE")) {
      return false;
    }
    return resultCode == ResultCode.NO_SUCH_OBJECT
        || resultCode == ResultCode.ASSERTION_FAILED
        || resultCode == ResultCode.NO_SUCH_ATTRIBUTE
        || resultCode == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS;
  }

  /**
   * The change would leave the entry without a value its object classes require (e.g. the last
   * {@code member} of a {@code groupOfNames}).
   */
  public boolean isObjectClassViolation() {
    return resultCode == ResultCode.OBJECT_CLASS_VIOLATION;
  }

  /**
   * The directory considered this operation and declined it: the entry, its values or the caller's
   * rights do not allow it, or the directory is unwilling. Outages, refused binds, failed
   * assertions and unexpected results are not refusals.
   */
  public boolean isRefusal() {
    return switch (kind()) {
      case NO_SUCH_ENTRY,
          ALREADY_EXISTS,
          NAMING_REFUSED,
          LIMIT_EXCEEDED,
          VALUE_REFUSED,
          PASSWORD_REFUSED,
          NOT_IN_SCHEMA,
          ACCESS_DENIED,
          UNWILLING ->
          true;
      case OUTAGE, BIND_REFUSED, CHANGED_SINCE_READ, UNEXPECTED -> false;
    };
  }

  private static String suffix(String diagnostic) {
    return diagnostic == null || diagnostic.isBlank() ? "" : " (" + diagnostic + ")";
  }

  /**
   * The server's diagnostic message or, for a connection that failed without one, why it failed
   * (host not found, connection refused, TLS) and the server's {@code host:port}.
   */
  private static String diagnosticOf(LDAPException e) {
    String said = readable(e.getDiagnosticMessage());
    return said.isEmpty() ? NetworkFailures.describe(e).orElse("") : said;
  }

  /**
   * The directory's diagnostic message without the SDK's internal exception text that some servers
   * (the in-memory one) nest into it, each run of white space as one space, and cut after {@value
   * #MAX_DIAGNOSTIC} characters: a directory may repeat the refused value, which a client chose.
   * One pass over the text, without regular expressions, so the cost grows with its length.
   */
  static String readable(String diagnostic) {
    if (diagnostic == null) {
      return "";
    }
    int nested = diagnostic.indexOf("LDAPException(");
    int end = nested < 0 ? diagnostic.length() : nested;
    StringBuilder out = new StringBuilder(Math.min(end, MAX_DIAGNOSTIC + 1));
    boolean space = false;
    for (int i = 0; i < end && out.length() <= MAX_DIAGNOSTIC; i++) {
      char c = diagnostic.charAt(i);
      if (Character.isWhitespace(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    if (out.length() > MAX_DIAGNOSTIC) {
      out.setLength(MAX_DIAGNOSTIC);
      out.append('…');
      return out.toString();
    }
    int last = out.length();
    while (last > 0 && (out.charAt(last - 1) == ':' || out.charAt(last - 1) == ' ')) {
      last--;
    }
    return out.substring(0, last);
  }
}
