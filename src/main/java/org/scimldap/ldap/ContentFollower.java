package org.scimldap.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.IntermediateResponse;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultListener;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ContentSyncInfoIntermediateResponse;
import com.unboundid.ldap.sdk.controls.ContentSyncInfoType;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestControl;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestMode;
import com.unboundid.ldap.sdk.controls.ContentSyncStateControl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the entries under a base that match a filter through the directory's content
 * synchronization (RFC 4533, refreshAndPersist; OpenLDAP's {@code syncprov} overlay), on a
 * connection of its own: a first refresh hands on every entry, then each change as the directory
 * makes it. When the stream breaks (the directory restarted), it starts again with a full refresh,
 * after a pause that grows to a minute; a refusal that another try would not change (size limit,
 * access rights) ends it.
 *
 * <p>What has been handed on is known to be current through the change sequence numbers (CSNs) that
 * the directory sends with every change and as new cookies for changes outside the followed
 * entries: {@link #awaitCurrent} compares them with the {@code contextCSN} of the naming context,
 * which names the directory's last change.
 */
public final class ContentFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ContentFollower.class);
  private static final long FIRST_PAUSE_MILLIS = 1_000;
  private static final long LONGEST_PAUSE_MILLIS = 60_000;

  /** How long a stream behind the directory may say nothing before it is started again. */
  static final long SILENT_MILLIS = 10_000;

  private static final Set<ResultCode> FINAL =
      Set.of(
          ResultCode.SIZE_LIMIT_EXCEEDED,
          ResultCode.TIME_LIMIT_EXCEEDED,
          ResultCode.ADMIN_LIMIT_EXCEEDED,
          ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
          ResultCode.UNAVAILABLE_CRITICAL_EXTENSION,
          ResultCode.UNWILLING_TO_PERFORM);

  /** What is handed on, on the follower's own thread. */
  public interface Listener {
    /** A full refresh begins: forget every entry handed on before. */
    void restarted();

    /** An entry is there, new or changed (perhaps renamed or moved): the directory's id for it. */
    void present(UUID uuid, SearchResultEntry entry);

    /** The entry with this id is gone: deleted, moved out from under the base, or unmatched. */
    void gone(UUID uuid);

    /** The refresh is complete: from now on, changes. */
    void refreshed();
  }

  /**
   * Opens a bound connection of the follower's own, in synchronous mode; gives it back (closed)
   * when done.
   */
  interface Connections {
    LDAPConnection open() throws LDAPException;

    void done(LDAPConnection connection);

    /**
     * The connections read what comes at once until the handle is closed, not a batch at a time
     * ({@link GatheredReads}; every follower of the directory, since they share their sockets'
     * factory): while someone waits for the stream, and while one is opened and refreshed.
     */
    default GatheredReads.Hurry hurry() {
      return GatheredReads.Hurry.NONE;
    }
  }

  private final Connections connections;
  private final Supplier<List<String>> contextCsns;
  private final SearchRequest request;
  private final Listener listener;
  private final String what;
  private final Thread thread;
  private final long silentMillis;
  private final Map<String, String> seen = new HashMap<>();
  private boolean refreshed;
  private volatile boolean closed;
  private volatile LDAPConnection current;

  /**
   * Open while the connection is opened and during a refresh, when the directory sends every entry
   * at once: read as it comes.
   */
  private GatheredReads.Hurry refreshing = GatheredReads.Hurry.NONE;

  private volatile long lastHeard = System.nanoTime();
  private long behindSince;

  /**
   * @param contextCsns reads the {@code contextCSN} values of the naming context now
   * @param silentMillis how long a stream behind the directory may say nothing before it is started
   *     again ({@link #SILENT_MILLIS})
   */
  ContentFollower(
      Connections connections,
      Supplier<List<String>> contextCsns,
      DN base,
      Filter filter,
      List<String> attributes,
      Listener listener,
      long silentMillis) {
    this.connections = connections;
    this.silentMillis = silentMillis;
    this.contextCsns = contextCsns;
    this.listener = listener;
    this.what = filter + " under " + base;
    this.request =
        new SearchRequest(
            new Handler(),
            DnStrings.of(base),
            SearchScope.SUB,
            filter,
            attributes.toArray(String[]::new));
    request.addControl(
        new ContentSyncRequestControl(
            true, ContentSyncRequestMode.REFRESH_AND_PERSIST, null, false));
    request.setResponseTimeoutMillis(0);
    request.setIntermediateResponseListener(this::info);
    this.thread = new Thread(this::run, "content-follower");
    thread.setDaemon(true);
  }

  /** Starts following, on a thread of its own. */
  ContentFollower start() {
    thread.start();
    return this;
  }

  /**
   * True when the refresh is complete and every change the directory had made when this was called
   * has been handed on; waits up to {@code maxWaitMillis} for the stream to catch up. False at once
   * while no refresh is complete (the first one, one after a break, or following stopped); false
   * when the stream does not catch up in time, or the directory cannot be asked or names no last
   * change.
   */
  public boolean awaitCurrent(long maxWaitMillis) {
    long deadline = System.nanoTime() + maxWaitMillis * 1_000_000;
    synchronized (this) {
      if (!refreshed || closed) {
        return false; // still on its first read, between two streams, or stopped: no wait
      }
    }
    List<String> targets;
    try {
      targets = contextCsns.get();
    } catch (DirectoryException e) {
      return false;
    }
    if (targets.isEmpty()) {
      // The last change cannot be read (an ACL, or no change yet): nothing says what is current.
      return false;
    }
    boolean current;
    try (GatheredReads.Hurry hurry = connections.hurry()) {
      current = waitUntil(() -> refreshed && covers(targets), deadline);
    }
    if (current) {
      synchronized (this) {
        behindSince = 0;
      }
      return true;
    }
    restartIfSilent();
    return false;
  }

  /**
   * True while a refresh is complete and the stream goes on; false during the first read, between
   * two streams and once stopped. Does not wait, nor ask the directory.
   */
  public synchronized boolean following() {
    return refreshed && !closed;
  }

  /** Waits until {@code condition} holds (checked under this object's lock) or the deadline. */
  private synchronized boolean waitUntil(BooleanSupplier condition, long deadline) {
    while (!condition.getAsBoolean()) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** True when, for every server id, a change at least as late as the target has come. */
  private boolean covers(List<String> targets) {
    for (String target : targets) {
      String had = seen.get(serverId(target));
      if (had == null || had.compareTo(target) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The server id of a CSN ({@code time#count#sid#mod}); the whole CSN when it has none. */
  private static String serverId(String csn) {
    String[] parts = csn.split("#");
    return parts.length >= 3 ? parts[2] : "";
  }

  /** Notes the CSNs of a cookie ({@code rid=…,csn=A;B}, OpenLDAP's form). */
  private synchronized void cookie(ASN1OctetString cookie) {
    heard();
    if (cookie == null) {
      return;
    }
    for (String part : cookie.stringValue().split(",")) {
      if (!part.startsWith("csn=")) {
        continue; // rid=, sid=, and delcsn= (a deletion's own CSN) say nothing of what is current
      }
      for (String csn : part.substring(4).split(";")) {
        if (!csn.isEmpty()) {
          seen.merge(serverId(csn), csn, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
      }
    }
    notifyAll();
  }

  private void info(IntermediateResponse response) {
    ContentSyncInfoIntermediateResponse info;
    try {
      info = ContentSyncInfoIntermediateResponse.decode(response);
    } catch (LDAPException e) {
      return;
    }
    if (info.getType() == ContentSyncInfoType.SYNC_ID_SET) {
      // Sent to resume from a cookie, which this follower never gives; deletes are applied, and a
      // set of entries still present (which says nothing of the others) is read whole again.
      if (!info.refreshDeletes()) {
        LOG.info("Following {}: the directory sent a set of present ids; reading again", what);
        restartNow();
        return;
      }
      info.getEntryUUIDs().forEach(listener::gone);
    }
    boolean done =
        (info.getType() == ContentSyncInfoType.REFRESH_DELETE
                || info.getType() == ContentSyncInfoType.REFRESH_PRESENT)
            && info.refreshDone();
    if (done) {
      refreshing.close();
      ReadAhead.gatherLongAnswer(false);
      listener.refreshed();
      synchronized (this) {
        refreshed = true;
        notifyAll();
      }
    }
    cookie(info.getCookie());
  }

  private final class Handler implements SearchResultListener {
    private static final long serialVersionUID = 1L;

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      ContentSyncStateControl state;
      try {
        state = ContentSyncStateControl.get(entry);
      } catch (LDAPException e) {
        return;
      }
      if (state == null) {
        return;
      }
      switch (state.getState()) {
        case ADD, MODIFY -> listener.present(state.getEntryUUID(), entry);
        case DELETE -> listener.gone(state.getEntryUUID());
        default -> {}
      }
      cookie(state.getCookie());
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {}
  }

  private void run() {
    long pause = FIRST_PAUSE_MILLIS;
    while (!closed) {
      Thread.interrupted(); // a restart asked for by awaitCurrent is under way
      synchronized (this) {
        refreshed = false;
        seen.clear();
      }
      listener.restarted();
      LDAPConnection connection = null;
      try {
        refreshing = connections.hurry(); // opening and the first read of every entry
        ReadAhead.gatherLongAnswer(true); // the first read is a long answer
        connection = connections.open();
        if (!connection.synchronousMode()) {
          // Without it, the SDK hands intermediate responses (refreshDone, cookies) on before the
          // entries queued ahead of them.
          throw new IllegalStateException("a followed search needs a synchronous-mode connection");
        }
        current = connection;
        if (closed) {
          return;
        }
        heard();
        connection.search(request);
        LOG.warn("Following {} ended: the directory closed the search", what);
      } catch (LDAPException e) {
        if (closed) {
          return;
        }
        if (FINAL.contains(e.getResultCode())) {
          LOG.warn(
              "Not following {}: {} ({}); the first page of a list counts by searching",
              what,
              e.getResultCode().getName(),
              e.getDiagnosticMessage() == null ? e.getMessage() : e.getDiagnosticMessage());
          return;
        }
        LOG.info(
            "Following {} stopped ({}); again in {} s",
            what,
            e.getResultCode().getName(),
            pause / 1000);
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.warn("Following {} failed; again in {} s", what, pause / 1000, e);
      } finally {
        refreshing.close();
        ReadAhead.gatherLongAnswer(false);
        synchronized (this) {
          if (refreshed) {
            pause = FIRST_PAUSE_MILLIS;
          }
          refreshed = false;
          notifyAll();
        }
        current = null;
        if (connection != null) {
          connections.done(connection);
        }
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
      }
      pause = Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
    }
  }

  private void heard() {
    lastHeard = System.nanoTime();
  }

  /**
   * Starts the stream again when it has been behind the directory, without a word from it, for
   * {@code silentMillis}: a connection that died without the directory closing it (a network that
   * drops packets) would otherwise keep it behind for good.
   */
  private synchronized void restartIfSilent() {
    long now = System.nanoTime();
    if (behindSince == 0) {
      behindSince = now;
      return;
    }
    long silent = silentMillis * 1_000_000;
    if (now - behindSince < silent || now - lastHeard < silent) {
      return;
    }
    LOG.info("Following {}: behind and silent for {} ms; starting again", what, silentMillis);
    behindSince = 0;
    heard();
    restartNow();
  }

  /** Ends the current stream; the follower's thread starts again with a full refresh. */
  private void restartNow() {
    LDAPConnection connection = current;
    if (connection != null) {
      connection.close();
    }
    thread.interrupt();
  }

  @Override
  public void close() {
    closed = true;
    restartNow(); // ends the stream; the thread, seeing closed, does not start another
  }
}
