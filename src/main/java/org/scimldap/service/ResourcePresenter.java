package org.scimldap.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.scim.JsonText;
import org.scimldap.scim.schema.AttributeProjection;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.StoredParts;

/**
 * Turns entries into the SCIM resources the gateway answers with: mapped values, {@code $ref}s,
 * {@code meta}. A page of entries is presented with one store query for the externalIds and one
 * batch of reference lookups. What reads answer with ({@link #answerAll}, {@link #answer}) is
 * written out as JSON text once and reused while its inputs stay the same ({@link
 * PresentedResources}).
 */
final class ResourcePresenter {
  private final EntryMapper mapper;
  private final CorrelationStore store;
  private final ReferenceResolver resolver;
  private final Locations locations;
  private final UnmappedPolicy unmapped;
  private final PresentedResources presented = new PresentedResources();

  ResourcePresenter(
      EntryMapper mapper,
      CorrelationStore store,
      ReferenceResolver resolver,
      Locations locations,
      UnmappedPolicy unmapped) {
    this.mapper = mapper;
    this.store = store;
    this.resolver = resolver;
    this.locations = locations;
    this.unmapped = unmapped;
  }

  /** The references {@code entry} needs resolved to be presented. */
  References referencesOf(Entry entry, boolean withMembers) {
    return referencesOf(entry, mapper.referencedDns(entry, withMembers), withMembers);
  }

  /** {@link #referencesOf(Entry, boolean)}, given the DNs the entry refers to. */
  private References referencesOf(Entry entry, Set<DN> referenced, boolean withMembers) {
    References refs = resolver.forDns(referenced);
    return withMembers ? refs.and(resolver.memberships(mapper, List.of(entry))) : refs;
  }

  /**
   * Presents entries; with {@code withStoreData} false, what the store keeps (externalId, kept
   * parts) is left out, for callers that do not need it.
   */
  List<Resource> presentAll(List<Entry> entries, boolean withMembers, boolean withStoreData) {
    Batch batch = batch(entries, withMembers, withStoreData);
    List<Resource> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      out.add(
          present(entries.get(i), batch.externalId(i), batch.kept(i), batch.refs(), withMembers));
    }
    return out;
  }

  /** What presenting a batch of entries needs: their ids, references and store rows. */
  private record Batch(
      List<String> ids, List<Set<DN>> referenced, References refs, Map<String, StoredParts> rows) {
    String externalId(int i) {
      StoredParts row = rows.get(ids.get(i));
      return row == null ? null : row.externalId();
    }

    String kept(int i) {
      StoredParts row = rows.get(ids.get(i));
      return row == null ? null : row.kept();
    }
  }

  private Batch batch(List<Entry> entries, boolean withMembers, boolean withStoreData) {
    return batch(entries, null, withMembers, withStoreData);
  }

  /** {@link #batch}, for entries whose ids are known ({@code known}), or not (null). */
  private Batch batch(
      List<Entry> entries, List<String> known, boolean withMembers, boolean withStoreData) {
    Set<DN> dns = new LinkedHashSet<>();
    List<String> ids = known != null ? known : new ArrayList<>(entries.size());
    List<Set<DN>> referenced = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      Set<DN> own = mapper.referencedDns(e, withMembers);
      referenced.add(own);
      dns.addAll(own);
      if (known == null) {
        ids.add(mapper.immutableId(e).orElseThrow());
      }
    }
    References refs = resolver.forDns(dns);
    if (withMembers) {
      refs = refs.and(resolver.memberships(mapper, entries));
    }
    Map<String, StoredParts> rows =
        withStoreData && !ids.isEmpty() && (mapper.usesStore() || unmapped.keeps())
            ? store.storedParts(ids)
            : Map.of();
    return new Batch(ids, referenced, refs, rows);
  }

  /**
   * Presents the entries of a read's answer (a page), whose ids are {@code ids}, with what the
   * store keeps of them, reusing what was written for the same inputs before.
   */
  List<Resource> answerAll(List<Entry> entries, List<String> ids, boolean withMembers) {
    Batch batch = batch(entries, ids, withMembers, true);
    List<Resource> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      out.add(
          answer(
              entries.get(i),
              batch.ids().get(i),
              batch.externalId(i),
              batch.kept(i),
              batch.refs(),
              batch.referenced().get(i),
              withMembers,
              false,
              true));
    }
    return out;
  }

  /** {@link #answerAll} for one entry, with its store-kept externalId and kept parts. */
  Resource answer(Entry entry, String externalId, String kept, boolean withMembers) {
    Set<DN> referenced = mapper.referencedDns(entry, withMembers);
    String id = mapper.immutableId(entry).orElseThrow();
    References refs = referencesOf(entry, referenced, withMembers);
    return answer(entry, id, externalId, kept, refs, referenced, withMembers, true, true);
  }

  /**
   * The answer to a write, with members, of the entry as the write left it ({@code refs} as the
   * write resolved them, or null to resolve them now), kept for the reads that find it so (the text
   * kept is the one such a read answers with): its change marker is new, so nothing kept can be its
   * answer, and nothing is compared.
   */
  Resource answerWritten(Entry entry, String externalId, String kept, References refs) {
    Set<DN> referenced = mapper.referencedDns(entry, true);
    References resolved = refs != null ? refs : referencesOf(entry, referenced, true);
    String id = mapper.immutableId(entry).orElseThrow();
    return answer(entry, id, externalId, kept, resolved, referenced, true, true, false);
  }

  /**
   * The resource of {@code entry} as presented before from the same inputs, or presented now and
   * kept, with its JSON text, which is also its whole answer: a resource that an answer without
   * {@code attributes} shows otherwise ({@link AttributeProjection#keptWhole}) is not kept, nor one
   * too large to keep (a large group), which is presented as if nothing were kept, nor one whose
   * {@code meta.created} is the time of presenting, for want of a {@code createTimestamp} that
   * reads as a time. Without {@code evicting} (a page), a resource is kept only in the room left;
   * without {@code reusable} (a write's answer), what is kept is not compared.
   */
  private Resource answer(
      Entry entry,
      String id,
      String externalId,
      String kept,
      References refs,
      Set<DN> referenced,
      boolean withMembers,
      boolean evicting,
      boolean reusable) {
    if (referenced.size() > PresentedResources.MOST_REFERENCES) {
      return tooLargeToKeep(entry, id, externalId, kept, refs, withMembers);
    }
    if (!evicting && !presented.roomFor(id)) {
      return present(entry, externalId, kept, refs, withMembers);
    }
    List<References.Target> targets = new ArrayList<>(referenced.size());
    for (DN dn : referenced) {
      targets.add(refs.targetOf(dn).orElse(null));
    }
    List<References.Membership> groups =
        withMembers && mapper.mapping().groupsRule().isPresent() && refs.knowsGroups()
            ? refs.groupsOf(Entries.dn(entry))
            : List.of();
    PresentedResources.Inputs inputs =
        new PresentedResources.Inputs(entry, externalId, kept, withMembers, targets, groups);
    Optional<Resource> reused = reusable ? presented.reuse(id, inputs) : Optional.empty();
    if (reused.isPresent()) {
      return reused.get();
    }
    if (inputs.length() > PresentedResources.LARGEST) {
      return tooLargeToKeep(entry, id, externalId, kept, refs, withMembers);
    }
    Resource fresh = present(entry, externalId, kept, refs, withMembers);
    if (!AttributeProjection.keptWhole(fresh.body(), mapper.mapping().schema())
        || ResourceMeta.created(entry).isEmpty()) {
      // Shown otherwise than presented, the text of the answer would not be the resource's; or
      // meta.created is now.
      return fresh;
    }
    byte[] text = JsonText.of(fresh.body());
    presented.keep(id, inputs, text, fresh, evicting);
    return new Resource(fresh.body(), text, fresh.version(), fresh.location());
  }

  /**
   * A resource too large to keep, presented afresh; what was kept of it before it grew is dropped,
   * being of no use any more.
   */
  private Resource tooLargeToKeep(
      Entry entry,
      String id,
      String externalId,
      String kept,
      References refs,
      boolean withMembers) {
    presented.forget(id);
    return present(entry, externalId, kept, refs, withMembers);
  }

  /** The resources kept for reuse. */
  PresentedResources presented() {
    return presented;
  }

  /**
   * The resources of entries that are only to be checked against a filter or ordered by a sort key:
   * their mapped values and what the store keeps, as {@link #presentAll} gives them, but without
   * {@code $ref}s and {@code meta} unless {@code whole} (a filter or a sort key that names them).
   */
  List<ObjectNode> candidates(
      List<Entry> entries, boolean withMembers, boolean withStoreData, boolean whole) {
    if (whole) {
      return presentAll(entries, withMembers, withStoreData).stream().map(Resource::body).toList();
    }
    Batch batch = batch(entries, withMembers, withStoreData);
    List<ObjectNode> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      ObjectNode resource =
          mapper.toScim(
              entries.get(i), batch.ids().get(i), batch.externalId(i), batch.refs(), withMembers);
      unmapped.mergeInto(resource, batch.kept(i));
      out.add(resource);
    }
    return out;
  }

  /**
   * Presents one entry whose references are resolved in {@code refs}, with its store-kept
   * externalId and kept parts (both may be null).
   */
  Resource present(
      Entry entry, String externalId, String kept, References refs, boolean withMembers) {
    String id = mapper.immutableId(entry).orElseThrow();
    ObjectNode resource = mapper.toScim(entry, id, externalId, refs, withMembers);
    unmapped.mergeInto(resource, kept);
    if (resource.get("members") instanceof ArrayNode members) {
      for (JsonNode m : members) {
        locations
            .of(m.path("type").asText(), m.path("value").asText())
            .ifPresent(url -> ((ObjectNode) m).put("$ref", url));
      }
    }
    mapper
        .mapping()
        .groupsRule()
        .filter(rule -> resource.get("groups") instanceof ArrayNode)
        .ifPresent(
            rule -> {
              for (JsonNode g : resource.get("groups")) {
                locations
                    .of(rule.groupType(), g.path("value").asText())
                    .ifPresent(url -> ((ObjectNode) g).put("$ref", url));
              }
            });
    String location = locations.of(mapper.mapping().name(), id).orElseThrow();
    String version = ResourceMeta.version(mapper, entry, externalId, kept);
    ResourceMeta.put(resource, mapper.mapping().name(), entry, location, version);
    return new Resource(resource, version, location);
  }

  /** Presents one entry, resolving its references. */
  Resource present(Entry entry, String externalId, String kept, boolean withMembers) {
    return present(entry, externalId, kept, referencesOf(entry, withMembers), withMembers);
  }
}
