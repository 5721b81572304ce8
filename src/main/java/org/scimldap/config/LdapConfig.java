package org.scimldap.config;

import java.util.List;
import java.util.Map;

/**
 * The directory the gateway writes to.
 *
 * @param urls one or more {@code ldap://} or {@code ldaps://} URLs, tried in order (fail-over)
 * @param startTls upgrade plain {@code ldap://} connections with StartTLS
 * @param trustStore path of a PKCS#12/JKS trust store for the directory's certificate; empty uses
 *     the JVM's default trust
 * @param trustStorePassword password of the trust store
 * @param bindDn DN the gateway binds as (Active Directory also takes {@code user@domain} or {@code
 *     DOMAIN} backslash {@code user})
 * @param bindPassword its password (from the environment, never committed)
 * @param baseDn suffix that {@code {baseDn}} in mapping files stands for
 * @param containers per resource type ({@code User}, {@code Group}), the DN new entries go under;
 *     overrides the mapping file's {@code container}
 * @param poolSize maximum pooled connections
 * @param connectTimeoutMillis connect timeout
 * @param responseTimeoutMillis per-operation timeout
 * @param embedded the embedded directory settings
 */
public record LdapConfig(
    List<String> urls,
    boolean startTls,
    String trustStore,
    String trustStorePassword,
    String bindDn,
    String bindPassword,
    String baseDn,
    Map<String, String> containers,
    int poolSize,
    int connectTimeoutMillis,
    int responseTimeoutMillis,
    EmbeddedConfig embedded) {

  public LdapConfig {
    urls = urls == null ? List.of() : List.copyOf(urls);
    containers = containers == null ? Map.of() : Map.copyOf(containers);
    trustStore = trustStore == null ? "" : trustStore;
    trustStorePassword = trustStorePassword == null ? "" : trustStorePassword;
    bindDn = bindDn == null ? "" : bindDn;
    bindPassword = bindPassword == null ? "" : bindPassword;
    baseDn = baseDn == null || baseDn.isBlank() ? "dc=example,dc=com" : baseDn;
    poolSize = poolSize <= 0 ? 10 : poolSize;
    connectTimeoutMillis = connectTimeoutMillis <= 0 ? 5_000 : connectTimeoutMillis;
    responseTimeoutMillis = responseTimeoutMillis <= 0 ? 15_000 : responseTimeoutMillis;
    embedded = embedded == null ? new EmbeddedConfig(true, 1389) : embedded;
    requireDn("ldap.baseDn", baseDn);
    if (bindDn.contains("=")) {
      requireDn("ldap.bindDn", bindDn);
    }
    containers.forEach((type, dn) -> requireDn("ldap.containers." + type, dn));
    if (!urls.isEmpty()) {
      embedded = new EmbeddedConfig(false, embedded.port());
    }
  }

  private static void requireDn(String key, String value) {
    if (!com.unboundid.ldap.sdk.DN.isValidDN(value)) {
      throw new ConfigException(key + " is not a valid DN (RFC 4514): '" + value + "'");
    }
  }

  /** True when the gateway starts and uses its own in-memory directory. */
  public boolean usesEmbedded() {
    return urls.isEmpty() && embedded.enabled();
  }

  @Override
  public String toString() {
    return "LdapConfig[urls="
        + urls
        + ", startTls="
        + startTls
        + ", bindDn="
        + bindDn
        + ", baseDn="
        + baseDn
        + ", embedded="
        + embedded
        + "]";
  }
}
