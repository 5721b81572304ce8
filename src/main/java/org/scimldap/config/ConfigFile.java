package org.scimldap.config;

import java.util.List;
import java.util.Map;

/** The shape of {@code gateway.yaml}; unknown keys are rejected when it is read. */
record ConfigFile(Http http, Ldap ldap, String dataDir, Store store, String mapping, Auth auth) {

  static ConfigFile empty() {
    return new ConfigFile(null, null, null, null, null, null);
  }

  Http httpOrDefault() {
    return http == null ? new Http(null, null, null, null, null, null) : http;
  }

  Ldap ldapOrDefault() {
    return ldap == null
        ? new Ldap(null, null, null, null, null, null, null, null, null, null, null, null)
        : ldap;
  }

  record Http(
      String host,
      Integer port,
      String basePath,
      String publicUrl,
      Long maxBodyBytes,
      Integer maxResults) {}

  record Embedded(Boolean enabled, Integer port) {}

  record Ldap(
      List<String> urls,
      Boolean startTls,
      String trustStore,
      String trustStorePassword,
      String bindDn,
      String bindPassword,
      String baseDn,
      Map<String, String> containers,
      Integer poolSize,
      Integer connectTimeoutMillis,
      Integer responseTimeoutMillis,
      Embedded embedded) {}

  record Store(String path) {}

  record Auth(List<String> tokens) {}
}
