package org.scimldap.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Bound connections outside the pool that a search kept between pages ({@link KeptPagedSearch})
 * gave back, for the next such search to take instead of connecting and binding again: at most
 * {@link #MAX_IDLE}, the most recently given back first, none idle for longer than {@link
 * #MAX_IDLE_MILLIS} (those are closed when the next is given or taken). One that died meanwhile
 * fails its next search, which closes it.
 */
final class IdleConnections implements AutoCloseable {
  static final int MAX_IDLE = 8;
  static final long MAX_IDLE_MILLIS = 60_000;

  private record Idle(LDAPConnection connection, long since) {}

  private final PooledDirectory.Dedicated opener;
  private final LongSupplier clock;

  /** The most recently given back first. */
  private final Deque<Idle> idle = new ArrayDeque<>();

  private boolean closed;

  IdleConnections(PooledDirectory.Dedicated opener) {
    this(opener, () -> System.nanoTime() / 1_000_000);
  }

  IdleConnections(PooledDirectory.Dedicated opener, LongSupplier clock) {
    this.opener = opener;
    this.clock = clock;
  }

  /** An idle connection, or a new one. */
  LDAPConnection take() throws LDAPException {
    List<LDAPConnection> stale = new ArrayList<>();
    LDAPConnection found;
    synchronized (idle) {
      expire(stale);
      Idle first = idle.pollFirst();
      found = first == null ? null : first.connection();
    }
    stale.forEach(LDAPConnection::close);
    return found != null ? found : opener.open();
  }

  /** Takes back a connection that nothing is left on; closes it when enough are idle. */
  void give(LDAPConnection connection) {
    List<LDAPConnection> stale = new ArrayList<>();
    synchronized (idle) {
      expire(stale);
      if (!closed && connection.isConnected() && idle.size() < MAX_IDLE) {
        idle.addFirst(new Idle(connection, clock.getAsLong()));
        connection = null;
      }
    }
    stale.forEach(LDAPConnection::close);
    if (connection != null) {
      connection.close();
    }
  }

  /** Moves the connections idle for too long to {@code stale}, for closing outside the lock. */
  private void expire(List<LDAPConnection> stale) {
    long now = clock.getAsLong();
    while (!idle.isEmpty() && now - idle.peekLast().since() > MAX_IDLE_MILLIS) {
      stale.add(idle.pollLast().connection());
    }
  }

  /** How many connections are idle now. */
  int size() {
    synchronized (idle) {
      return idle.size();
    }
  }

  @Override
  public void close() {
    synchronized (idle) {
      closed = true;
      idle.forEach(i -> i.connection().close());
      idle.clear();
    }
  }
}
