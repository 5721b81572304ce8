package org.scimldap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimldap.cli.CommandLine;
import org.scimldap.cli.Version;
import org.scimldap.config.AuthConfig;
import org.scimldap.config.ConfigException;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.config.Loopback;
import org.scimldap.embedded.EmbeddedDirectory;
import org.scimldap.embedded.Secrets;
import org.scimldap.http.ScimServer;
import org.scimldap.http.auth.Authenticator;
import org.scimldap.http.auth.FailureThrottle;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryConnector;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.ops.AuditTrail;
import org.scimldap.ops.GatewayMetrics;
import org.scimldap.ops.Readiness;
import org.scimldap.service.DirectoryCheck;
import org.scimldap.service.ListSnapshots;
import org.scimldap.service.RecentRows;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.SqliteCorrelationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole running gateway, built by hand from its configuration: embedded directory (when no LDAP
 * URL is set), directory pool, correlation store, mapping, services and the HTTP server. Closing it
 * stops them in reverse order.
 *
 * <p>A mapping that is a file (not a bundled preset) is watched while {@code reloadMapping} is on:
 * each valid new version is served in place of the old one ({@link MappingReloader}), with the same
 * directory pool, store and list snapshots.
 */
public final class Gateway implements CommandLine.Running {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);
  private static final String ENVIRONMENT_CLIENT = "GATEWAY_TOKEN";
  private static final String GENERATED_CLIENT = "generated-token";

  private final List<AutoCloseable> parts;
  private final ScimServer server;
  private final EmbeddedDirectory embedded;
  private final RecentRows rows;

  private Gateway(
      List<AutoCloseable> parts, ScimServer server, EmbeddedDirectory embedded, RecentRows rows) {
    this.parts = parts;
    this.server = server;
    this.embedded = embedded;
    this.rows = rows;
  }

  /** Starts everything; on failure, what was started is stopped again. */
  public static Gateway start(GatewayConfig config) {
    List<AutoCloseable> parts = new ArrayList<>();
    try {
      LOG.info("{} starting", Version.describe());
      Authenticator auth = authenticator(config);
      FirstMapping first = FirstMapping.read(config);
      MappingSpec mapping = first.spec();
      LOG.info(
          "Mapping {} loaded: {}",
          mapping.source(),
          mapping.resources().stream().map(ResourceMapping::name).toList());

      EmbeddedDirectory embedded = null;
      Directory directory;
      if (config.ldap().usesEmbedded()) {
        embedded =
            EmbeddedDirectory.start(
                config.dataDir(), config.ldap().baseDn(), config.ldap().embedded().port());
        parts.add(embedded);
        LOG.info(
            "Embedded directory {} for {} (anonymous read on loopback; admin bind {}, password in {})",
            embedded.url(),
            config.ldap().baseDn(),
            embedded.adminDn(),
            embedded.adminPasswordFile());
        LdapConfig ldap = withUrl(config.ldap(), embedded.url());
        directory =
            DirectoryConnector.connect(
                ldap, embedded.adminDn().toString(), embedded.adminPassword(), false);
      } else {
        directory =
            DirectoryConnector.connect(
                config.ldap(), config.ldap().bindDn(), config.ldap().bindPassword());
      }
      parts.add(directory);
      Operations operations = Operations.open(config, parts);
      directory = operations.observed(directory);

      List<EntryMapper> mappers = MappingAssembler.mappers(mapping, config.ldap());
      StartupChecks checks =
          StartupChecks.run(
              new DirectoryCheck(directory, mapping, mappers, config.ldap()),
              StartupChecks.FIRST_RETRY);
      parts.add(checks);

      RecentRows store =
          new RecentRows(
              operations.metrics().metered(SqliteCorrelationStore.open(config.storePath())));
      parts.add(store);
      LOG.info("Correlation store at {}", config.storePath());
      ScimServer server = ScimServer.listen(config.http(), auth);
      parts.add(server);
      if (!config.http().tls().enabled() && !Loopback.is(config.http().host())) {
        LOG.warn(
            "Plain HTTP on {} (http.allowPlainHttp): tokens and passwords cross the network in"
                + " clear unless a TLS-terminating proxy is in front",
            config.http().host());
      }
      operations.serve(server, directory, store);
      String publicBase = config.http().publicBase(server.port());
      ListSnapshots lists = new ListSnapshots(directory);
      parts.add(lists);
      operations.metrics().followedEntries(lists::followedEntries);
      MappingAssembler assembler =
          new MappingAssembler(config, directory, store, lists, publicBase);
      server.serve(assembler.services(mappers), assembler.discovery(mapping), publicBase);
      if (first.watcher() != null) {
        MappingReloader reloader =
            new MappingReloader(
                config.mapping(),
                config.ldap(),
                directory,
                assembler,
                server,
                first.text(),
                checks);
        parts.add(reloader);
        first.watcher().start(first.content(), reloader::reload);
        parts.add(first.watcher());
        LOG.info(
            "Watching {} for changes; a valid new version is served without a restart"
                + " (reloadMapping: false turns this off)",
            config.mapping());
      }
      return new Gateway(parts, server, embedded, store);
    } catch (RuntimeException e) {
      closeAll(parts);
      throw e;
    }
  }

  /**
   * The mapping the gateway starts with. A file that is to be reloaded is read here rather than by
   * the loader, after its watcher has taken the file's state (so that no save is missed), and its
   * text is kept to compare later versions with; otherwise (a bundled preset, or reloading off)
   * {@code watcher}, {@code content} and {@code text} are null.
   */
  private record FirstMapping(
      MappingSpec spec, MappingFileWatcher watcher, byte[] content, String text) {
    static FirstMapping read(GatewayConfig config) {
      Path file = Path.of(config.mapping());
      if (!config.reloadMapping() || !Files.isRegularFile(file)) {
        return new FirstMapping(MappingLoader.load(config.mapping()), null, null, null);
      }
      MappingFileWatcher watcher = new MappingFileWatcher(file, WATCH_INTERVAL);
      byte[] content = MappingReloader.read(file);
      String text = MappingReloader.text(file, content);
      MappingSpec spec = MappingLoader.check(config.mapping(), text).orElseThrow();
      return new FirstMapping(spec, watcher, content, text);
    }
  }

  /** Metrics and the audit log, around the directory and the store, and served by the server. */
  private record Operations(GatewayMetrics metrics, AuditTrail audit) {
    static Operations open(GatewayConfig config, List<AutoCloseable> parts) {
      GatewayMetrics metrics = new GatewayMetrics();
      parts.add(metrics);
      AuditTrail audit = AuditTrail.open(config.auditLogPath());
      parts.add(audit);
      LOG.info("Audit log at {}", config.auditLogPath());
      return new Operations(metrics, audit);
    }

    /** The directory with its operations timed and its writes audited. */
    Directory observed(Directory directory) {
      return audit.audited(metrics.metered(directory));
    }

    void serve(ScimServer server, Directory directory, CorrelationStore store) {
      server.operate(new Readiness(directory, store, server::serving), metrics, audit);
    }
  }

  private static LdapConfig withUrl(LdapConfig c, String url) {
    return c.withUrls(List.of(url)).withStartTls(false);
  }

  /**
   * Who may call the SCIM endpoint: the configured clients, {@code GATEWAY_TOKEN} as one more
   * client with every right, and OAuth JWTs. Only when none of these is configured and the
   * directory is the embedded default, a token is generated (once, kept in the data folder) for a
   * client with every right; on a real directory, nothing configured is a start-up error.
   */
  private static Authenticator authenticator(GatewayConfig config) {
    AuthConfig auth = config.auth();
    Map<String, String> plain = new LinkedHashMap<>();
    if (!auth.environmentToken().isEmpty()) {
      plain.put(ENVIRONMENT_CLIENT, auth.environmentToken());
    }
    if (!auth.configured()) {
      if (!config.ldap().usesEmbedded()) {
        throw new ConfigException(
            "No client can call the gateway: configure auth.clients, GATEWAY_TOKEN or"
                + " auth.oauth (a token is generated only for the embedded default directory)");
      }
      plain.put(GENERATED_CLIENT, generatedToken(config));
    }
    LOG.info(
        "SCIM clients: {}{}{}",
        auth.clients().stream().map(c -> c.name()).toList(),
        plain.isEmpty() ? "" : " and " + plain.keySet(),
        auth.oauth().enabled() ? ", and OAuth tokens from " + auth.oauth().issuer() : "");
    return Authenticator.of(auth, plain, FailureThrottle.standard());
  }

  private static String generatedToken(GatewayConfig config) {
    Path file = config.dataDir().resolve("scim-token");
    try {
      String token = Secrets.readOrCreate(file);
      LOG.info(
          "SCIM bearer token is in {} (set GATEWAY_TOKEN or auth.clients to choose your own)",
          file);
      return token;
    } catch (IOException e) {
      throw new ConfigException("Cannot create the token file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int httpPort() {
    return server.port();
  }

  /** The embedded directory, when the gateway runs one. */
  public Optional<EmbeddedDirectory> embedded() {
    return Optional.ofNullable(embedded);
  }

  /**
   * Forgets the correlation rows the gateway keeps in memory ({@link RecentRows}), so that it reads
   * them from the store again: for after the store file was changed while the gateway runs.
   */
  public void forgetStoreRows() {
    rows.forgetAll();
  }

  @Override
  public void close() {
    closeAll(parts);
  }

  private static void closeAll(List<AutoCloseable> parts) {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        LOG.warn(
            "Error while stopping {}: {}", parts.get(i).getClass().getSimpleName(), e.getMessage());
      }
    }
    parts.clear();
  }
}
