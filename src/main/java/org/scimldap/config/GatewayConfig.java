package org.scimldap.config;

import java.nio.file.Path;

/**
 * The whole typed configuration, in the shape of {@code config/gateway.yaml}, validated when built.
 * {@link ConfigLoader} binds the file and the environment into it; {@link #defaults()} is what it
 * gives when nothing is set.
 *
 * @param http SCIM endpoint settings
 * @param auth who may call the SCIM endpoint
 * @param dataDir folder for the correlation store, the embedded directory's LDIF and generated
 *     secrets
 * @param store correlation store settings
 * @param auditLog the audit log (JSON Lines, one line per SCIM write), relative to {@code dataDir}
 *     unless absolute
 * @param mapping mapping file path (or a name of a bundled preset such as {@code openldap.yaml})
 * @param reloadMapping whether a mapping file (not a bundled preset) is read again when it changes
 *     on disk, and served once it is valid, without a restart
 * @param ldap directory settings
 */
public record GatewayConfig(
    HttpConfig http,
    AuthConfig auth,
    Path dataDir,
    StoreConfig store,
    Path auditLog,
    String mapping,
    boolean reloadMapping,
    LdapConfig ldap) {

  public GatewayConfig {
    Checks.present("http", http);
    Checks.present("auth", auth);
    Checks.present("dataDir", dataDir);
    Checks.present("store", store);
    Checks.present("auditLog", auditLog);
    Checks.text("mapping", mapping);
    Checks.present("ldap", ldap);
  }

  /** The configuration with no file and no environment: every key at its documented default. */
  public static GatewayConfig defaults() {
    return ConfigBinder.bind(ConfigDefaults.tree(), new ValueSources("the built-in defaults"));
  }

  /** SQLite file of the correlation store: {@code store.path} resolved against the data folder. */
  public Path storePath() {
    return dataDir.resolve(store.path());
  }

  /** The audit log file: {@code auditLog} resolved against the data folder. */
  public Path auditLogPath() {
    return dataDir.resolve(auditLog);
  }
}
