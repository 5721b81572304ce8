package org.scimldap.testsupport;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.scimldap.embedded.EmbeddedSchema;

/**
 * An in-memory directory for the OpenLDAP preset (base entries, people and groups) on a free
 * loopback port, bound as {@code cn=admin,dc=example,dc=com} / {@code secret}, that a test can
 * freeze: while frozen, every search, add and modify it receives (or only every modify, or every
 * delete) waits until it is thawed (or 60 s pass), like a directory that accepts connections but
 * stops answering.
 */
public final class FreezableDirectory implements AutoCloseable {
  public static final String ADMIN_DN = "cn=admin,dc=example,dc=com";
  public static final String PASSWORD = "secret";

  private final InMemoryDirectoryServer server;
  private volatile CountDownLatch thawed = new CountDownLatch(0);
  private volatile CountDownLatch modifiesThawed = new CountDownLatch(0);
  private volatile CountDownLatch deletesThawed = new CountDownLatch(0);
  private final Semaphore held = new Semaphore(0);

  private FreezableDirectory(InMemoryDirectoryServer server) {
    this.server = server;
  }

  /** Starts listening on a free port. */
  public static FreezableDirectory start() throws LDAPException, LDIFException {
    return start(0);
  }

  /** Starts listening on {@code port} (0 for a free one). */
  public static FreezableDirectory start(int port) throws LDAPException, LDIFException {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.addAdditionalBindCredentials(ADMIN_DN, PASSWORD);
    config.setSchema(EmbeddedSchema.schema());
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig(
            "test", InetAddress.getLoopbackAddress(), port, null));
    FreezableDirectory[] self = new FreezableDirectory[1];
    config.addInMemoryOperationInterceptor(
        new InMemoryOperationInterceptor() {
          @Override
          public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
            self[0].holdWhileFrozen();
          }

          @Override
          public void processAddRequest(InMemoryInterceptedAddRequest request) {
            self[0].holdWhileFrozen();
          }

          @Override
          public void processDeleteRequest(InMemoryInterceptedDeleteRequest request) {
            self[0].hold(self[0].deletesThawed);
          }

          @Override
          public void processModifyRequest(InMemoryInterceptedModifyRequest request) {
            self[0].holdWhileFrozen();
            self[0].hold(self[0].modifiesThawed);
          }
        });
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    self[0] = new FreezableDirectory(server);
    server.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
    server.add("dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
    server.add("dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
    server.startListening();
    return self[0];
  }

  private void holdWhileFrozen() {
    hold(thawed);
  }

  private void hold(CountDownLatch latch) {
    if (latch.getCount() == 0) {
      return;
    }
    held.release();
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** From now on, requests wait until {@link #thaw()}. */
  public void freeze() {
    thawed = new CountDownLatch(1);
  }

  /** From now on, modify requests (only) wait until {@link #thaw()}. */
  public void freezeModifies() {
    modifiesThawed = new CountDownLatch(1);
  }

  /** From now on, delete requests (only) wait until {@link #thaw()}. */
  public void freezeDeletes() {
    deletesThawed = new CountDownLatch(1);
  }

  /** Lets every waiting request go on, and answers the next ones at once. */
  public void thaw() {
    thawed.countDown();
    modifiesThawed.countDown();
    deletesThawed.countDown();
  }

  /** Waits until a request has been held by the freeze; false after 30 s without one. */
  public boolean awaitHeldRequest() throws InterruptedException {
    return held.tryAcquire(30, TimeUnit.SECONDS);
  }

  public String url() {
    return "ldap://127.0.0.1:" + server.getListenPort();
  }

  public int port() {
    return server.getListenPort();
  }

  public InMemoryDirectoryServer server() {
    return server;
  }

  /** The whole directory as LDIF, in a stable order, to compare before and after. */
  public String ldif() throws LDAPException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server.exportToLDIF(new com.unboundid.ldif.LDIFWriter(out), false, false, true);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    thaw();
    server.shutDown(true);
  }
}
