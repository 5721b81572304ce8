package org.scimldap.embedded;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedCompareRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteResult;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedExtendedRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedExtendedResult;
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
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Access control for the embedded directory: anyone may read (minus password attributes), only a
 * connection bound as the administrator may write or see passwords. Also reports every successful
 * write so the directory can be saved.
 */
final class WriteGuard extends InMemoryOperationInterceptor {
  private static final Set<String> SECRET_ATTRIBUTES = Set.of("userpassword", "2.5.4.35");
  static final String CHANGE_MARKER = "entryCSN";
  private static final String WHO_AM_I = "1.3.6.1.4.1.4203.1.11.3";

  private final DN adminDn;
  private final Runnable onWrite;
  private final Set<Long> adminConnections = ConcurrentHashMap.newKeySet();
  private final AtomicLong changes = new AtomicLong();
  private final Function<DN, Entry> entries;

  /**
   * @param entries reads an entry of the directory (null when absent), to refuse binds of locked
   *     accounts
   */
  WriteGuard(DN adminDn, Runnable onWrite, Function<DN, Entry> entries) {
    this.adminDn = adminDn;
    this.onWrite = onWrite;
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
   * Extended operations (password modify, transactions) write: only the administrator may use them;
   * others may ask who they are.
   */
  @Override
  public void processExtendedRequest(InMemoryInterceptedExtendedRequest request)
      throws LDAPException {
    if (!isAdmin(request) && !WHO_AM_I.equals(request.getRequest().getOID())) {
      throw new LDAPException(
          ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
          "only the directory administrator may use this operation");
    }
  }

  @Override
  public void processExtendedResult(InMemoryInterceptedExtendedResult result) {
    markIfSuccess(result.getResult());
  }

  /**
   * Filters on passwords would tell them apart value by value; only the administrator may use them.
   */
  @Override
  public void processSearchRequest(InMemoryInterceptedSearchRequest request) throws LDAPException {
    if (!isAdmin(request) && namesSecret(request.getRequest().getFilter())) {
      throw new LDAPException(
          ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "passwords cannot be searched");
    }
  }

  private static boolean namesSecret(Filter filter) {
    String attribute = filter.getAttributeName();
    if (attribute != null && SECRET_ATTRIBUTES.contains(attribute.toLowerCase(Locale.ROOT))) {
      return true;
    }
    for (Filter component : filter.getComponents()) {
      if (namesSecret(component)) {
        return true;
      }
    }
    return filter.getNOTComponent() != null && namesSecret(filter.getNOTComponent());
  }

  @Override
  public void processAddRequest(InMemoryInterceptedAddRequest request) throws LDAPException {
    requireAdmin(request);
    AddRequest add = request.getRequest().duplicate();
    add.replaceAttribute(CHANGE_MARKER, nextChange());
    request.setRequest(add);
  }

  @Override
  public void processModifyRequest(InMemoryInterceptedModifyRequest request) throws LDAPException {
    requireAdmin(request);
    ModifyRequest modify = request.getRequest().duplicate();
    modify.addModification(new Modification(ModificationType.REPLACE, CHANGE_MARKER, nextChange()));
    request.setRequest(modify);
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
  }

  @Override
  public void processDeleteRequest(InMemoryInterceptedDeleteRequest request) throws LDAPException {
    requireAdmin(request);
  }

  @Override
  public void processAddResult(InMemoryInterceptedAddResult result) {
    markIfSuccess(result.getResult());
  }

  @Override
  public void processModifyResult(InMemoryInterceptedModifyResult result) {
    markIfSuccess(result.getResult());
  }

  @Override
  public void processModifyDNResult(InMemoryInterceptedModifyDNResult result) {
    markIfSuccess(result.getResult());
  }

  @Override
  public void processDeleteResult(InMemoryInterceptedDeleteResult result) {
    markIfSuccess(result.getResult());
  }

  private void markIfSuccess(LDAPResult result) {
    if (result.getResultCode() == ResultCode.SUCCESS) {
      onWrite.run();
    }
  }

  @Override
  public void processCompareRequest(InMemoryInterceptedCompareRequest request)
      throws LDAPException {
    if (!isAdmin(request)
        && SECRET_ATTRIBUTES.contains(request.getRequest().getAttributeName().toLowerCase())) {
      throw new LDAPException(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "passwords are not readable");
    }
  }

  @Override
  public void processSearchEntry(InMemoryInterceptedSearchEntry entry) {
    if (isAdmin(entry)) {
      return;
    }
    Entry copy = entry.getSearchEntry().duplicate();
    boolean changed = false;
    for (String name : SECRET_ATTRIBUTES) {
      changed |= copy.removeAttribute(name);
    }
    if (changed) {
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
