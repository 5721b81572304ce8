package org.scimldap.ldap;

import com.unboundid.ldap.sdk.BindRequest;
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
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import org.scimldap.config.ConfigException;
import org.scimldap.config.LdapConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the connection pool described by {@link LdapConfig}: {@code ldap://}, {@code ldaps://} or
 * StartTLS, fail-over across URLs, connect and response timeouts, and a health check. The pool is
 * created even when the directory is down; requests then fail with 503 until it is back.
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
    List<String> urls = config.urls();
    if (urls.isEmpty()) {
      throw new ConfigException("ldap.urls is empty and the embedded directory is off");
    }
    try {
      LDAPConnectionOptions options = new LDAPConnectionOptions();
      options.setConnectTimeoutMillis(config.connectTimeoutMillis());
      options.setResponseTimeoutMillis(config.responseTimeoutMillis());
      options.setUseSynchronousMode(false);
      options.setAbandonOnTimeout(true);

      SSLContext sslContext = sslContext(config);
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
      SocketFactory sockets = ldaps ? sslContext.getSocketFactory() : SocketFactory.getDefault();
      FailoverServerSet servers = new FailoverServerSet(hosts, ports, sockets, options);
      if (!ldaps
          && !config.startTls()
          && bindPassword != null
          && !bindPassword.isEmpty()
          && !allLoopback(hosts)) {
        LOG.warn(
            "The bind password goes to {} in clear text: use ldaps:// or ldap.startTls",
            String.join(" ", urls));
      }
      PostConnectProcessor startTls =
          config.startTls() && !ldaps ? new StartTLSPostConnectProcessor(sslContext) : null;
      BindRequest bind =
          bindDn == null || bindDn.isBlank() ? null : new SimpleBindRequest(bindDn, bindPassword);

      LDAPConnectionPool pool =
          new LDAPConnectionPool(servers, bind, 0, config.poolSize(), 1, startTls, false);
      pool.setConnectionPoolName("scim-ldap-gateway");
      pool.setRetryFailedOperationsDueToInvalidConnections(true);
      pool.setCreateIfNecessary(true);
      pool.setMaxWaitTimeMillis(config.connectTimeoutMillis());
      pool.setHealthCheck(
          new GetEntryLDAPConnectionPoolHealthCheck("", 5_000, false, false, true, true, true));
      pool.setHealthCheckIntervalMillis(30_000);

      String description =
          String.join(" ", urls)
              + (startTls != null ? " (StartTLS)" : "")
              + (bind == null ? " anonymously" : " as " + bindDn);
      Capabilities caps = capabilities(pool, description);
      return new PooledDirectory(
          pool,
          description,
          mayPage && caps.pagedResults,
          caps.permissiveModify,
          caps.assertions,
          ldaps || startTls != null);
    } catch (LDAPException e) {
      throw new ConfigException("Invalid LDAP settings: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new ConfigException("Cannot set up TLS for LDAP: " + e.getMessage(), e);
    }
  }

  private static boolean allLoopback(String[] hosts) {
    for (String host : hosts) {
      if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("::1")) {
        return false;
      }
    }
    return true;
  }

  private record Capabilities(boolean pagedResults, boolean permissiveModify, boolean assertions) {}

  private static Capabilities capabilities(LDAPConnectionPool pool, String description) {
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
      LOG.info(
          "Connected to LDAP {} (paged results: {}, permissive modify: {}, assertions: {})",
          description,
          paged,
          permissive,
          assertions);
      pool.releaseConnection(probe);
      return new Capabilities(paged, permissive, assertions);
    } catch (LDAPException e) {
      LOG.warn(
          "LDAP {} is not reachable yet ({}); requests get 503 until it is",
          description,
          e.getResultCode().getName());
      return new Capabilities(true, false, false);
    }
  }

  private static SSLContext sslContext(LdapConfig config) throws GeneralSecurityException {
    if (config.trustStore().isBlank()) {
      return new SSLUtil().createSSLContext();
    }
    char[] pin =
        config.trustStorePassword().isEmpty() ? null : config.trustStorePassword().toCharArray();
    return new SSLUtil(new TrustStoreTrustManager(config.trustStore(), pin, null, true))
        .createSSLContext();
  }
}
