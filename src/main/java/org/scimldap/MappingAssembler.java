package org.scimldap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scimldap.config.ClientConfig;
import org.scimldap.config.GatewayConfig;
import org.scimldap.config.LdapConfig;
import org.scimldap.discovery.DiscoveryDocuments;
import org.scimldap.discovery.ServiceLimits;
import org.scimldap.ldap.Directory;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.service.ListSnapshots;
import org.scimldap.service.Locations;
import org.scimldap.service.ReferenceMaintainer;
import org.scimldap.service.ReferenceResolver;
import org.scimldap.service.ResourceService;
import org.scimldap.store.CorrelationStore;

/**
 * Builds what one mapping determines (the mappers, the services of each resource type with the
 * reference resolver and maintainer they share, the discovery documents) around the parts that do
 * not depend on it and stay the same from one mapping to the next: the directory pool, the
 * correlation store and the list snapshots. Every call builds new objects; nothing is cached.
 */
final class MappingAssembler {
  private final GatewayConfig config;
  private final Directory directory;
  private final CorrelationStore store;
  private final ListSnapshots lists;
  private final String publicBase;

  MappingAssembler(
      GatewayConfig config,
      Directory directory,
      CorrelationStore store,
      ListSnapshots lists,
      String publicBase) {
    this.config = config;
    this.directory = directory;
    this.store = store;
    this.lists = lists;
    this.publicBase = publicBase;
  }

  /** One mapper per resource type, with the containers the configuration sets. */
  static List<EntryMapper> mappers(MappingSpec mapping, LdapConfig ldap) {
    return EntryMapper.forSpec(mapping, ldap.baseDn(), ldap.containers());
  }

  /** One service per resource type, sharing the parts that work across types. */
  List<ResourceService> services(List<EntryMapper> mappers) {
    Map<String, String> endpoints = new LinkedHashMap<>();
    mappers.forEach(m -> endpoints.put(m.mapping().name(), m.mapping().schema().endpoint()));
    Locations locations = new Locations(publicBase, endpoints);
    ReferenceResolver resolver = new ReferenceResolver(directory, mappers, lists);
    ReferenceMaintainer references = new ReferenceMaintainer(directory, mappers);
    lists.follow(mappers);
    List<ResourceService> services = new ArrayList<>();
    for (EntryMapper m : mappers) {
      services.add(
          new ResourceService(m, directory, store, resolver, references, lists, locations));
    }
    return services;
  }

  /** The discovery documents of a mapping (RFC 7644 §4). */
  DiscoveryDocuments discovery(MappingSpec mapping) {
    return new DiscoveryDocuments(
        mapping,
        new ServiceLimits(
            config.http().maxResults(),
            config.http().maxBodyBytes(),
            true,
            true,
            false,
            writesPasswords(mapping),
            config.auth().clients().stream().anyMatch(ClientConfig::usesBasic)));
  }

  /** Forgets the list snapshots, whose order a new mapping may change. */
  void forgetLists() {
    lists.forgetAll();
  }

  /** True when some resource type maps a writable {@code password} (RFC 7643 §5 changePassword). */
  private static boolean writesPasswords(MappingSpec mapping) {
    return mapping.resources().stream()
        .flatMap(r -> r.writeRules().stream())
        .anyMatch(rule -> rule.scim().attribute().name().equalsIgnoreCase("password"));
  }
}
