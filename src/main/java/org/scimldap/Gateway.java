package org.scimldap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimldap.cli.Version;
import org.scimldap.config.ConfigException;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.discovery.DiscoveryDocuments;
import org.scimldap.discovery.ServiceLimits;
import org.scimldap.embedded.EmbeddedDirectory;
import org.scimldap.embedded.Secrets;
import org.scimldap.http.ScimServer;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryConnector;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.service.DirectoryCheck;
import org.scimldap.service.ListSnapshots;
import org.scimldap.service.Locations;
import org.scimldap.service.ReferenceMaintainer;
import org.scimldap.service.ReferenceResolver;
import org.scimldap.service.ResourceService;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.SqliteCorrelationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole running gateway, built by hand from its configuration: embedded directory (when no LDAP
 * URL is set), directory pool, correlation store, mapping, services and the HTTP server. Closing it
 * stops them in reverse order.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final List<AutoCloseable> parts;
  private final ScimServer server;
  private final EmbeddedDirectory embedded;

  private Gateway(List<AutoCloseable> parts, ScimServer server, EmbeddedDirectory embedded) {
    this.parts = parts;
    this.server = server;
    this.embedded = embedded;
  }

  /** Starts everything; on failure, what was started is stopped again. */
  public static Gateway start(GatewayConfig config) {
    List<AutoCloseable> parts = new ArrayList<>();
    try {
      LOG.info("{} starting", Version.describe());
      MappingSpec mapping = MappingLoader.load(config.mapping());
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

      List<EntryMapper> mappers = new ArrayList<>();
      for (ResourceMapping rm : mapping.resources()) {
        mappers.add(
            EntryMapper.forBase(
                rm, config.ldap().baseDn(), config.ldap().containers().get(rm.name())));
      }
      parts.add(
          StartupChecks.run(
              new DirectoryCheck(directory, mapping, mappers, config.ldap()),
              StartupChecks.FIRST_RETRY));

      CorrelationStore store = SqliteCorrelationStore.open(config.storePath());
      parts.add(store);
      LOG.info("Correlation store at {}", config.storePath());
      ScimServer server = ScimServer.listen(config.http(), tokens(config));
      parts.add(server);
      String publicBase = config.http().publicBase(server.port());
      server.serve(
          services(mappers, directory, store, publicBase), discovery(config, mapping), publicBase);
      return new Gateway(parts, server, embedded);
    } catch (RuntimeException e) {
      closeAll(parts);
      throw e;
    }
  }

  /** One service per resource type, sharing the parts that work across types. */
  private static List<ResourceService> services(
      List<EntryMapper> mappers, Directory directory, CorrelationStore store, String publicBase) {
    Map<String, String> endpoints = new LinkedHashMap<>();
    mappers.forEach(m -> endpoints.put(m.mapping().name(), m.mapping().schema().endpoint()));
    Locations locations = new Locations(publicBase, endpoints);
    ReferenceResolver resolver = new ReferenceResolver(directory, mappers);
    ReferenceMaintainer references = new ReferenceMaintainer(directory, mappers);
    ListSnapshots snapshots = new ListSnapshots();
    List<ResourceService> services = new ArrayList<>();
    for (EntryMapper m : mappers) {
      services.add(
          new ResourceService(m, directory, store, resolver, references, snapshots, locations));
    }
    return services;
  }

  private static DiscoveryDocuments discovery(GatewayConfig config, MappingSpec mapping) {
    return new DiscoveryDocuments(
        mapping,
        new ServiceLimits(
            config.http().maxResults(),
            config.http().maxBodyBytes(),
            true,
            true,
            false,
            writesPasswords(mapping)));
  }

  /** True when some resource type maps a writable {@code password} (RFC 7643 §5 changePassword). */
  private static boolean writesPasswords(MappingSpec mapping) {
    return mapping.resources().stream()
        .flatMap(r -> r.writeRules().stream())
        .anyMatch(rule -> rule.scim().attribute().name().equalsIgnoreCase("password"));
  }

  private static LdapConfig withUrl(LdapConfig c, String url) {
    return c.withUrls(List.of(url)).withStartTls(false);
  }

  private static List<String> tokens(GatewayConfig config) {
    if (!config.tokens().isEmpty()) {
      LOG.info("SCIM bearer tokens: {} configured", config.tokens().size());
      if (config.tokens().stream().anyMatch(t -> t.length() < 20)) {
        LOG.warn("A configured bearer token is shorter than 20 characters; use a long random one");
      }
      return config.tokens();
    }
    Path file = config.dataDir().resolve("scim-token");
    try {
      String token = Secrets.readOrCreate(file);
      LOG.info(
          "SCIM bearer token is in {} (set GATEWAY_TOKEN or auth.tokens to choose your own)", file);
      return List.of(token);
    } catch (IOException e) {
      throw new ConfigException("Cannot create the token file " + file + ": " + e.getMessage(), e);
    }
  }

  public int httpPort() {
    return server.port();
  }

  /** The embedded directory, when the gateway runs one. */
  public Optional<EmbeddedDirectory> embedded() {
    return Optional.ofNullable(embedded);
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
