package org.scimldap.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A {@link PagedSearch} on a connection outside the pool, which it holds from its first page to its
 * end: a paged search's cookie is valid only on the connection that received it (RFC 2696 §3), and
 * a pooled connection held that long would be missing to other requests. The connection comes from
 * {@link IdleConnections} and goes back there once the search is over, also when the directory
 * ended it with an error of its own; it is closed when the search is ended before its last page, or
 * when the connection failed.
 */
final class KeptPagedSearch implements PagedSearch {
  private final IdleConnections connections;
  private final PooledCalls calls;
  private final RangedValues ranged;
  private final BiFunction<String, LDAPException, DirectoryException> failure;
  private final String operation;
  private final String base;
  private final SearchScope scope;
  private final Filter filter;
  private final String[] attributes;
  private LDAPConnection connection;
  private ASN1OctetString cookie;
  private boolean over;

  KeptPagedSearch(
      IdleConnections connections,
      PooledCalls calls,
      RangedValues ranged,
      BiFunction<String, LDAPException, DirectoryException> failure,
      DN base,
      SearchScope scope,
      Filter filter,
      List<String> attributes) {
    this.connections = connections;
    this.calls = calls;
    this.ranged = ranged;
    this.failure = failure;
    this.operation = "paged search under " + base;
    this.base = DnStrings.of(base);
    this.scope = scope;
    this.filter = filter;
    this.attributes = attributes.toArray(String[]::new);
  }

  /**
   * {@inheritDoc} A directory that sends fewer entries than asked for while it has more (a page
   * size limit of its own) is asked again for the rest, so that the search stands where the caller
   * counts it.
   */
  @Override
  public synchronized boolean next(int size, Consumer<Entry> sink) {
    List<SearchResultEntry> entries = new ArrayList<>(Math.min(size, 1_000));
    while (!over && entries.size() < size) {
      List<SearchResultEntry> page = page(size - entries.size());
      if (page.isEmpty() && !over) {
        discard(); // more promised, none sent: the search goes no further
      }
      entries.addAll(page);
    }
    for (SearchResultEntry e : entries) {
      ranged.complete(e).ifPresent(sink);
    }
    return !over;
  }

  /** One page of at most {@code size} entries; the search is over when it was the last. */
  private List<SearchResultEntry> page(int size) {
    PooledCalls.Timeout timeout = calls.timeout(operation);
    try {
      timeout.millis(); // a passed deadline opens no connection
      if (connection == null) {
        connection = connections.take();
      }
      long millis = timeout.millis();
      SearchRequest request = new SearchRequest(base, scope, filter, attributes);
      request.addControl(new SimplePagedResultsControl(size, cookie, true));
      request.setResponseTimeoutMillis(millis);
      request.setTimeLimitSeconds(PooledCalls.Timeout.seconds(millis));
      SearchResult result = connection.search(request);
      SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
      cookie = paged != null && paged.moreResultsToReturn() ? paged.getCookie() : null;
      if (cookie == null) {
        finish();
      }
      return result.getSearchEntries();
    } catch (LDAPException e) {
      ResultCode code = e.getResultCode();
      if (!ResultCode.isClientSideResultCode(code) && ResultCode.isConnectionUsable(code)) {
        finish(); // the directory ended the search with its answer; the connection is fine
      } else {
        discard();
      }
      timeout.throwIfDeadlinePassed(e);
      throw failure.apply(operation, e);
    } catch (RuntimeException | Error e) {
      discard();
      throw e;
    }
  }

  /** The search is over with nothing left on its connection, which may serve another. */
  private void finish() {
    over = true;
    if (connection != null) {
      connections.give(connection);
      connection = null;
    }
  }

  /** The search is over and its connection, whatever state it is in, closed. */
  private void discard() {
    over = true;
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  /**
   * Ends the search. One that is not over yet ends with its connection, closed: the directory drops
   * the search with it, and nothing waits for an answer (telling it to drop the search alone, with
   * a page of size 0, would cost the caller a round trip).
   */
  @Override
  public synchronized void close() {
    if (!over) {
      discard();
    }
  }
}
