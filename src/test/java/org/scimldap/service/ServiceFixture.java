package org.scimldap.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.embedded.EmbeddedDirectory;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryConnector;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.SqliteCorrelationStore;

/**
 * The service layer over an embedded directory and a real store, with hooks to wrap the directory
 * and the store (to make them fail or to count what they are asked).
 */
final class ServiceFixture implements AutoCloseable {
  final EmbeddedDirectory embedded;
  private final Directory realDirectory;
  private final CorrelationStore realStore;
  final Directory directory;
  final CorrelationStore store;
  final ResourceService users;
  final ResourceService groups;

  ServiceFixture(
      Path data,
      UnaryOperator<Directory> wrapDirectory,
      UnaryOperator<CorrelationStore> wrapStore) {
    embedded = EmbeddedDirectory.start(data, "dc=example,dc=com", 0);
    LdapConfig ldap =
        GatewayConfig.defaults().ldap().withUrls(List.of(embedded.url())).withPoolSize(2);
    realDirectory =
        DirectoryConnector.connect(ldap, embedded.adminDn().toString(), embedded.adminPassword());
    directory = wrapDirectory.apply(realDirectory);
    realStore = SqliteCorrelationStore.open(data.resolve("gateway.db"));
    store = wrapStore.apply(realStore);
    List<EntryMapper> mappers =
        MappingLoader.load("mappings/openldap.yaml").resources().stream()
            .map(r -> EntryMapper.forBase(r, "dc=example,dc=com", null))
            .toList();
    Locations locations =
        new Locations(
            "http://test",
            Map.of(
                "User", mappers.get(0).mapping().schema().endpoint(),
                "Group", mappers.get(1).mapping().schema().endpoint()));
    ReferenceResolver resolver = new ReferenceResolver(directory, mappers);
    ReferenceMaintainer references = new ReferenceMaintainer(directory, mappers);
    ListSnapshots snapshots = new ListSnapshots();
    users =
        new ResourceService(
            mappers.get(0), directory, store, resolver, references, snapshots, locations);
    groups =
        new ResourceService(
            mappers.get(1), directory, store, resolver, references, snapshots, locations);
  }

  @Override
  public void close() {
    realStore.close();
    realDirectory.close();
    embedded.close();
  }
}
