package org.scimldap.service;

import static com.unboundid.ldap.sdk.ModificationType.DELETE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldif.LDIFAddChangeRecord;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFModifyChangeRecord;
import com.unboundid.ldif.LDIFModifyDNChangeRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.GroupMembers;
import org.scimldap.mapping.entry.References;
import org.scimldap.mapping.spec.MembersRule;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.patch.PatchEngine;
import org.scimldap.scim.patch.PatchOperation;

/**
 * Works out what the gateway would do for a SCIM request without doing it: the LDAP add of a
 * create, the modify DN and modify of a replace or patch, as LDIF change records, computed by the
 * code the use cases run (request checks, mapper, PATCH engine, member modifications, reference
 * upkeep); and the SCIM resource an entry is. Reads the directory when it has one (a create needs
 * none: its references are then left unresolved); never writes it, and never opens the correlation
 * store, so store-kept values (externalId) are not shown on reads. Failures are the SCIM errors the
 * gateway would answer.
 */
public final class Explainer {
  private final List<EntryMapper> mappers;
  private final Optional<Directory> directory;
  private final Locations locations;

  /**
   * @param mappers one per resource type
   * @param directory the directory to read, if any
   * @param locations resource URLs, for {@code meta.location} and members' {@code $ref}
   */
  public Explainer(List<EntryMapper> mappers, Optional<Directory> directory, Locations locations) {
    this.mappers = List.copyOf(mappers);
    this.directory = directory;
    this.locations = locations;
  }

  /** The resource type whose core schema the {@code schemas} of a request body name. */
  public Optional<String> typeNamedBy(JsonNode body) {
    for (EntryMapper m : mappers) {
      String core = m.mapping().schema().core().id();
      for (JsonNode urn : body.path("schemas")) {
        if (urn.asText().equalsIgnoreCase(core)) {
          return Optional.of(m.mapping().name());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * POST: the add, preceded (with a directory) by the removal of references to the new DN that an
   * older entry left behind.
   */
  public Explanation create(String type, JsonNode body) {
    EntryMapper mapper = mapper(type);
    return ErrorTranslator.translated(
        () -> {
          ObjectNode resource = new IncomingRequests(mapper.mapping().schema()).resource(body);
          Set<String> ids = mapper.referencedIds(resource);
          List<LDIFChangeRecord> records = new ArrayList<>();
          List<String> notes = new ArrayList<>();
          References refs = unresolved(ids);
          Entry added = null;
          if (directory.isPresent()) {
            Reading reading = reading(mapper);
            reading.writer().requireUnique(resource, null);
            refs = reading.resolver().forIds(ids);
            DN dn = mapper.dnFor(resource);
            if (directory.get().read(dn, List.of("1.1")).isPresent()) {
              throw ScimException.uniqueness(
                  "An entry named " + dn + " already exists (it is not a " + type + ")");
            }
            Entry checked = mapper.newEntry(resource, refs);
            reading.writer().requireUniqueValues(checked);
            records.addAll(modifies(reading.references().beforeRemoval(dn)));
            added = checked;
          }
          records.add(
              new LDIFAddChangeRecord(added != null ? added : mapper.newEntry(resource, refs)));
          mapper
              .storedValue(resource)
              .ifPresent(v -> notes.add("externalId '" + v + "' is kept in the correlation store"));
          return new Explanation(
              type, records, directory.isPresent() ? List.of() : List.copyOf(ids), notes);
        });
  }

  /** PUT of resource {@code id}; with no {@code type}, the type that has the id. */
  public Explanation replace(Optional<String> type, String id, JsonNode body) {
    return ErrorTranslator.translated(
        () -> {
          EntryMapper mapper = mapperFor(type, id);
          Reading reading = reading(mapper);
          ObjectNode wanted = reading.incoming().resource(body);
          wanted.put("id", id);
          ResourceLoader.Loaded loaded = reading.loader().load(id, true, Optional.empty());
          ObjectNode after = ResourceService.replacement(wanted, loaded.resource());
          return written(mapper, reading, loaded, after, new WritePlan.Members.FromDiff());
        });
  }

  /** PATCH of resource {@code id}; with no {@code type}, the type that has the id. */
  public Explanation patch(Optional<String> type, String id, List<PatchOperation> requested) {
    return ErrorTranslator.translated(
        () -> {
          EntryMapper mapper = mapperFor(type, id);
          Reading reading = reading(mapper);
          List<PatchOperation> operations = requested;
          reading.incoming().checkOperations(operations);
          Optional<MemberPatch.Split> split =
              mapper.mapping().membersRule().isPresent()
                  ? MemberPatch.split(operations, mapper.mapping().schema())
                  : Optional.empty();
          if (split.isPresent() && !split.get().changes().isEmpty()) {
            return memberPatch(mapper, reading, id, split.get());
          }
          ResourceLoader.Loaded loaded = reading.loader().load(id, true, Optional.empty());
          ObjectNode after =
              PatchEngine.apply(loaded.resource(), operations, mapper.mapping().schema());
          if (!PatchEngine.changes(loaded.resource(), after)) {
            return unchanged(mapper);
          }
          return written(mapper, reading, loaded, after, new WritePlan.Members.FromDiff());
        });
  }

  /** The SCIM resource (with {@code meta}) of the entry at {@code dn}; 404 when it is none. */
  public ObjectNode resourceAt(DN dn) {
    return ErrorTranslator.translated(
        () -> {
          for (EntryMapper mapper : mappers) {
            if (!dn.isDescendantOf(mapper.searchBase(), true)) {
              continue;
            }
            // The type's filter is the directory's to evaluate (it may name objectCategory or
            // attributes the gateway does not read): ask for the entry through it.
            List<Entry> found = new ArrayList<>();
            directory()
                .search(
                    dn,
                    SearchScope.BASE,
                    mapper.mapping().entryFilter(),
                    mapper.attributesToFetch(true),
                    found::add);
            Optional<Entry> entry = found.stream().findFirst();
            if (entry.isPresent() && mapper.immutableId(entry.get()).isPresent()) {
              return reading(mapper).presenter().present(entry.get(), null, null, true).body();
            }
          }
          throw ScimException.notFound(
              "No entry at "
                  + dn
                  + " is a "
                  + String.join(" or ", typeNames())
                  + " under the type's search base");
        });
  }

  /** Member adds and removes as single values, as {@link MemberPatcher} writes them. */
  private Explanation memberPatch(
      EntryMapper mapper, Reading reading, String id, MemberPatch.Split split) {
    MemberModifications.checkSize(split.changes());
    boolean replacing =
        split.changes().stream().anyMatch(c -> c instanceof MemberPatch.Change.ReplaceAll);
    ResourceLoader.Loaded loaded = reading.loader().load(id, replacing, Optional.empty());
    ObjectNode before = loaded.resource();
    ObjectNode after =
        split.others().isEmpty()
            ? before
            : PatchEngine.apply(before, split.others(), mapper.mapping().schema());
    List<MemberPatch.Change> changes =
        replacing
            ? MemberPatch.withoutReplaceAll(split.changes(), GroupMembers.ids(before))
            : split.changes();
    Set<String> ids = new LinkedHashSet<>();
    changes.forEach(c -> ids.addAll(c.ids()));
    ids.removeIf(i -> loaded.refs().dnOf(i).isPresent());
    MembersRule rule = mapper.mapping().membersRule().orElseThrow();
    DN group = Entries.dn(loaded.entry());
    List<Modification> memberMods =
        new MemberModifications(
                rule,
                loaded.refs().and(reading.resolver().forIds(ids)),
                group,
                dn -> MemberPatcher.isMember(directory(), rule, group, dn))
            .of(changes);
    if (memberMods.isEmpty() && !PatchEngine.changes(before, after)) {
      return unchanged(mapper);
    }
    Explanation explanation =
        written(mapper, reading, loaded, after, new WritePlan.Members.Given(memberMods));
    boolean deletes = memberMods.stream().anyMatch(m -> m.getModificationType() == DELETE);
    if (deletes && rule.placeholder() != null) {
      List<String> notes = new ArrayList<>(explanation.notes());
      notes.add(
          "should the directory refuse to leave the group without a member, the gateway sends"
              + " the modify again with the placeholder "
              + rule.placeholder()
              + " added");
      return new Explanation(
          explanation.resourceType(), explanation.changes(), explanation.unresolved(), notes);
    }
    return explanation;
  }

  /** The rename, the modify and the reference upkeep that writing {@code after} takes. */
  private Explanation written(
      EntryMapper mapper,
      Reading reading,
      ResourceLoader.Loaded loaded,
      ObjectNode after,
      WritePlan.Members members) {
    WritePlan plan =
        new WritePlan(
            loaded.located(),
            loaded.resource(),
            after,
            reading.loader().referencesFor(loaded, after),
            members,
            true,
            null,
            reading.loader().keptAfter(after));
    EntryWriter.Changes changes = reading.writer().changes(plan);
    reading.writer().requireUniqueValues(changes.modifications(), loaded.entry());
    List<LDIFChangeRecord> records = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    DN target = changes.dn();
    if (changes.renamedDn().isPresent()) {
      RDN newRdn = changes.newRdn().orElse(changes.dn().getRDN());
      if (!newRdn.equals(changes.dn().getRDN())) {
        reading.writer().requireUnique(after, changes.dn());
      }
      records.add(
          new LDIFModifyDNChangeRecord(
              changes.dn().toString(),
              newRdn.toString(),
              true,
              changes.newSuperior().map(DN::toString).orElse(null)));
      target = changes.renamedDn().orElseThrow();
    }
    if (!changes.modifications().isEmpty()) {
      records.add(
          new LDIFModifyChangeRecord(
              target.toString(), changes.modifications().toArray(Modification[]::new)));
    }
    if (changes.renamedDn().isPresent()) {
      List<ReferenceMaintainer.ReferenceChange> upkeep =
          reading.references().afterRename(changes.dn(), target);
      records.addAll(modifies(upkeep));
      if (!upkeep.isEmpty()) {
        notes.add(
            "references to the old DN are renamed after the entry (a referential-integrity"
                + " overlay such as OpenLDAP's refint does it first, and then nothing is left to"
                + " change)");
      }
    }
    if (records.isEmpty()) {
      notes.add("the directory entry does not change: nothing is written to it");
    } else if (!directory().assertions()) {
      notes.add(
          "the directory has no Assertion control (RFC 4528): the entry's version is read again"
              + " just before the write, and each changed attribute is written as a delete of the"
              + " values read and an add of the new ones, so that a change made meanwhile fails"
              + " the modify");
    }
    return new Explanation(mapper.mapping().name(), records, List.of(), notes);
  }

  private static Explanation unchanged(EntryMapper mapper) {
    return new Explanation(
        mapper.mapping().name(),
        List.of(),
        List.of(),
        List.of("the request changes nothing: nothing is written"));
  }

  private static List<LDIFChangeRecord> modifies(
      List<ReferenceMaintainer.ReferenceChange> changes) {
    return changes.stream()
        .<LDIFChangeRecord>map(
            c ->
                new LDIFModifyChangeRecord(
                    c.holder().toString(), c.modifications().toArray(Modification[]::new)))
        .toList();
  }

  /** Ids that could not be looked up, each standing for the DN {@code unresolved=<id>}. */
  private static References unresolved(Set<String> ids) {
    References.Builder refs = References.builder();
    ids.forEach(id -> refs.dn(id, new DN(new RDN("unresolved", id))));
    return refs.build();
  }

  /** The parts of the gateway that read for one resource type, over a store that knows no rows. */
  private record Reading(
      IncomingRequests incoming,
      ReferenceResolver resolver,
      ReferenceMaintainer references,
      ResourcePresenter presenter,
      ResourceLoader loader,
      EntryWriter writer) {}

  private Reading reading(EntryMapper mapper) {
    Directory dir = directory();
    ReferenceResolver resolver = new ReferenceResolver(dir, mappers);
    ReferenceMaintainer references = new ReferenceMaintainer(dir, mappers);
    EntryLocator locator = new EntryLocator(dir, NoStore.INSTANCE);
    UnmappedPolicy unmapped = new UnmappedPolicy(mapper.mapping());
    ResourcePresenter presenter =
        new ResourcePresenter(mapper, NoStore.INSTANCE, resolver, locations, unmapped);
    return new Reading(
        new IncomingRequests(mapper.mapping().schema()),
        resolver,
        references,
        presenter,
        new ResourceLoader(mapper, locator, resolver, presenter, unmapped),
        new EntryWriter(mapper, dir, locator, references, new ListSnapshots()));
  }

  private Directory directory() {
    return directory.orElseThrow(
        () -> new IllegalStateException("explaining this request needs the directory"));
  }

  private EntryMapper mapper(String type) {
    return mappers.stream()
        .filter(m -> m.mapping().name().equalsIgnoreCase(type))
        .findFirst()
        .orElseThrow(
            () ->
                ScimException.notFound(
                    "The mapping has no resource type '"
                        + type
                        + "'; it has "
                        + String.join(", ", typeNames())));
  }

  /** The mapper of {@code type}, or of the type that has a resource with this id. */
  private EntryMapper mapperFor(Optional<String> type, String id) {
    if (type.isPresent()) {
      return mapper(type.get());
    }
    EntryLocator locator = new EntryLocator(directory(), NoStore.INSTANCE);
    for (EntryMapper m : mappers) {
      if (locator.find(id, m, List.of("1.1")).isPresent()) {
        return m;
      }
    }
    throw ScimException.notFound("No " + String.join(" or ", typeNames()) + " has the id " + id);
  }

  private List<String> typeNames() {
    return mappers.stream().map(m -> m.mapping().name()).toList();
  }
}
