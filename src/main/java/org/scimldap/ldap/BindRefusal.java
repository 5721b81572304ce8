package org.scimldap.ldap;

import com.unboundid.ldap.sdk.ResultCode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the directory refused the gateway's simple bind (RFC 4511 §4.2.2), in words an admin acts on,
 * from the result code and, for Active Directory (and Samba as an AD DC), the {@code data} code of
 * its diagnostic message, e.g. {@code 80090308: LdapErr: DSID-0C0903A9, comment:
 * AcceptSecurityContext error, data 533, v1db1} for a disabled account.
 *
 * @param resultCode the directory's result code
 * @param reason what is wrong, e.g. {@code the account is disabled (AD data 533)}
 * @param advice what to do about it
 */
public record BindRefusal(ResultCode resultCode, String reason, String advice) {
  private static final Pattern AD_DATA =
      Pattern.compile("\\bdata ([0-9a-f]{1,8})\\b", Pattern.CASE_INSENSITIVE);
  private static final String CHECK_DN = "check GATEWAY_LDAP_BIND_DN (ldap.bindDn)";
  private static final String CHECK_PASSWORD = "check GATEWAY_LDAP_BIND_PASSWORD";
  private static final String NEW_PASSWORD =
      "set a new password on the account and in GATEWAY_LDAP_BIND_PASSWORD";
  private static final String USE_TLS = "use ldaps:// or GATEWAY_LDAP_STARTTLS=true";

  /** What an Active Directory {@code data} code means, and what it asks of the admin. */
  private record Meaning(String reason, String advice) {}

  private static final Map<String, Meaning> AD_CODES =
      Map.of(
          "525", new Meaning("the account does not exist", CHECK_DN),
          "52e", new Meaning("the password is wrong", CHECK_PASSWORD),
          "530",
              new Meaning(
                  "the account may not log on at this time",
                  "allow this time in the account's logon hours"),
          "531",
              new Meaning(
                  "the account may not log on from this workstation",
                  "allow the gateway's host in the account's workstations (Log On To)"),
          "532", new Meaning("the password has expired", NEW_PASSWORD),
          "533", new Meaning("the account is disabled", "enable the account"),
          "701", new Meaning("the account has expired", "extend the account's expiry date"),
          "773", new Meaning("the password must be changed before the account binds", NEW_PASSWORD),
          "775",
              new Meaning(
                  "the account is locked out",
                  "unlock it, and " + CHECK_PASSWORD + ": wrong passwords lock it out"));

  /**
   * The refusal a bind result means; empty for a result that is not a refusal of the bind (a
   * success, an outage, a timeout).
   *
   * @param diagnostic the directory's diagnostic message, possibly empty
   * @param encrypted whether the connection that was refused had TLS (ldaps:// or StartTLS)
   */
  public static Optional<BindRefusal> of(
      ResultCode resultCode, String diagnostic, boolean encrypted) {
    String said = diagnostic == null || diagnostic.isBlank() ? "" : " (" + diagnostic.trim() + ")";
    BindRefusal refusal =
        switch (resultCode.intValue()) {
          case ResultCode.INVALID_CREDENTIALS_INT_VALUE -> invalidCredentials(diagnostic, said);
          case ResultCode.STRONG_AUTH_REQUIRED_INT_VALUE,
              ResultCode.CONFIDENTIALITY_REQUIRED_INT_VALUE ->
              encrypted
                  ? new BindRefusal(
                      resultCode,
                      "the directory requires a stronger authentication than a simple bind over"
                          + " TLS"
                          + said,
                      "allow simple binds over TLS for this account on the directory")
                  : new BindRefusal(
                      resultCode, "the directory requires TLS for a simple bind" + said, USE_TLS);
          case ResultCode.INSUFFICIENT_ACCESS_RIGHTS_INT_VALUE ->
              new BindRefusal(
                  resultCode,
                  "the account may not bind (insufficient access rights)" + said,
                  "allow the account to bind, or " + CHECK_DN);
          case ResultCode.INAPPROPRIATE_AUTHENTICATION_INT_VALUE ->
              new BindRefusal(
                  resultCode,
                  "the directory refuses this kind of bind (inappropriate authentication)" + said,
                  CHECK_PASSWORD + ": a DN with an empty password is an unauthenticated bind");
          case ResultCode.AUTH_METHOD_NOT_SUPPORTED_INT_VALUE ->
              new BindRefusal(
                  resultCode,
                  "the directory does not accept simple binds here" + said,
                  encrypted ? "allow simple binds on the directory" : USE_TLS);
          default -> null;
        };
    return Optional.ofNullable(refusal);
  }

  private static BindRefusal invalidCredentials(String diagnostic, String said) {
    Matcher data = AD_DATA.matcher(diagnostic == null ? "" : diagnostic);
    if (data.find()) {
      String code = data.group(1).toLowerCase(Locale.ROOT);
      Meaning known = AD_CODES.get(code);
      return known == null
          ? new BindRefusal(
              ResultCode.INVALID_CREDENTIALS,
              "invalid credentials (AD data " + code + ")",
              CHECK_DN + " and GATEWAY_LDAP_BIND_PASSWORD")
          : new BindRefusal(
              ResultCode.INVALID_CREDENTIALS,
              known.reason() + " (AD data " + code + ")",
              known.advice());
    }
    return new BindRefusal(
        ResultCode.INVALID_CREDENTIALS,
        "the DN or the password is wrong (invalid credentials)" + said,
        CHECK_DN + " and GATEWAY_LDAP_BIND_PASSWORD");
  }

  /** E.g. {@code bind as cn=svc,dc=corp refused: the account is disabled (AD data 533)}. */
  public String describe(String bindDn) {
    return "bind as " + bindDn + " refused: " + reason;
  }

  /** {@link #describe} and what to do about it. */
  public String describeWithAdvice(String bindDn) {
    return describe(bindDn) + ": " + advice;
  }
}
