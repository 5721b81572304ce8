package org.scimldap.service;

import java.util.function.Supplier;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;
import org.scimldap.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where directory and store failures become SCIM errors (RFC 7644 §3.12), at the edge
 * of the service layer. LDAP result codes (RFC 4511 Appendix A) map as follows: no such object is
 * 404; already exists is 409 {@code uniqueness}; not allowed on RDN or non-leaf is 400 {@code
 * mutability}; size and admin limits are 400 {@code tooMany}; constraint, syntax, object class,
 * undefined attribute, value exists, no such attribute, DN syntax, naming, matching and object
 * class modification violations are 400 {@code invalidValue} (but for a modify that names the
 * values read, where a value gone or one there already means the entry changed since it was read:
 * 412); insufficient access is 403; a failed assertion is 412; outages, timeouts, refused binds and
 * an unwilling directory are a retryable 503 (one that names the gateway's own limit when that
 * stopped it: the request's deadline, all pooled connections busy); anything else is 500. Active
 * Directory's own error numbers refine this: a refused password ({@code 0000052D}) is 400 {@code
 * invalidValue}, a duplicate {@code userPrincipalName} or {@code sAMAccountName} 409 {@code
 * uniqueness}, an attribute missing from its schema ({@code 0000200A}) a 500 that points at the
 * mapping, and an unwilling AD that says why is 400, never retried. The directory's diagnostic
 * message is logged, and kept in the detail of client errors: it says what the directory refused. A
 * connection that the gateway's own settings or account kept from opening (a refused bind, a
 * refused certificate) is logged as an error with what is wrong, e.g. an expired password.
 */
public final class ErrorTranslator {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorTranslator.class);

  private ErrorTranslator() {}

  /** Runs a use case, translating the failures of the layers below. */
  public static <T> T translated(Supplier<T> useCase) {
    try {
      return useCase.get();
    } catch (DirectoryException e) {
      throw translate(e);
    } catch (StoreException e) {
      throw translate(e);
    }
  }

  /** As {@link #translated(Supplier)}, for a use case without a result. */
  public static void translated(Runnable useCase) {
    translated(
        () -> {
          useCase.run();
          return null;
        });
  }

  /** The SCIM error for a failed directory operation. */
  public static ScimException translate(DirectoryException e) {
    if (e.connectProblem().isPresent()) {
      LOG.error(
          "The directory cannot be used for {}: {}; requests are answered 503 until that is fixed",
          e.operation(),
          e.connectProblem().get());
    } else {
      LOG.info(
          "Directory refused or failed {}: {} ({}){}",
          e.operation(),
          e.resultCode().getName(),
          e.resultCode().intValue(),
          e.diagnostic().isEmpty() ? "" : ": " + e.diagnostic());
    }
    String name = e.resultCode().getName();
    String detail = e.getMessage();
    return switch (e.kind()) {
      case OUTAGE ->
          ScimException.unavailable(
              e.gatewayLimit().orElse("The directory is unavailable (" + name + ")")
                  + "; retry later",
              e);
      case BIND_REFUSED ->
          ScimException.unavailable(
              "The gateway cannot bind to the directory ("
                  + name
                  + "); its configuration needs attention",
              e);
      case CHANGED_SINCE_READ ->
          new ScimException(
              412,
              null,
              e.operation() + ": the entry changed since it was read (precondition failed)",
              e,
              false);
      case NO_SUCH_ENTRY -> new ScimException(404, null, detail, e, false);
      case ALREADY_EXISTS -> new ScimException(409, ScimType.UNIQUENESS, detail, e, false);
      case NAMING_REFUSED -> new ScimException(400, ScimType.MUTABILITY, detail, e, false);
      case LIMIT_EXCEEDED -> new ScimException(400, ScimType.TOO_MANY, detail, e, false);
      case VALUE_REFUSED -> new ScimException(400, ScimType.INVALID_VALUE, detail, e, false);
      case PASSWORD_REFUSED ->
          new ScimException(
              400,
              ScimType.INVALID_VALUE,
              "The directory refused the password: it does not meet the domain's password policy"
                  + " (length, complexity, history or minimum age). "
                  + detail,
              e,
              false);
      case NOT_IN_SCHEMA ->
          ScimException.internal(
              "The mapping writes an attribute that the directory's schema does not have; the"
                  + " mapping file needs correcting (the validate command lists such problems). "
                  + detail,
              e);
      case ACCESS_DENIED -> new ScimException(403, null, detail, e, false);
      case UNWILLING ->
          ScimException.unavailable(
              e.operation()
                  + ": the directory is unwilling to perform it now (e.g. a read-only replica)",
              e);
      case UNEXPECTED -> ScimException.internal(detail, e);
    };
  }

  /** The SCIM error for a failed store operation: the store is local, so it is a passing outage. */
  public static ScimException translate(StoreException e) {
    LOG.warn("{}", e.getMessage(), e.getCause());
    return ScimException.unavailable(e.getMessage() + "; retry later", e);
  }
}
