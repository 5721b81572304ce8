package org.scimldap.service;

import org.scimldap.ldap.Entries;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.scimldap.ldap.Directory;
import org.scimldap.mapping.EntryMapper;
import org.scimldap.mapping.FilterTranslator;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.FilterEvaluator;
import org.scimldap.scim.patch.PatchEngine;
import org.scimldap.scim.patch.PatchOperation;
import org.scimldap.scim.schema.ResourceNormalizer;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.store.Correlation;
import org.scimldap.store.CorrelationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The use cases of one resource type (RFC 7644 §3.3–3.6): create, read, list, replace, patch and
 * delete. The only layer that talks to the mapper, the directory and the store together. Results
 * are SCIM resources with {@code meta}; {@code meta.location} is built by {@link Locations}.
 */
public final class ResourceService {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceService.class);

  private final EntryMapper mapper;
  private final Directory directory;
  private final CorrelationStore store;
  private final EntryLocator locator;
  private final ReferenceMaintainer references;
  private final Locations locations;

  public ResourceService(
      EntryMapper mapper,
      Directory directory,
      CorrelationStore store,
      EntryLocator locator,
      ReferenceMaintainer references,
      Locations locations) {
    this.mapper = mapper;
    this.directory = directory;
    this.store = store;
    this.locator = locator;
    this.references = references;
    this.locations = locations;
  }

  public ResourceSchema schema() {
    return mapper.mapping().schema();
  }

  public String name() {
    return mapper.mapping().name();
  }

  /** POST: creates the resource; a taken name is 409 uniqueness, never a second entry. */
  public ObjectNode create(JsonNode body) {
    ObjectNode resource = incoming(body);
    DN dn = mapper.dnFor(resource);
    requireUnique(resource, null);
    Entry entry = mapper.newEntry(resource, locator);
    directory.add(entry);
    Entry added = reread(dn);
    try {
      locator.remember(mapper, added, mapper.storedValue(resource).orElse(null));
    } catch (ScimException e) {
      LOG.error("Store write failed after adding {}; removing the entry so a retry starts clean", dn);
      try {
        directory.delete(dn);
      } catch (ScimException rollback) {
        LOG.error("Could not remove {} after the store failed: {}", dn, rollback.detail());
      }
      throw e;
    }
    LOG.info("Created {} {}", name(), dn);
    return present(added, mapper.storedValue(resource).orElse(null), true);
  }

  /** GET by id. */
  public ObjectNode get(String id, boolean withMembers) {
    EntryLocator.Located located = locate(id, withMembers);
    return present(located.entry(), externalId(located), withMembers);
  }

  /** GET with filter and paging; the LDAP filter does the selecting, in the directory. */
  public ListPage list(ListQuery query) {
    FilterTranslator.Translation translation =
        query.filter() == null
            ? new FilterTranslator.Translation(mapper.mapping().entryFilter(), true)
            : translator().translate(query.filter());
    boolean postFilter = !translation.exact();
    boolean fetchMembers = query.withMembers() || postFilter;
    List<Entry> entries = new ArrayList<>();
    directory.search(
        mapper.searchBase(), SearchScope.SUB, translation.ldap(),
        mapper.attributesToFetch(fetchMembers && postFilter), entries::add);
    entries.removeIf(e -> mapper.immutableId(e).isEmpty());
    entries.sort(Comparator.comparing(e -> Entries.dn(e).toNormalizedString()));

    List<ObjectNode> matching = new ArrayList<>();
    int total;
    if (postFilter) {
      for (Entry e : entries) {
        ObjectNode r = mapper.toScim(e, mapper.immutableId(e).orElseThrow(), externalIdOf(e), locator, true);
        if (FilterEvaluator.matches(query.filter(), r, schema())) {
          matching.add(present(e, externalIdOf(e), query.withMembers()));
        }
      }
      total = matching.size();
      matching = slice(matching, query);
    } else {
      total = entries.size();
      for (Entry e : slice(entries, query)) {
        Entry full = query.withMembers() ? directory.read(Entries.dn(e), mapper.attributesToFetch(true)).orElse(e) : e;
        matching.add(present(full, externalIdOf(full), query.withMembers()));
      }
    }
    return new ListPage(total, query.startIndex(), matching);
  }

  private static <T> List<T> slice(List<T> all, ListQuery query) {
    int from = Math.min(all.size(), query.startIndex() - 1);
    int to = Math.min(all.size(), from + query.count());
    return List.copyOf(all.subList(from, to));
  }

  /** PUT: replaces the resource's mapped attributes with the body's (RFC 7644 §3.5.1). */
  public ObjectNode replace(String id, JsonNode body, Optional<String> ifMatch) {
    EntryLocator.Located located = locate(id, true);
    checkVersion(located.entry(), ifMatch);
    String externalId = externalId(located);
    ObjectNode before = mapper.toScim(located.entry(), id, externalId, locator, true);
    ObjectNode after = incoming(body);
    after.put("id", id);
    return apply(located, before, after);
  }

  /** PATCH: applies the operations in memory, then writes the difference as one LDAP modify. */
  public ObjectNode patch(String id, List<PatchOperation> operations, Optional<String> ifMatch) {
    EntryLocator.Located located = locate(id, true);
    checkVersion(located.entry(), ifMatch);
    String externalId = externalId(located);
    ObjectNode before = mapper.toScim(located.entry(), id, externalId, locator, true);
    ObjectNode after = PatchEngine.apply(before, operations, schema());
    if (!PatchEngine.changes(before, after)) {
      return present(located.entry(), externalId, true);
    }
    return apply(located, before, after);
  }

  /** DELETE: removes the entry, references to it and its store row. */
  public void delete(String id, Optional<String> ifMatch) {
    EntryLocator.Located located = locate(id, false);
    checkVersion(located.entry(), ifMatch);
    DN dn = Entries.dn(located.entry());
    directory.delete(dn);
    store.delete(id);
    references.removed(dn);
    LOG.info("Deleted {} {}", name(), dn);
  }

  private ObjectNode apply(EntryLocator.Located located, ObjectNode before, ObjectNode after) {
    Entry entry = located.entry();
    DN dn = Entries.dn(entry);
    RDN newRdn = mapper.rdn(after);
    boolean renamed = !newRdn.toString().equals(dn.getRDN().toString());
    List<Modification> mods = mapper.diff(before, after, entry, locator);
    String oldExternal = externalId(located);
    String newExternal = mapper.usesStore() ? mapper.storedValue(after).orElse(null) : oldExternal;

    DN target = dn;
    if (renamed) {
      if (!newRdn.equals(dn.getRDN())) {
        requireUnique(after, dn);
      }
      directory.rename(dn, newRdn);
      target = new DN(newRdn, dn.getParent());
    }
    try {
      directory.modify(target, mods, true);
    } catch (ScimException e) {
      if (renamed) {
        undoRename(target, dn.getRDN());
      }
      throw e;
    }
    if (renamed) {
      references.renamed(dn, target);
    }
    Entry updated = reread(target);
    locator.remember(mapper, updated, newExternal);
    if (!Objects.equals(oldExternal, newExternal) || renamed || !mods.isEmpty()) {
      LOG.info("Updated {} {} ({} changes{})", name(), target, mods.size(), renamed ? ", renamed from " + dn : "");
    }
    return present(updated, newExternal, true);
  }

  private void undoRename(DN current, RDN original) {
    try {
      directory.rename(current, original);
    } catch (ScimException e) {
      LOG.error("Could not undo the rename of {} after a failed modify: {}", current, e.detail());
    }
  }

  private void requireUnique(ObjectNode resource, DN self) {
    RDN rdn = mapper.rdn(resource);
    Filter same =
        Filter.createANDFilter(
            mapper.mapping().entryFilter(),
            Filter.createEqualityFilter(rdn.getAttributeNames()[0], rdn.getAttributeValues()[0]));
    List<Entry> clash = new ArrayList<>();
    directory.search(mapper.searchBase(), SearchScope.SUB, same, List.of("1.1"), clash::add);
    clash.removeIf(e -> self != null && Entries.dn(e).equals(self));
    if (!clash.isEmpty()) {
      throw ScimException.uniqueness(
          name() + " with " + mapper.mapping().rdnSource() + " '" + rdn.getAttributeValues()[0]
              + "' already exists");
    }
  }

  private void checkVersion(Entry entry, Optional<String> ifMatch) {
    if (ifMatch.isEmpty() || ifMatch.get().trim().equals("*")) {
      return;
    }
    String current = ResourceMeta.version(entry);
    for (String tag : ifMatch.get().split(",")) {
      if (stripWeak(tag.trim()).equals(stripWeak(current))) {
        return;
      }
    }
    throw ScimException.preconditionFailed(
        "If-Match " + ifMatch.get() + " does not match the current version " + current);
  }

  private static String stripWeak(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  private ObjectNode incoming(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ScimException.invalidSyntax("The request body must be a JSON object");
    }
    JsonNode schemas = body.get("schemas");
    if (schemas != null && !schemas.isNull()) {
      if (!schemas.isArray()) {
        throw ScimException.invalidSyntax("'schemas' must be an array of schema URNs");
      }
      boolean hasCore = false;
      for (JsonNode s : schemas) {
        hasCore |= s.asText().equalsIgnoreCase(schema().core().id());
      }
      if (!hasCore) {
        throw ScimException.invalidSyntax(
            "'schemas' must contain " + schema().core().id() + " for a " + name());
      }
    }
    return ResourceNormalizer.normalize(body, schema());
  }

  private EntryLocator.Located locate(String id, boolean withMembers) {
    return locator
        .find(id, mapper, mapper.attributesToFetch(withMembers))
        .orElseThrow(() -> ScimException.notFound(name() + " " + id + " not found"));
  }

  private Entry reread(DN dn) {
    return directory
        .read(dn, mapper.attributesToFetch(true))
        .orElseThrow(() -> ScimException.unavailable("Entry " + dn + " vanished while it was written; retry", null));
  }

  private String externalId(EntryLocator.Located located) {
    return located.row().map(Correlation::externalId).orElse(null);
  }

  private String externalIdOf(Entry entry) {
    if (!mapper.usesStore()) {
      return null;
    }
    return mapper.immutableId(entry).flatMap(store::findById).map(Correlation::externalId).orElse(null);
  }

  private ObjectNode present(Entry entry, String externalId, boolean withMembers) {
    String id = mapper.immutableId(entry).orElseThrow();
    ObjectNode resource = mapper.toScim(entry, id, externalId, locator, withMembers);
    ResourceMeta.put(resource, name(), entry, locations.of(schema().endpoint(), id));
    return resource;
  }

  private FilterTranslator translator() {
    return new FilterTranslator(mapper, locator, ext -> store.idsByExternalId(name(), ext));
  }
}
