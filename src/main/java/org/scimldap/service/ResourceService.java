package org.scimldap.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.ldap.Entries;
import org.scimldap.ldap.RequestDeadline;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.GroupMembers;
import org.scimldap.mapping.entry.References;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.patch.PatchEngine;
import org.scimldap.scim.patch.PatchOperation;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.service.OptimisticRetry.Attempt;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The use cases of one resource type (RFC 7644 §3.3–3.6): create, read, list, replace, patch and
 * delete. The only layer that talks to the mapper, the directory and the store together; their
 * failures leave it as SCIM errors ({@link ErrorTranslator}). Every write reads, changes and writes
 * under {@link OptimisticRetry}.
 */
public final class ResourceService {
  /** How long a write waits for another write of the same resource to finish. */
  private static final long LOCK_WAIT_MILLIS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(ResourceService.class);

  private final EntryMapper mapper;
  private final Directory directory;
  private final EntryLocator locator;
  private final ReferenceResolver resolver;
  private final ReferenceMaintainer references;
  private final ListSnapshots snapshots;
  private final ResourcePresenter presenter;
  private final ResourceLoader loader;
  private final ResourceLister lister;
  private final EntryWriter writer;
  private final LeaverWriter leavers;
  private final Optional<MemberPatcher> memberPatcher;
  private final ResourceLocks locks = new ResourceLocks(LOCK_WAIT_MILLIS);
  private final IncomingRequests incoming;
  private final AdoptionGuard adoption;
  private final EntryRemover remover;
  private final Optional<MembershipCycles> cycles;
  private final Optional<VanishedMembers> vanished;

  /** For types without members: their entries as the gateway's writes left them. */
  private final Optional<WrittenEntries> written;

  /**
   * @param resolver resolves references across every resource type
   * @param references keeps references across every resource type current
   * @param snapshots the list snapshots every resource type shares (a write to one type can change
   *     the lists of another)
   */
  public ResourceService(
      EntryMapper mapper,
      Directory directory,
      CorrelationStore store,
      ReferenceResolver resolver,
      ReferenceMaintainer references,
      ListSnapshots snapshots,
      Locations locations) {
    this.mapper = mapper;
    this.directory = directory;
    this.locator = new EntryLocator(directory, store);
    this.resolver = resolver;
    this.references = references;
    this.snapshots = snapshots;
    UnmappedPolicy unmapped = new UnmappedPolicy(mapper.mapping());
    this.presenter = new ResourcePresenter(mapper, store, resolver, locations, unmapped);
    this.loader = new ResourceLoader(mapper, locator, resolver, presenter, unmapped);
    this.lister = new ResourceLister(mapper, directory, store, resolver, presenter, snapshots);
    this.writer = new EntryWriter(mapper, directory, locator, references, snapshots);
    this.leavers = new LeaverWriter(mapper, directory, store, references);
    this.incoming = new IncomingRequests(mapper.mapping().schema());
    this.adoption = new AdoptionGuard(mapper, directory);
    this.remover = new EntryRemover(mapper.mapping().name(), directory, store, references);
    this.memberPatcher =
        mapper
            .mapping()
            .membersRule()
            .map(
                r ->
                    new MemberPatcher(
                        mapper, directory, resolver, loader, presenter, writer, adoption));
    this.cycles =
        mapper.mapping().membersRule().map(r -> new MembershipCycles(mapper, r, directory));
    this.vanished =
        mapper.mapping().membersRule().map(r -> new VanishedMembers(r, directory, resolver));
    // A group's entry holds its members, which member PATCHes change without reading it back.
    this.written =
        mapper.mapping().membersRule().isPresent()
            ? Optional.empty()
            : Optional.of(new WrittenEntries(WrittenEntries.CAPACITY));
  }

  public ResourceSchema schema() {
    return mapper.mapping().schema();
  }

  public String name() {
    return mapper.mapping().name();
  }

  /** POST: creates the resource; a taken name is 409 uniqueness, never a second entry. */
  public Resource create(JsonNode body) {
    return ErrorTranslator.translated(() -> add(incoming.resource(body)));
  }

  /**
   * Adds the entry. A directory that requires a password before an account is enabled (Active
   * Directory's {@code 0000052D} for an enabled account without one) gets the account disabled when
   * no password was sent; it reads back as {@code active: false}, and is enabled by a later {@code
   * active: true} once it has a password.
   */
  private Optional<Entry> addEnabledOrDisabled(
      DN dn, ObjectNode resource, References refs, Entry entry) {
    List<String> readBack = mapper.attributesToFetch(true);
    try {
      return directory.addAndRead(entry, readBack);
    } catch (DirectoryException e) {
      if (e.resultCode().equals(ResultCode.ENTRY_ALREADY_EXISTS)) {
        throw nameTaken(dn);
      }
      boolean wantsEnabled = resource.path("active").asBoolean(true);
      if (e.kind() != DirectoryException.Kind.PASSWORD_REFUSED
          || resource.hasNonNull("password")
          || !wantsEnabled) {
        throw e;
      }
      Entry disabled = disabledCopy(entry, resource, refs);
      if (disabled.equals(entry)) {
        throw e;
      }
      LOG.info("{} needs a password before it can be enabled: created disabled", dn);
      return directory.addAndRead(disabled, readBack);
    }
  }

  /** 409: an entry that is not a resource of this type has the DN a new one would take. */
  private ScimException nameTaken(DN dn) {
    return ScimException.uniqueness(
        "An entry named " + dn + " already exists (it is not a " + name() + ")");
  }

  /**
   * {@code entry} as a disabled account: only the attributes that {@code active: false} changes are
   * replaced, so values settled after mapping (a unique suffix) stay as they were.
   */
  private Entry disabledCopy(Entry entry, ObjectNode resource, References refs) {
    Entry asSent = mapper.newEntry(resource, refs);
    Entry inactive = mapper.newEntry(resource.deepCopy().put("active", false), refs);
    Entry disabled = entry.duplicate();
    for (Attribute a : asSent.getAttributes()) {
      if (!inactive.hasAttribute(a.getName())) {
        disabled.removeAttribute(a.getName());
      }
    }
    for (Attribute a : inactive.getAttributes()) {
      if (!a.equals(asSent.getAttribute(a.getName()))) {
        disabled.setAttribute(a);
      }
    }
    return disabled;
  }

  private Resource add(ObjectNode resource) {
    NameCharacters.require(mapper, null, resource);
    DN dn = mapper.dnFor(resource);
    // Usually the name is free and no entry was left referring to the DN: one search says both.
    boolean free = references.takesFreeName(dn, mapper, writer.named(resource));
    if (free) {
      writer.requireNoLeaver(resource);
    } else {
      writer.requireUnique(resource, null);
    }
    References refs = resolver.forIds(mapper.referencedIds(resource));
    resolver.requireAccounts(mapper.attributeReferences(resource), refs);
    Entry entry = mapper.newEntry(resource, refs);
    writer.refuseSecretsInClear(entry.getAttributes().stream().map(a -> a.getBaseName()).toList());
    writer.requireSingleValues(entry);
    writer.requireUniqueValues(entry);
    // References left at the DN (by an entry deleted outside the gateway) are removed before the
    // entry takes it; only then is it worth a read to be sure that no other entry has it, whose
    // references they would be. Otherwise the add itself finds such an entry.
    List<ReferenceMaintainer.ReferenceChange> leftovers =
        free ? List.of() : references.beforeRemoval(dn);
    if (!leftovers.isEmpty() && directory.read(dn, List.of("1.1")).isPresent()) {
      throw nameTaken(dn);
    }
    snapshots.written();
    references.carryOut(leftovers);
    Optional<Entry> read = addEnabledOrDisabled(dn, resource, refs, entry);
    snapshots.written();
    Entry added =
        read.orElseThrow(
            () ->
                ScimException.unavailable(
                    "Entry " + dn + " was renamed or deleted while it was written; retry", null));
    String externalId = mapper.storedValue(resource).orElse(null);
    String kept = loader.keptAfter(resource);
    try {
      locator.remember(mapper, added, externalId, kept);
    } catch (StoreException e) {
      LOG.error(
          "Store write failed after adding {}; removing the entry so a retry starts clean", dn);
      try {
        RequestDeadline.lifted(() -> directory.delete(dn));
      } catch (DirectoryException rollback) {
        LOG.error("Could not remove {} after the store failed: {}", dn, rollback.getMessage());
      }
      throw e;
    }
    if (vanished.isPresent()) {
      vanished.get().removeFrom(dn, members(GroupMembers.ids(resource), refs));
    }
    remember(added);
    LOG.info("Created {} {}", name(), dn);
    // What it refers to was resolved for writing it; it is in no group yet (references left at
    // its DN were removed before it was added), so its groups need no search.
    return presenter.answerWritten(added, externalId, kept, refs);
  }

  /** The answers to reads kept for reuse ({@link PresentedResources}). */
  PresentedResources presented() {
    return presenter.presented();
  }

  /** GET by id. */
  public Resource get(String id, boolean withMembers) {
    return get(id, withMembers, Set.of());
  }

  /**
   * GET by id, for an answer without the top-level attributes {@code hidden} ({@code attributes} or
   * {@code excludedAttributes}): what only they need is not read from the directory.
   */
  public Resource get(String id, boolean withMembers, Set<String> hidden) {
    return ErrorTranslator.translated(
        () -> {
          EntryLocator.Located located = loader.locate(id, withMembers, hidden);
          // An answer without some attributes is read without them: nothing to keep or reuse.
          return hidden.isEmpty()
              ? presenter.answer(located.entry(), located.externalId(), located.kept(), withMembers)
              : presenter.present(
                  located.entry(), located.externalId(), located.kept(), withMembers);
        });
  }

  /** GET with filter, sorting and paging (RFC 7644 §3.4.2); see {@link ResourceLister}. */
  public ListPage list(ListQuery query) {
    return ErrorTranslator.translated(() -> lister.list(query));
  }

  /**
   * PUT: replaces the resource's mapped attributes with the body's (RFC 7644 §3.5.1), except that a
   * body without {@code active} leaves it as it is: a disabled account is never enabled by an
   * omission. The write asserts that the entry is still as read; if another request changed it
   * meanwhile, the replacement is computed again (or, with {@code If-Match}, the answer is 412).
   */
  public Resource replace(String id, JsonNode body, Optional<String> ifMatch) {
    ObjectNode wanted = incoming.resource(body);
    wanted.put("id", id);
    return locks.holding(
        id,
        () ->
            whileUnchanged(
                ifMatch,
                () -> {
                  ResourceLoader.Loaded loaded = loader.load(id, true, ifMatch);
                  adoption.requireWritable(loaded.located());
                  return write(loaded, replacement(wanted, loaded.resource()));
                }));
  }

  /**
   * The resource a PUT of {@code wanted} leaves in place of {@code current}: {@code wanted}, with
   * the current {@code active} when it does not say.
   */
  static ObjectNode replacement(ObjectNode wanted, ObjectNode current) {
    ObjectNode after = wanted.deepCopy();
    if (!after.has("active") && current.has("active")) {
      after.set("active", current.get("active"));
    }
    return after;
  }

  /**
   * PATCH (RFC 7644 §3.5.2): the operations are applied in memory, then the difference is written
   * as one LDAP modify. Membership changes of a group are written as single-value adds and deletes
   * without reading the member list ({@link MemberPatcher}); then the result has no body unless
   * {@code bodyWanted} (the client asked for attributes), and the HTTP answer is 204. A path that
   * names no attribute is refused before the resource is read ({@link
   * IncomingRequests#checkOperations}).
   */
  public PatchResult patch(
      String id,
      List<PatchOperation> operations,
      Optional<String> ifMatch,
      boolean bodyWanted,
      boolean withMembers) {
    incoming.checkOperations(operations);
    Optional<MemberPatch.Split> split =
        memberPatcher.isPresent() ? MemberPatch.split(operations, schema()) : Optional.empty();
    if (split.isPresent() && !split.get().changes().isEmpty()) {
      return locks.holding(
          id,
          () ->
              ErrorTranslator.translated(
                  () ->
                      memberPatcher
                          .get()
                          .patch(id, split.get(), ifMatch, bodyWanted, withMembers)));
    }
    return locks.holding(id, () -> patchAttributes(id, operations, ifMatch));
  }

  private PatchResult patchAttributes(
      String id, List<PatchOperation> operations, Optional<String> ifMatch) {
    if (ifMatch.isEmpty()) {
      Optional<PatchResult> done = patchRemembered(id, operations);
      if (done.isPresent()) {
        return done.get();
      }
    }
    return whileUnchanged(
        ifMatch,
        () -> {
          ResourceLoader.Loaded loaded = loader.load(id, true, ifMatch);
          adoption.requireWritable(loaded.located());
          ObjectNode after = PatchEngine.apply(loaded.resource(), operations, schema());
          if (!PatchEngine.changes(loaded.resource(), after)) {
            return Attempt.done(
                PatchResult.of(
                    presenter.present(
                        loaded.entry(),
                        loaded.located().externalId(),
                        loaded.located().kept(),
                        loaded.refs(),
                        true)));
          }
          return write(loaded, after).map(PatchResult::of);
        });
  }

  /**
   * A PATCH computed from the entry as the gateway's last write left it ({@link WrittenEntries}),
   * without reading it: done when the write, which asserts that the entry has not changed since,
   * succeeds. Empty when no entry is remembered, or when anything else comes of it (the entry
   * changed or went meanwhile, nothing to change, a refusal): the caller then starts over from a
   * fresh read, which decides on what the directory holds.
   */
  private Optional<PatchResult> patchRemembered(String id, List<PatchOperation> operations) {
    Optional<Entry> remembered =
        written.filter(w -> directory.assertions()).flatMap(w -> w.recall(id));
    if (remembered.isEmpty()) {
      return Optional.empty();
    }
    Optional<PatchResult> done =
        ErrorTranslator.translated(
            () -> {
              try {
                Optional<ResourceLoader.Loaded> loaded =
                    loader.loadRemembered(id, remembered.get());
                if (loaded.isEmpty()) {
                  return Optional.empty();
                }
                adoption.requireWritable(loaded.get().located());
                ObjectNode before = loaded.get().resource();
                ObjectNode after = PatchEngine.apply(before, operations, schema());
                if (!PatchEngine.changes(before, after)) {
                  return Optional.empty();
                }
                Attempt<Resource> attempt = write(loaded.get(), after);
                return attempt.isDone()
                    ? Optional.of(PatchResult.of(attempt.result()))
                    : Optional.empty();
              } catch (ScimException e) {
                LOG.debug("PATCH of {} decided again on a fresh read: {}", id, e.detail());
                return Optional.empty();
              } catch (DirectoryException e) {
                if (e.isChangedSinceRead() || e.isNoSuchEntry()) {
                  return Optional.empty();
                }
                throw e;
              }
            });
    if (done.isEmpty()) {
      written.get().forget(id);
    }
    return done;
  }

  /**
   * DELETE: removes references to the entry (group memberships, managers), then the entry, then its
   * store row ({@link EntryRemover}: nothing half done when the directory refuses); or, when the
   * type keeps leavers, keeps the entry outside the search base.
   */
  public void delete(String id, Optional<String> ifMatch) {
    locks.holding(id, () -> remove(id, ifMatch));
  }

  private void remove(String id, Optional<String> ifMatch) {
    if (mapper.mapping().delete().retain()) {
      retire(id, ifMatch);
      return;
    }
    DN dn =
        whileUnchanged(
            ifMatch,
            () -> {
              EntryLocator.Located located = loader.locate(id, false);
              ResourceLoader.checkVersion(mapper, located, ifMatch);
              adoption.requireWritable(located);
              DN at = Entries.dn(located.entry());
              written.ifPresent(w -> w.forget(id));
              snapshots.written();
              try {
                remover.remove(id, at);
              } finally {
                snapshots.written();
              }
              return Attempt.done(at);
            });
    LOG.info("Deleted {} {}", name(), dn);
  }

  /**
   * DELETE by the type's leaver policy: the entry is kept outside the search base ({@link
   * LeaverWriter}), and the resource is gone for SCIM.
   */
  private void retire(String id, Optional<String> ifMatch) {
    DN leaver =
        whileUnchanged(
            ifMatch,
            () -> {
              ResourceLoader.Loaded loaded = loader.load(id, false, ifMatch);
              adoption.requireWritable(loaded.located());
              written.ifPresent(w -> w.forget(id));
              snapshots.written();
              try {
                return leavers.retire(id, loaded);
              } finally {
                snapshots.written();
              }
            });
    LOG.info("Deleted {} {}: its entry is kept as a leaver at {}", name(), id, leaver);
  }

  /**
   * Runs a read-change-write step until it is done, again when another request changed or moved the
   * entry meanwhile (with {@code If-Match}, a change made meanwhile is a 412).
   */
  private static <T> T whileUnchanged(Optional<String> ifMatch, Supplier<Attempt<T>> step) {
    return ErrorTranslator.translated(
        () -> OptimisticRetry.run(OptimisticRetry.Policy.entryChanged(ifMatch), step));
  }

  /** Writes {@code after} over the loaded resource, members through the diff. */
  private Attempt<Resource> write(ResourceLoader.Loaded loaded, ObjectNode after) {
    String externalId = loader.externalIdAfter(loaded.located(), after);
    String kept = loader.keptAfter(after);
    References refs = loader.referencesFor(loaded, after);
    resolver.requireAccounts(mapper.attributeReferences(after), refs);
    Set<String> addedIds = GroupMembers.ids(after);
    addedIds.removeAll(GroupMembers.ids(loaded.resource()));
    Map<DN, String> added = members(addedIds, refs);
    cycles.ifPresent(c -> c.refuse(Entries.dn(loaded.entry()), added.keySet(), refs));
    WritePlan plan =
        new WritePlan(
            loaded.located(),
            loaded.resource(),
            after,
            refs,
            new WritePlan.Members.FromDiff(),
            true,
            externalId,
            kept);
    Attempt<Entry> outcome = writer.write(plan);
    if (outcome.isDone() && vanished.isPresent()) {
      vanished.get().removeFrom(Entries.dn(outcome.result()), added);
    }
    // The references resolved for the write name what the entry refers to, and the groups it was
    // in when read (a write does not change them); under a new name, they are searched again, and
    // so are a remembered entry's groups, which may be older than the entry (memberOf changes
    // without the change marker).
    DN before = Entries.dn(loaded.entry());
    boolean readNow = !loaded.located().remembered();
    return outcome.map(
        updated -> {
          remember(updated);
          return presenter.answerWritten(
              updated,
              externalId,
              kept,
              readNow && Entries.dn(updated).equals(before) ? refs : null);
        });
  }

  /**
   * Remembers {@code entry}, as a write just left it, for the next PATCH of its resource, where the
   * directory takes the assertions that make that safe.
   */
  private void remember(Entry entry) {
    if (written.isPresent() && directory.assertions()) {
      written.get().remember(mapper.immutableId(entry).orElseThrow(), entry);
    }
  }

  /** The DNs of the member ids that {@code refs} resolves, with the id each was resolved for. */
  private static Map<DN, String> members(Set<String> ids, References refs) {
    Map<DN, String> dns = new LinkedHashMap<>();
    ids.forEach(id -> refs.dnOf(id).ifPresent(dn -> dns.put(dn, id)));
    return dns;
  }
}
