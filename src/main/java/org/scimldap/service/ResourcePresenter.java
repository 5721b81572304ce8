package org.scimldap.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Entry;
import org.scimldap.mapping.EntryMapper;
import org.scimldap.store.Correlation;
import org.scimldap.store.CorrelationStore;

/**
 * Turns entries into the SCIM resources the gateway answers with: mapped values, {@code $ref}s,
 * {@code meta}.
 */
final class ResourcePresenter {
  private final EntryMapper mapper;
  private final CorrelationStore store;
  private final EntryLocator locator;
  private final Locations locations;

  ResourcePresenter(
      EntryMapper mapper, CorrelationStore store, EntryLocator locator, Locations locations) {
    this.mapper = mapper;
    this.store = store;
    this.locator = locator;
    this.locations = locations;
  }

  /** The store-kept externalId of an entry, when the mapping keeps one there. */
  String externalIdOf(Entry entry) {
    if (!mapper.usesStore()) {
      return null;
    }
    return mapper
        .immutableId(entry)
        .flatMap(store::findById)
        .map(Correlation::externalId)
        .orElse(null);
  }

  ObjectNode present(Entry entry, String externalId, boolean withMembers) {
    String id = mapper.immutableId(entry).orElseThrow();
    ObjectNode resource = mapper.toScim(entry, id, externalId, locator, withMembers);
    if (resource.get("members") instanceof ArrayNode members) {
      for (JsonNode m : members) {
        String type = m.path("type").asText();
        locator
            .endpointOf(type)
            .ifPresent(
                endpoint ->
                    ((ObjectNode) m).put("$ref", locations.of(endpoint, m.path("value").asText())));
      }
    }
    ResourceMeta.put(
        resource,
        mapper.mapping().name(),
        entry,
        locations.of(mapper.mapping().schema().endpoint(), id));
    return resource;
  }
}
