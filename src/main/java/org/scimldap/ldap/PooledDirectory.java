package org.scimldap.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPConnectionPoolStatistics;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPRequest;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultListener;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.AssertionRequestControl;
import com.unboundid.ldap.sdk.controls.PermissiveModifyRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadResponseControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Directory} over an UnboundID {@link LDAPConnectionPool}. */
public final class PooledDirectory implements Directory {
  private static final Logger LOG = LoggerFactory.getLogger(PooledDirectory.class);

  /**
   * Entries in the first page of a paged search: within Active Directory's MaxPageSize (1,000) and
   * OpenLDAP's default size limit (500).
   */
  private static final int PAGE_SIZE = 500;

  /**
   * The largest page asked for. Each full page doubles the next, up to this: a scan of a hundred
   * thousand entries is then sixteen searches rather than two hundred, each of which costs the
   * directory its setting up (OpenLDAP works out the candidates again for every page).
   */
  private static final int LARGEST_PAGE = 8_000;

  /** Post-Read controls kept at most, one per list of attributes read back. */
  private static final int POST_READS = 64;

  private final LDAPConnectionPool pool;
  private final PooledCalls calls;
  private final String description;
  private final boolean pagedResults;
  private final boolean permissiveModify;
  private final boolean assertions;
  private final boolean postRead;
  private final boolean encrypted;

  /**
   * True once the directory cut a search that was not paged at a size limit: from then on, searches
   * are paged from their start.
   */
  private final AtomicBoolean unpagedCut = new AtomicBoolean();

  /**
   * True once the directory refused or cut a page larger than {@link #PAGE_SIZE}: from then on,
   * pages do not grow.
   */
  private volatile boolean grownPageCut;

  /** The naming contexts that may be followed; null until the root DSE could be read. */
  private volatile List<DN> followable;

  private final Dedicated dedicated;
  private final IdleConnections kept;
  private final GatheredReads gathered;
  private final RangedValues ranged =
      new RangedValues((dn, attribute) -> readOnce(dn, List.of(attribute)));
  private final String bindDn;
  private volatile Schema schema;
  private final Map<List<String>, PostReadRequestControl> postReads = new ConcurrentHashMap<>();

  /**
   * @param bindDn the DN the pool binds as, for messages about a refused bind; empty when it binds
   *     anonymously
   * @param dedicated opens the connections that follow changes, whose reads wait for a batch
   * @param forPages opens the connections of searches kept between pages, whose reads do not
   */
  PooledDirectory(
      LDAPConnectionPool pool,
      PooledCalls calls,
      String description,
      String bindDn,
      boolean pagedResults,
      boolean permissiveModify,
      boolean assertions,
      boolean postRead,
      boolean encrypted,
      List<DN> followable,
      Dedicated dedicated,
      Dedicated forPages,
      GatheredReads gathered) {
    this.pool = pool;
    this.calls = calls;
    this.description = description;
    this.bindDn = bindDn;
    this.pagedResults = pagedResults;
    this.permissiveModify = permissiveModify;
    this.assertions = assertions;
    this.postRead = postRead;
    this.encrypted = encrypted;
    this.followable = followable == null ? null : List.copyOf(followable);
    this.dedicated = dedicated;
    this.kept = new IdleConnections(forPages);
    this.gathered = gathered;
  }

  /** Opens a bound connection outside the pool, for a search that lasts. */
  interface Dedicated {
    LDAPConnection open() throws LDAPException;
  }

  /**
   * Follows on a connection of its own, outside the pool ({@link Dedicated}), where the root DSE
   * offers content synchronization and a naming context that holds {@code base}; what that
   * context's {@code contextCSN} names is the directory's last change. A root DSE that could not be
   * read at start is read now (empty while the directory still does not answer).
   */
  @Override
  public Optional<ContentFollower> follow(
      DN base, Filter filter, List<String> attributes, ContentFollower.Listener listener) {
    List<DN> contexts = followable;
    if (contexts == null) {
      // The directory could not be asked when the gateway started: ask it now.
      try {
        contexts =
            readOnce("", FollowableContexts.ROOT_DSE_ATTRIBUTES)
                .map(FollowableContexts::of)
                .orElse(List.of());
      } catch (DirectoryException e) {
        return Optional.empty();
      }
      followable = contexts;
    }
    Optional<String> context =
        contexts.stream().filter(c -> base.isDescendantOf(c, true)).map(DnStrings::of).findFirst();
    if (context.isEmpty()) {
      return Optional.empty();
    }
    ContentFollower.Connections connections =
        new ContentFollower.Connections() {
          @Override
          public LDAPConnection open() throws LDAPException {
            return dedicated.open();
          }

          @Override
          public void done(LDAPConnection connection) {
            connection.close();
          }

          @Override
          public GatheredReads.Hurry hurry() {
            return gathered.hurry();
          }
        };
    return Optional.of(
        new ContentFollower(
                connections,
                () -> lastChange(context.get()),
                base,
                filter,
                attributes,
                listener,
                ContentFollower.SILENT_MILLIS)
            .start());
  }

  /** The {@code contextCSN} values of a naming context; none when it has none or is not read. */
  private List<String> lastChange(String context) {
    String[] values =
        readOnce(context, List.of("contextCSN"))
            .map(e -> e.getAttributeValues("contextCSN"))
            .orElse(null);
    return values == null ? List.of() : List.of(values);
  }

  /**
   * Kept between pages on a connection of its own ({@link KeptPagedSearch}), where the directory
   * has paged results; not for a base-scope search, which has one entry at most.
   */
  @Override
  public Optional<PagedSearch> pagedSearch(
      DN base, SearchScope scope, Filter filter, List<String> attributes) {
    if (!pagedResults || scope == SearchScope.BASE) {
      return Optional.empty();
    }
    return Optional.of(
        new KeptPagedSearch(kept, calls, ranged, this::failure, base, scope, filter, attributes));
  }

  /** Reads the entry; values handed out in slices are read in full ({@link RangedValues}). */
  @Override
  public Optional<Entry> read(DN dn, List<String> attributes) {
    return readOnce(DnStrings.of(dn), attributes).flatMap(ranged::complete);
  }

  /** One base-scope search for the entry, through the pool; empty when it does not exist. */
  private Optional<Entry> readOnce(String dn, List<String> attributes) {
    try {
      SearchResult result =
          calls.run(
              "read " + dn,
              (connection, timeout) -> {
                SearchRequest request =
                    new SearchRequest(
                        dn,
                        SearchScope.BASE,
                        Filter.createPresenceFilter("objectClass"),
                        attributes.toArray(String[]::new));
                limit(request, timeout);
                return connection.search(request);
              });
      List<SearchResultEntry> entries = result.getSearchEntries();
      return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
    } catch (LDAPException e) {
      if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
        return Optional.empty();
      }
      throw failure("read " + dn, e);
    }
  }

  /**
   * Searches on one connection, in one piece or in pages ({@link #searchAsAllowed}): a Simple Paged
   * Results cookie (RFC 2696 §3) is only valid on the connection that received it. A pooled
   * connection that turns out to be dead before anything was read (the directory restarted) is
   * replaced once ({@link PooledCalls}). Values handed out in slices are read in full through other
   * connections of the pool ({@link RangedValues}), so that the searching connection carries
   * nothing but its results; an entry deleted meanwhile is left out.
   */
  @Override
  public void search(
      DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
    searchFrom(base, scope, filter, attributes, sink);
  }

  @Override
  public boolean searchFrom(
      DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
    int[] delivered = {0};
    Consumer<Entry> counting =
        e -> {
          delivered[0]++;
          sink.accept(e);
        };
    try {
      calls.run(
          "search under " + base,
          (connection, timeout) -> {
            // A search made while another is read (by its sink) starts as a short answer.
            boolean outer = ReadAhead.readShortAnswer();
            try {
              searchAsAllowed(connection, timeout, base, scope, filter, attributes, counting);
            } finally {
              ReadAhead.gatherLongAnswer(outer);
            }
            return null;
          },
          () -> delivered[0] == 0);
    } catch (LDAPException e) {
      if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
        return false;
      }
      throw failure("search under " + base, e);
    }
    return true;
  }

  /**
   * The search, in one piece while the directory allows it, else a page at a time (where {@code
   * pagedResults}). In one piece, the directory sends the entries without stopping: OpenLDAP sent
   * 100,000 of them in two thirds of the time that it took for the same entries in pages.
   *
   * <ul>
   *   <li>A directory that cuts such a search at a size limit (sizeLimitExceeded: OpenLDAP's
   *       default limit of 500 for an account other than the root DN, Active Directory's
   *       MaxPageSize) is asked for the whole search again in pages, as for every later search on
   *       it ({@link #unpagedCut}). One that stops it at another limit (adminLimitExceeded, or a
   *       time limit that the request's deadline did not set) is asked for that search again in
   *       pages.
   *   <li>Pages start at {@link #PAGE_SIZE}; one that came back full makes the next twice as large
   *       (up to {@link #LARGEST_PAGE}); one that came back short (Active Directory returns at most
   *       its MaxPageSize) stops the growth.
   *   <li>A directory that refuses a grown page (an OpenLDAP {@code size.pr} limit:
   *       adminLimitExceeded) or cuts it at a size limit is asked for the whole search again, with
   *       pages of {@link #PAGE_SIZE}, as for every later search on it ({@link #grownPageCut}).
   * </ul>
   *
   * A search asked for again leaves out the entries handed over already. (Where a directory's paged
   * state stands after a failed page is its own affair: the search does not go on from it.)
   */
  private void searchAsAllowed(
      LDAPConnection connection,
      PooledCalls.Timeout timeout,
      DN base,
      SearchScope scope,
      Filter filter,
      List<String> attributes,
      Consumer<Entry> sink)
      throws LDAPException {
    // A base-scope search returns at most the one entry: paging it would only cost the directory
    // the work of keeping a paged search's state.
    boolean mayPage = pagedResults && scope != SearchScope.BASE;
    boolean paged = mayPage && unpagedCut.get();
    boolean growing = !grownPageCut;
    Streamed streamed = new Streamed(ranged, sink, mayPage);
    ASN1OctetString cookie = null;
    int size = PAGE_SIZE;
    while (true) {
      SearchRequest request =
          new SearchRequest(
              streamed, DnStrings.of(base), scope, filter, attributes.toArray(String[]::new));
      if (paged) {
        request.addControl(new SimplePagedResultsControl(size, cookie, false));
      }
      limit(request, timeout);
      streamed.startPage();
      SearchResult result;
      try {
        result = connection.search(request);
      } catch (LDAPException e) {
        streamed.rethrow(); // the sink's failure came first
        ResultCode code = e.getResultCode();
        if (mayPage && !paged && stopsWholeSearch(code, timeout)) {
          if (code == ResultCode.SIZE_LIMIT_EXCEEDED && unpagedCut.compareAndSet(false, true)) {
            LOG.info(
                "Directory {} cut a search without paging at a size limit; searches are paged"
                    + " from now on",
                description);
          }
          paged = true;
        } else if (paged && size > PAGE_SIZE && refusesPageSize(code)) {
          grownPageCut = true;
          growing = false;
        } else {
          throw e;
        }
        streamed.startAgain();
        cookie = null;
        size = PAGE_SIZE;
        continue;
      }
      streamed.rethrow();
      SimplePagedResultsControl response = paged ? SimplePagedResultsControl.get(result) : null;
      if (response == null || !response.moreResultsToReturn()) {
        return;
      }
      cookie = response.getCookie();
      growing = growing && streamed.pageEntries() >= size;
      if (growing) {
        size = Math.min(LARGEST_PAGE, size * 2);
      } else if (size == PAGE_SIZE) {
        streamed.willNotStartAgain();
      }
    }
  }

  /**
   * The result codes with which a directory stops a search in one piece where pages may get
   * further: a size limit, another administrative limit, or its time limit when the request's
   * deadline did not set it.
   */
  private static boolean stopsWholeSearch(ResultCode code, PooledCalls.Timeout timeout) {
    return code == ResultCode.SIZE_LIMIT_EXCEEDED
        || code == ResultCode.ADMIN_LIMIT_EXCEEDED
        || (code == ResultCode.TIME_LIMIT_EXCEEDED && !timeout.cutByDeadline());
  }

  /** The result codes with which a directory refuses or cuts a page larger than it allows. */
  private static boolean refusesPageSize(ResultCode code) {
    return code == ResultCode.ADMIN_LIMIT_EXCEEDED || code == ResultCode.SIZE_LIMIT_EXCEEDED;
  }

  /**
   * Hands each entry to the sink as it is read from the connection, while the directory sends the
   * rest, instead of once the whole page has arrived: on a machine whose cores the gateway shares
   * with the directory, the two then work at once. A sink that fails stops taking entries; the page
   * is read to its end, so that the connection stays usable, and the failure is thrown then (before
   * any error the directory ends the page with).
   */
  private static final class Streamed implements SearchResultListener {
    private static final long serialVersionUID = 1L;

    /**
     * The entries of a page after which the rest of it is read as a long answer ({@link
     * ReadAhead#gatherLongAnswer}): more than a list page shows.
     */
    private static final int LONG_ANSWER = 250;

    private final transient RangedValues ranged;
    private final transient Consumer<Entry> sink;
    private transient Throwable failure;

    /** The DNs handed over, kept where the search may have to start again; else null. */
    private transient List<String> handedOver;

    /** The DNs handed over before the search started again, which it leaves out; else null. */
    private transient Set<String> leftOut;

    private transient int pageEntries;

    /** {@code mayStartAgain}: keeps the DNs it hands over, for {@link #startAgain}. */
    Streamed(RangedValues ranged, Consumer<Entry> sink, boolean mayStartAgain) {
      this.ranged = ranged;
      this.sink = sink;
      this.handedOver = mayStartAgain ? new ArrayList<>() : null;
    }

    void startPage() {
      pageEntries = 0;
    }

    /** The search starts again from its first page: what it handed over already is left out. */
    void startAgain() {
      leftOut = new HashSet<>(handedOver);
    }

    /** The search will not start again: the DNs handed over need not be kept any longer. */
    void willNotStartAgain() {
      handedOver = null;
    }

    /** The entries the current page brought, those left out included. */
    int pageEntries() {
      return pageEntries;
    }

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      if (++pageEntries == LONG_ANSWER) {
        ReadAhead.gatherLongAnswer(true);
      }
      if (failure != null) {
        return;
      }
      String dn = entry.getDN();
      if (leftOut != null && leftOut.remove(dn)) {
        return;
      }
      if (handedOver != null) {
        handedOver.add(dn);
      }
      // What the sink and the ranged values read on this thread meanwhile are answers of their
      // own, not this long one.
      boolean gathering = ReadAhead.readShortAnswer();
      try {
        ranged.complete(entry).ifPresent(sink);
      } catch (RuntimeException | Error e) {
        failure = e;
      } finally {
        ReadAhead.gatherLongAnswer(gathering);
      }
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {}

    void rethrow() {
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure != null) {
        throw (RuntimeException) failure;
      }
    }
  }

  /** The time left for a search: as the SDK's response timeout and the server's time limit. */
  private static void limit(SearchRequest request, PooledCalls.Timeout timeout) {
    request.setResponseTimeoutMillis(timeout.millis());
    request.setTimeLimitSeconds(timeout.seconds());
  }

  /** Sends a write with the time left as its response timeout. */
  private <R extends LDAPRequest> LDAPResult write(String operation, R request)
      throws LDAPException {
    return calls.run(
        operation,
        (connection, timeout) -> {
          request.setResponseTimeoutMillis(timeout.millis());
          LDAPResult result = connection.processOperation(request);
          if (result.getResultCode() != ResultCode.SUCCESS) {
            throw new LDAPException(result);
          }
          return result;
        });
  }

  @Override
  public void add(Entry entry) {
    add(entry, Optional.empty());
  }

  @Override
  public Optional<Entry> addAndRead(Entry entry, List<String> attributes) {
    if (!postRead) {
      return Directory.super.addAndRead(entry, attributes);
    }
    return add(entry, Optional.of(postReadOf(attributes)))
        .or(() -> read(Entries.dn(entry), attributes));
  }

  /** Adds the entry; the entry as added when the add asked for it with {@code readBack}. */
  private Optional<Entry> add(Entry entry, Optional<PostReadRequestControl> readBack) {
    try {
      AddRequest request = new AddRequest(DnStrings.of(entry.getParsedDN()), entry.getAttributes());
      readBack.ifPresent(request::addControl);
      return readBack(write("add " + entry.getDN(), request));
    } catch (LDAPException e) {
      throw failure("add " + entry.getDN(), e);
    }
  }

  /**
   * The Post-Read control (RFC 4527) for {@code attributes}, not critical: a directory that ignores
   * it still writes, and the entry is then read. A control is immutable and its value costs an
   * encoding: one is made per list of attributes (each mapping's types have a few), up to {@link
   * #POST_READS}.
   */
  private PostReadRequestControl postReadOf(List<String> attributes) {
    PostReadRequestControl known = postReads.get(attributes);
    if (known != null) {
      return known;
    }
    PostReadRequestControl made =
        new PostReadRequestControl(false, attributes.toArray(String[]::new));
    if (postReads.size() < POST_READS) {
      postReads.putIfAbsent(List.copyOf(attributes), made);
    }
    return made;
  }

  /** The entry a write's Post-Read response control carries, values in slices read in full. */
  private Optional<Entry> readBack(LDAPResult result) throws LDAPException {
    PostReadResponseControl control = PostReadResponseControl.get(result);
    return control == null ? Optional.empty() : ranged.complete(control.getEntry());
  }

  @Override
  public void modify(
      DN dn, List<Modification> modifications, boolean permissive, Optional<Filter> assertion) {
    modify(dn, modifications, permissive, assertion, Optional.empty());
  }

  @Override
  public Optional<Entry> modifyAndRead(
      DN dn,
      List<Modification> modifications,
      boolean permissive,
      Optional<Filter> assertion,
      List<String> attributes) {
    if (!postRead || modifications.isEmpty()) {
      return Directory.super.modifyAndRead(dn, modifications, permissive, assertion, attributes);
    }
    return modify(dn, modifications, permissive, assertion, Optional.of(postReadOf(attributes)))
        .or(() -> read(dn, attributes));
  }

  private Optional<Entry> modify(
      DN dn,
      List<Modification> modifications,
      boolean permissive,
      Optional<Filter> assertion,
      Optional<PostReadRequestControl> readBack) {
    if (modifications.isEmpty()) {
      return Optional.empty();
    }
    try {
      ModifyRequest request = new ModifyRequest(DnStrings.of(dn), modifications);
      if (permissive && permissiveModify) {
        request.addControl(new PermissiveModifyRequestControl(false));
      }
      assertion
          .filter(a -> assertions)
          .ifPresent(filter -> request.addControl(new AssertionRequestControl(filter, true)));
      readBack.ifPresent(request::addControl);
      return readBack(write("modify " + dn, request));
    } catch (LDAPException e) {
      throw failure("modify " + dn, e);
    }
  }

  @Override
  public void modifyAsRead(DN dn, List<Modification> modifications) {
    if (modifications.isEmpty()) {
      return;
    }
    try {
      write("modify " + dn, new ModifyRequest(DnStrings.of(dn), modifications));
    } catch (LDAPException e) {
      throw DirectoryException.ofValuesAsRead("modify " + dn, e, bindDn, encrypted);
    }
  }

  @Override
  public void rename(DN dn, RDN newRdn, Optional<Filter> assertion) {
    try {
      ModifyDNRequest request = new ModifyDNRequest(DnStrings.of(dn), DnStrings.of(newRdn), true);
      assertion
          .filter(a -> assertions)
          .ifPresent(filter -> request.addControl(new AssertionRequestControl(filter, true)));
      write("rename " + dn, request);
    } catch (LDAPException e) {
      throw failure("rename " + dn + " to " + newRdn, e);
    }
  }

  @Override
  public void move(DN dn, RDN newRdn, DN newSuperior, Optional<Filter> assertion) {
    try {
      ModifyDNRequest request =
          new ModifyDNRequest(
              DnStrings.of(dn), DnStrings.of(newRdn), true, DnStrings.of(newSuperior));
      assertion
          .filter(a -> assertions)
          .ifPresent(filter -> request.addControl(new AssertionRequestControl(filter, true)));
      write("move " + dn, request);
    } catch (LDAPException e) {
      throw failure("move " + dn + " to " + new DN(newRdn, newSuperior), e);
    }
  }

  @Override
  public void delete(DN dn) {
    try {
      write("delete " + dn, new DeleteRequest(DnStrings.of(dn), new Control[0]));
    } catch (LDAPException e) {
      throw failure("delete " + dn, e);
    }
  }

  @Override
  public Optional<Schema> schema() {
    Schema known = schema;
    if (known == null) {
      try {
        known = pool.getSchema();
        schema = known;
      } catch (LDAPException e) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(known);
  }

  @Override
  public boolean assertions() {
    return assertions;
  }

  @Override
  public boolean encrypted() {
    return encrypted;
  }

  /**
   * The pool's statistics, with the waits for a connection counted where they happen: in {@link
   * PooledCalls}, which lets no more operations run than the pool has connections.
   */
  @Override
  public Optional<PoolUsage> poolUsage() {
    LDAPConnectionPoolStatistics stats = pool.getConnectionPoolStatistics();
    return Optional.of(
        new PoolUsage(
            stats.getNumAvailableConnections(),
            stats.getMaximumAvailableConnections(),
            calls.waitedForConnection(),
            calls.foundAllBusy() + stats.getNumFailedCheckouts(),
            stats.getNumFailedConnectionAttempts()));
  }

  @Override
  public String describe() {
    return description;
  }

  private DirectoryException failure(String operation, LDAPException e) {
    return DirectoryException.of(operation, e, bindDn, encrypted);
  }

  @Override
  public void close() {
    kept.close();
    pool.close();
  }
}
