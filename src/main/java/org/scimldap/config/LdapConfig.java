package org.scimldap.config;

import java.util.List;
import java.util.Map;

/**
 * The directory the gateway writes to: the {@code ldap} section. Copies with one value changed come
 * from the {@code with…} methods.
 *
 * @param urls one or more {@code ldap://} or {@code ldaps://} URLs (RFC 4516), tried in order
 *     (fail-over)
 * @param startTls upgrade plain {@code ldap://} connections with StartTLS (RFC 4511 §4.14)
 * @param caFile path of a PEM file with the CA certificate(s), or the directory's own certificate,
 *     to trust for {@code ldaps://} and StartTLS; empty trusts what the trust store (or the JVM)
 *     trusts. The file must exist and hold at least one certificate.
 * @param verifyHostname whether the host name of each URL must be one the directory's certificate
 *     names (RFC 6125 §6); off only by explicit choice
 * @param trustStore path of a PKCS#12/JKS trust store for the directory's certificate; empty uses
 *     the JVM's default trust
 * @param trustStorePassword password of the trust store
 * @param bindDn DN the gateway binds as (Active Directory also takes {@code user@domain} or {@code
 *     DOMAIN} backslash {@code user}); empty for an anonymous bind
 * @param bindPassword its password (from the environment, never committed)
 * @param baseDn suffix that {@code {baseDn}} in mapping files stands for
 * @param containers per resource type ({@code User}, {@code Group}), the DN new entries go under;
 *     overrides the mapping file's {@code container}
 * @param poolSize maximum pooled connections
 * @param connectTimeoutMillis connect timeout
 * @param responseTimeoutMillis per-operation timeout
 * @param maxConnectionAgeMillis how long a pooled connection is used before it is replaced by one
 *     to the first URL that answers: after a fail-over, the gateway is back on the first server
 *     within this time
 * @param embedded the embedded directory settings
 */
public record LdapConfig(
    List<String> urls,
    boolean startTls,
    String caFile,
    boolean verifyHostname,
    String trustStore,
    String trustStorePassword,
    String bindDn,
    String bindPassword,
    String baseDn,
    Map<String, String> containers,
    int poolSize,
    int connectTimeoutMillis,
    int responseTimeoutMillis,
    long maxConnectionAgeMillis,
    EmbeddedConfig embedded) {

  public LdapConfig {
    Checks.present("ldap.urls", urls);
    for (int i = 0; i < urls.size(); i++) {
      Checks.ldapUrl("ldap.urls[" + i + "]", urls.get(i));
    }
    urls = List.copyOf(urls);
    Checks.certificateFile("ldap.caFile", caFile);
    Checks.present("ldap.trustStore", trustStore);
    Checks.present("ldap.trustStorePassword", trustStorePassword);
    if (Checks.present("ldap.bindDn", bindDn).contains("=")) {
      Checks.dn("ldap.bindDn", bindDn);
    }
    Checks.present("ldap.bindPassword", bindPassword);
    Checks.dn("ldap.baseDn", Checks.text("ldap.baseDn", baseDn));
    Checks.present("ldap.containers", containers)
        .forEach((type, dn) -> Checks.dn("ldap.containers." + type, dn));
    containers = Map.copyOf(containers);
    Checks.positive("ldap.poolSize", poolSize);
    Checks.positive("ldap.connectTimeoutMillis", connectTimeoutMillis);
    Checks.positive("ldap.responseTimeoutMillis", responseTimeoutMillis);
    Checks.positive("ldap.maxConnectionAgeMillis", maxConnectionAgeMillis);
    Checks.present("ldap.embedded", embedded);
  }

  /** True when the gateway starts and uses its own in-memory directory: no URL, and enabled. */
  public boolean usesEmbedded() {
    return urls.isEmpty() && embedded.enabled();
  }

  /** This configuration with other directory URLs. */
  public LdapConfig withUrls(List<String> urls) {
    return new LdapConfig(
        urls,
        startTls,
        caFile,
        verifyHostname,
        trustStore,
        trustStorePassword,
        bindDn,
        bindPassword,
        baseDn,
        containers,
        poolSize,
        connectTimeoutMillis,
        responseTimeoutMillis,
        maxConnectionAgeMillis,
        embedded);
  }

  /** This configuration with StartTLS on or off. */
  public LdapConfig withStartTls(boolean startTls) {
    return new LdapConfig(
        urls,
        startTls,
        caFile,
        verifyHostname,
        trustStore,
        trustStorePassword,
        bindDn,
        bindPassword,
        baseDn,
        containers,
        poolSize,
        connectTimeoutMillis,
        responseTimeoutMillis,
        maxConnectionAgeMillis,
        embedded);
  }

  /** This configuration with another connection pool size. */
  public LdapConfig withPoolSize(int poolSize) {
    return new LdapConfig(
        urls,
        startTls,
        caFile,
        verifyHostname,
        trustStore,
        trustStorePassword,
        bindDn,
        bindPassword,
        baseDn,
        containers,
        poolSize,
        connectTimeoutMillis,
        responseTimeoutMillis,
        maxConnectionAgeMillis,
        embedded);
  }

  /** Shows where and as whom the gateway connects, never a password. */
  @Override
  public String toString() {
    return "LdapConfig[urls="
        + urls
        + ", startTls="
        + startTls
        + ", caFile="
        + caFile
        + ", verifyHostname="
        + verifyHostname
        + ", bindDn="
        + bindDn
        + ", baseDn="
        + baseDn
        + ", embedded="
        + embedded
        + "]";
  }
}
