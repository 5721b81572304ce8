package org.scimldap.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.GetEntryLDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.ldap.sdk.controls.AssertionRequestControl;
import com.unboundid.ldap.sdk.controls.PermissiveModifyRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadRequestControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.List;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import org.scimldap.config.ConfigException;
import org.scimldap.config.LdapConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the connection pool described by {@link LdapConfig}: {@code ldap://}, {@code ldaps://} or
 * StartTLS, fail-over across URLs (connections age out after {@link #MAX_CONNECTION_AGE_MILLIS}, so
 * that they return to the first URL), connect and response timeouts, and a health check. TLS trusts
 * what {@link DirectoryTrust} says and checks the host name of each URL against the certificate
 * ({@link TlsVerifier}). The pool is created even when the directory is down; requests then fail
 * with 503 until it is back. A directory that answers but cannot be used as configured (its
 * certificate or the bind refused) stops the connect with a {@link DirectoryUnusableException}.
 */
public final class DirectoryConnector {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryConnector.class);

  private DirectoryConnector() {}

  /** Connects with the given bind DN and password (overriding the configured ones when set). */
  public static Directory connect(LdapConfig config, String bindDn, String bindPassword) {
    return connect(config, bindDn, bindPassword, true);
  }

  /**
   * As {@link #connect(LdapConfig, String, String)}; with {@code mayPage} false, searches never use
   * Simple Paged Results (for a directory without a size limit whose paging costs more than it
   * saves, like the embedded one, which walks the result from its start for every page).
   */
  public static Directory connect(
      LdapConfig config, String bindDn, String bindPassword, boolean mayPage) {
    try {
      Endpoints endpoints = Endpoints.of(config.urls());
      boolean startTls = config.startTls() && !endpoints.ldaps();
      boolean encrypted = endpoints.ldaps() || startTls;
      SSLContext tls = encrypted ? DirectoryTrust.context(config) : null;
      SocketFactory sockets =
          endpoints.ldaps() ? tls.getSocketFactory() : new WrappedInputSockets(ReadAhead::new);
      ResponseControls.register();
      LDAPConnectionOptions options = options(config, endpoints, encrypted);
      FailoverServerSet servers =
          new FailoverServerSet(endpoints.hosts(), endpoints.ports(), sockets, options);
      // Following changes reads them a batch at a time where the sockets are plain (StartTLS
      // included).
      GatheredReads gathered = new GatheredReads();
      FailoverServerSet followed =
          endpoints.ldaps()
              ? servers
              : new FailoverServerSet(
                  endpoints.hosts(), endpoints.ports(), gathered.sockets(), options);
      if (!encrypted
          && bindPassword != null
          && !bindPassword.isEmpty()
          && !allLoopback(endpoints.hosts())) {
        LOG.warn(
            "The bind password goes to {} in clear text: use ldaps:// or"
                + " GATEWAY_LDAP_STARTTLS=true (ldap.startTls)",
            String.join(" ", config.urls()));
      }
      BindRequest bind =
          bindDn == null || bindDn.isBlank() ? null : new SimpleBindRequest(bindDn, bindPassword);
      PostConnectProcessor setUp =
          DirectReads.afterConnect(startTls ? new StartTLSPostConnectProcessor(tls) : null);
      LDAPConnectionPool pool = pool(config, servers, bind, setUp);

      String where = String.join(" ", config.urls()) + (startTls ? " (StartTLS)" : "");
      String boundAs = bind == null ? "" : bindDn;
      Capabilities caps = capabilities(pool, where, boundAs, encrypted);
      return new PooledDirectory(
          pool,
          new PooledCalls(
              pool,
              config.poolSize(),
              config.responseTimeoutMillis(),
              config.connectTimeoutMillis()),
          where + (bind == null ? " anonymously" : " as " + bindDn),
          boundAs,
          mayPage && caps.pagedResults,
          caps.permissiveModify,
          caps.assertions,
          caps.postRead,
          encrypted,
          caps.followable,
          () -> dedicated(followed, bind, setUp),
          () -> dedicated(servers, bind, setUp),
          gathered);
    } catch (LDAPException e) {
      throw new ConfigException("Invalid LDAP settings: " + e.getMessage(), e);
    }
  }

  /** The hosts and ports of the URLs, and whether they are {@code ldaps://} (all or none). */
  private record Endpoints(String[] hosts, int[] ports, boolean ldaps) {
    static Endpoints of(List<String> urls) throws LDAPException {
      if (urls.isEmpty()) {
        throw new ConfigException("ldap.urls is empty and the embedded directory is off");
      }
      String[] hosts = new String[urls.size()];
      int[] ports = new int[urls.size()];
      boolean ldaps = false;
      for (int i = 0; i < urls.size(); i++) {
        LDAPURL url = new LDAPURL(urls.get(i));
        hosts[i] = url.getHost();
        ports[i] = url.getPort();
        boolean secure = "ldaps".equalsIgnoreCase(url.getScheme());
        if (i > 0 && secure != ldaps) {
          throw new ConfigException("ldap.urls must all be ldap:// or all ldaps://");
        }
        ldaps = secure;
      }
      return new Endpoints(hosts, ports, ldaps);
    }
  }

  private static LDAPConnectionOptions options(
      LdapConfig config, Endpoints endpoints, boolean encrypted) {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis(config.connectTimeoutMillis());
    options.setResponseTimeoutMillis(config.responseTimeoutMillis());
    // A pooled connection serves one request at a time: the thread that sends reads the answer
    // itself, without a reader thread to hand it over (a request that times out leaves the
    // connection, which the pool then replaces).
    options.setUseSynchronousMode(true);
    if (encrypted) {
      options.setSSLSocketVerifier(
          new TlsVerifier(
              endpoints.ldaps(), config.verifyHostname(), config.connectTimeoutMillis()));
      if (!config.verifyHostname()) {
        LOG.warn(
            "The host names of {} are not checked against the directory's certificate"
                + " (ldap.verifyHostname: false): any certificate the gateway trusts is taken"
                + " for the directory's",
            String.join(" ", config.urls()));
      }
    }
    return options;
  }

  /** The pool, empty at first: a directory that is down does not keep the gateway from starting. */
  private static LDAPConnectionPool pool(
      LdapConfig config, FailoverServerSet servers, BindRequest bind, PostConnectProcessor setUp)
      throws LDAPException {
    LDAPConnectionPool pool =
        new LDAPConnectionPool(servers, bind, 0, config.poolSize(), 1, setUp, false);
    pool.setConnectionPoolName("scim-ldap-gateway");
    pool.setRetryFailedOperationsDueToInvalidConnections(true);
    // PooledCalls lets no more operations run at once than the pool has connections, and says so
    // when they are all busy; one made while its thread already holds a connection (values read in
    // slices during a paged search) gets a connection of its own at once.
    pool.setCreateIfNecessary(true);
    pool.setMaxWaitTimeMillis(0);
    // After a fail-over, connections go back to the first URL that answers as they age out.
    pool.setMaxConnectionAgeMillis(config.maxConnectionAgeMillis());
    pool.setCheckConnectionAgeOnRelease(true);
    // Connections are checked in the background, not on every checkout and release (that would
    // double the round trips of every operation); one found dead by an operation is replaced and
    // the operation sent once more (PooledCalls).
    pool.setHealthCheck(
        new GetEntryLDAPConnectionPoolHealthCheck("", 5_000, false, false, false, false, true));
    pool.setHealthCheckIntervalMillis(30_000);
    return pool;
  }

  private static boolean allLoopback(String[] hosts) {
    for (String host : hosts) {
      if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("::1")) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param followable the naming contexts whose entries may be followed (content synchronization,
   *     RFC 4533); empty when the directory does not offer it, null when it could not be asked
   */
  private record Capabilities(
      boolean pagedResults,
      boolean permissiveModify,
      boolean assertions,
      boolean postRead,
      List<DN> followable) {}

  /**
   * Opens a first connection and reads the root DSE for what the directory offers. A directory that
   * cannot be reached yet is taken to offer paging and nothing else until it can; one that answers
   * but cannot be used as configured (TLS, bind) stops here.
   *
   * @throws DirectoryUnusableException when the certificate, TLS or the bind is refused
   */
  private static Capabilities capabilities(
      LDAPConnectionPool pool, String where, String bindDn, boolean encrypted) {
    try {
      LDAPConnection probe = pool.getConnection();
      RootDSE dse;
      try {
        dse = probe.getRootDSE();
      } catch (LDAPException e) {
        pool.releaseDefunctConnection(probe);
        throw e;
      }
      boolean paged =
          dse == null || dse.supportsControl(SimplePagedResultsControl.PAGED_RESULTS_OID);
      boolean permissive =
          dse != null
              && dse.supportsControl(PermissiveModifyRequestControl.PERMISSIVE_MODIFY_REQUEST_OID);
      boolean assertions =
          dse != null && dse.supportsControl(AssertionRequestControl.ASSERTION_REQUEST_OID);
      boolean postRead =
          dse != null && dse.supportsControl(PostReadRequestControl.POST_READ_REQUEST_OID);
      List<DN> followable = dse == null ? List.of() : FollowableContexts.of(dse);
      LOG.info(
          "Connected to LDAP {}{} (paged results: {}, permissive modify: {}, assertions: {},"
              + " post-read: {}, content sync: {})",
          where,
          bindDn.isEmpty() ? " anonymously" : " as " + bindDn,
          paged,
          permissive,
          assertions,
          postRead,
          !followable.isEmpty());
      pool.releaseConnection(probe);
      return new Capabilities(paged, permissive, assertions, postRead, followable);
    } catch (LDAPException e) {
      Optional<String> problem = ConnectFailures.settingsProblem(e, bindDn, encrypted);
      if (problem.isPresent()) {
        pool.close();
        throw new DirectoryUnusableException("LDAP " + where + ": " + problem.get(), e);
      }
      LOG.warn(
          "LDAP {} is not reachable yet ({}: {}); requests get 503 until it is",
          where,
          e.getResultCode().getName(),
          rootCause(e));
      return new Capabilities(true, false, false, false, null);
    }
  }

  /**
   * A connection outside the pool, opened, upgraded and bound as the pool's are (its options too:
   * synchronous mode, timeouts, TLS checks): for a search that lasts, such as following the
   * directory's changes (its sockets reading a batch at a time) or one kept between pages, which
   * must not take one of the pool's.
   */
  private static LDAPConnection dedicated(
      FailoverServerSet servers, BindRequest bind, PostConnectProcessor setUp)
      throws LDAPException {
    LDAPConnection connection = servers.getConnection();
    try {
      setUp.processPreAuthenticatedConnection(connection);
      if (bind != null) {
        connection.bind(bind.duplicate());
      }
      setUp.processPostAuthenticatedConnection(connection);
      return connection;
    } catch (LDAPException e) {
      connection.close();
      throw e;
    }
  }

  /** The message of the innermost cause: what the network or the server said, without wrappers. */
  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root instanceof LDAPException ? root.getMessage() : root.toString();
  }
}
