package org.scimldap.embedded;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedCompareRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedExtendedRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSASLBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ReadOnlyModifyDNRequest;
import com.unboundid.ldap.sdk.ResultCode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Access control for the embedded directory: anyone may read (minus the {@link SecretAttributes}),
 * only a connection bound as the administrator may write, see secrets or test them in any way
 * (filter, compare, or a control that evaluates them). Also tells the {@link WriteJournal} of every
 * write, before it is applied and before it is answered, so that it can be kept.
 */
final class WriteGuard extends InMemoryOperationInterceptor {
  static final String CHANGE_MARKER = "entryCSN";
  private static final String WHO_AM_I = "1.3.6.1.4.1.4203.1.11.3";

  private final DN adminDn;
  private final WriteJournal journal;
  private final Set<Long> adminConnections = ConcurrentHashMap.newKeySet();
  private final AtomicLong changes = new AtomicLong();
  private final Function<DN, Entry> entries;

  /**
   * @param entries reads an entry of the directory (null when absent), to refuse binds of locked
   *     accounts
   */
  WriteGuard(DN adminDn, WriteJournal journal, Function<DN, Entry> entries) {
    this.adminDn = adminDn;
    this.journal = journal;
    this.entries = entries;
  }

  /**
   * A locked account ({@code pwdAccountLockedTime} present) cannot bind, as with OpenLDAP ppolicy.
   */
  @Override
  public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request)
      throws LDAPException {
    String bindDn = request.getRequest().getBindDN();
    if (bindDn == null || bindDn.isEmpty()) {
      return;
    }
    DN dn = new DN(bindDn);
    if (dn.equals(adminDn)) {
      return;
    }
    Entry entry = entries.apply(dn);
    if (entry != null && entry.hasAttribute("pwdAccountLockedTime")) {
      throw new LDAPException(ResultCode.INVALID_CREDENTIALS, "the account is locked");
    }
  }

  @Override
  public void processSimpleBindResult(InMemoryInterceptedSimpleBindResult result) {
    boolean admin = false;
    if (result.getResult().getResultCode() == ResultCode.SUCCESS) {
      try {
        admin = new DN(result.getRequest().getBindDN()).equals(adminDn);
      } catch (LDAPException e) {
        admin = false;
      }
    }
    if (admin) {
      adminConnections.add(result.getConnectionID());
    } else {
      adminConnections.remove(result.getConnectionID());
    }
  }

  /**
   * SASL binds would bypass the lock check above; the embedded directory offers simple binds only.
   */
  @Override
  public void processSASLBindRequest(InMemoryInterceptedSASLBindRequest request)
      throws LDAPException {
    throw new LDAPException(
        ResultCode.AUTH_METHOD_NOT_SUPPORTED, "only simple binds are supported");
  }

  /**
   * Anyone may ask who they are. Other extended operations (password modify, transactions) write
   * without naming what they change, which the change log could not keep: the administrator writes
   * with add, modify, modify DN and delete instead, and others may not write at all.
   */
  @Override
  public void processExtendedRequest(InMemoryInterceptedExtendedRequest request)
      throws LDAPException {
    if (WHO_AM_I.equals(request.getRequest().getOID())) {
      return;
    }
    if (!isAdmin(request)) {
      throw new LDAPException(
          ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
          "only the directory administrator may use this operation");
    }
    throw new LDAPException(
        ResultCode.UNWILLING_TO_PERFORM,
        "the embedded directory supports no extended operation but Who am I?;"
            + " change passwords with a modify of userPassword");
  }

  /** Filters and controls that test secrets would tell them apart value by value. */
  @Override
  public void processSearchRequest(InMemoryInterceptedSearchRequest request) throws LDAPException {
    if (isAdmin(request)) {
      return;
    }
    Optional<String> probe =
        SecretAttributes.probedBy(request.getRequest().getFilter())
            .or(() -> SecretAttributes.probedBy(request.getRequest().getControlList()));
    if (probe.isPresent()) {
      throw refusedProbe(probe.get());
    }
  }

  private static LDAPException refusedProbe(String what) {
    return new LDAPException(
        ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
        "passwords cannot be tested by anyone but the directory administrator; refused: " + what);
  }

  /** Refuses a request of another connection than the administrator's that tests a secret. */
  private void refuseProbingControls(InMemoryInterceptedRequest request, Control[] controls)
      throws LDAPException {
    if (isAdmin(request)) {
      return;
    }
    Optional<String> probe = SecretAttributes.probedBy(List.of(controls));
    if (probe.isPresent()) {
      throw refusedProbe(probe.get());
    }
  }

  @Override
  public void processAddRequest(InMemoryInterceptedAddRequest request) throws LDAPException {
    requireAdmin(request);
    AddRequest add = request.getRequest().duplicate();
    add.replaceAttribute(CHANGE_MARKER, nextChange());
    request.setRequest(add);
    journal.beforeWrite();
  }

  @Override
  public void processModifyRequest(InMemoryInterceptedModifyRequest request) throws LDAPException {
    requireAdmin(request);
    ModifyRequest modify = request.getRequest().duplicate();
    modify.addModification(new Modification(ModificationType.REPLACE, CHANGE_MARKER, nextChange()));
    request.setRequest(modify);
    journal.beforeWrite();
  }

  /**
   * A change sequence number in OpenLDAP's {@code entryCSN} form: the time to the microsecond and a
   * counter, so that two changes in the same millisecond still differ (versions and the assertions
   * of concurrent writes rely on it; {@code modifyTimestamp} has milliseconds only).
   */
  private String nextChange() {
    Instant now = Instant.now();
    String time =
        DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC)
            .format(now);
    return time + "#" + String.format("%06x", changes.incrementAndGet() & 0xffffff) + "#000#000000";
  }

  @Override
  public void processModifyDNRequest(InMemoryInterceptedModifyDNRequest request)
      throws LDAPException {
    requireAdmin(request);
    journal.beforeWrite();
  }

  @Override
  public void processDeleteRequest(InMemoryInterceptedDeleteRequest request) throws LDAPException {
    requireAdmin(request);
    journal.beforeWrite();
  }

  @Override
  public void processAddResult(InMemoryInterceptedAddResult result) {
    journal.afterWrite(
        succeeded(result.getResult())
            .map(ok -> new Change.Written(dn(result.getRequest().getDN()))));
  }

  @Override
  public void processModifyResult(InMemoryInterceptedModifyResult result) {
    journal.afterWrite(
        succeeded(result.getResult())
            .map(ok -> new Change.Written(dn(result.getRequest().getDN()))));
  }

  @Override
  public void processModifyDNResult(InMemoryInterceptedModifyDNResult result) {
    journal.afterWrite(succeeded(result.getResult()).map(ok -> renamed(result.getRequest())));
  }

  @Override
  public void processDeleteResult(InMemoryInterceptedDeleteResult result) {
    journal.afterWrite(
        succeeded(result.getResult())
            .map(ok -> new Change.Deleted(dn(result.getRequest().getDN()))));
  }

  private static Optional<LDAPResult> succeeded(LDAPResult result) {
    return result.getResultCode() == ResultCode.SUCCESS ? Optional.of(result) : Optional.empty();
  }

  private static Change renamed(ReadOnlyModifyDNRequest request) {
    DN from = dn(request.getDN());
    try {
      RDN rdn = new RDN(request.getNewRDN());
      DN parent =
          request.getNewSuperiorDN() == null ? from.getParent() : dn(request.getNewSuperiorDN());
      return new Change.Renamed(from, new DN(rdn, parent));
    } catch (LDAPException e) {
      throw new IllegalStateException("the directory accepted a new RDN it cannot parse", e);
    }
  }

  /** A DN the directory has just accepted, so it parses. */
  private static DN dn(String dn) {
    try {
      return new DN(dn);
    } catch (LDAPException e) {
      throw new IllegalStateException("the directory accepted a DN it cannot parse: " + dn, e);
    }
  }

  @Override
  public void processCompareRequest(InMemoryInterceptedCompareRequest request)
      throws LDAPException {
    if (!isAdmin(request) && SecretAttributes.isSecret(request.getRequest().getAttributeName())) {
      throw refusedProbe("a compare of " + request.getRequest().getAttributeName());
    }
    refuseProbingControls(request, request.getRequest().getControls());
  }

  @Override
  public void processSearchEntry(InMemoryInterceptedSearchEntry entry) {
    if (isAdmin(entry)) {
      return;
    }
    Entry copy = entry.getSearchEntry().duplicate();
    List<String> secrets =
        copy.getAttributes().stream()
            .map(a -> a.getName())
            .filter(SecretAttributes::isSecret)
            .toList();
    if (!secrets.isEmpty()) {
      secrets.forEach(copy::removeAttribute);
      entry.setSearchEntry(copy);
    }
  }

  private boolean isAdmin(InMemoryInterceptedRequest request) {
    return adminConnections.contains(request.getConnectionID());
  }

  private boolean isAdmin(InMemoryInterceptedSearchEntry entry) {
    return adminConnections.contains(entry.getConnectionID());
  }

  private void requireAdmin(InMemoryInterceptedRequest request) throws LDAPException {
    if (!isAdmin(request)) {
      throw new LDAPException(
          ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "only the directory administrator may write");
    }
  }
}
