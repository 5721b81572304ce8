package org.scimldap.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bound connections outside the pool that a search kept between pages ({@link KeptPagedSearch})
 * gave back, for the next such search to take instead of connecting and binding again: at most
 * {@link #MAX_IDLE}, the most recently given back first. One that died meanwhile fails its next
 * search, which closes it.
 */
final class IdleConnections implements AutoCloseable {
  static final int MAX_IDLE = 8;

  private final PooledDirectory.Dedicated opener;
  private final Deque<LDAPConnection> idle = new ArrayDeque<>();
  private boolean closed;

  IdleConnections(PooledDirectory.Dedicated opener) {
    this.opener = opener;
  }

  /** An idle connection, or a new one. */
  LDAPConnection take() throws LDAPException {
    synchronized (idle) {
      LDAPConnection c = idle.pollFirst();
      if (c != null) {
        return c;
      }
    }
    return opener.open();
  }

  /** Takes back a connection that nothing is left on; closes it when enough are idle. */
  void give(LDAPConnection connection) {
    synchronized (idle) {
      if (!closed && connection.isConnected() && idle.size() < MAX_IDLE) {
        idle.addFirst(connection);
        return;
      }
    }
    connection.close();
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
      idle.forEach(LDAPConnection::close);
      idle.clear();
    }
  }
}
