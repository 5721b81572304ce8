package org.scimldap.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.Entries;
import org.scimldap.ldap.LdapErrors;
import org.scimldap.mapping.EntryMapper;
import org.scimldap.mapping.MembersRule;
import org.scimldap.scim.ScimException;
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
  private static final int MEMBER_ATTEMPTS = 30;

  private final EntryMapper mapper;
  private final Directory directory;
  private final CorrelationStore store;
  private final EntryLocator locator;
  private final ReferenceMaintainer references;
  private final ListSnapshots snapshots;
  private final ResourcePresenter presenter;
  private final ResourceLister lister;
  private final EntryWriter writer;

  public ResourceService(EntryMapper mapper, SharedServices shared) {
    this.mapper = mapper;
    this.directory = shared.directory();
    this.store = shared.store();
    this.locator = shared.locator();
    this.references = shared.references();
    this.snapshots = shared.snapshots();
    this.presenter = new ResourcePresenter(mapper, store, locator, shared.locations());
    this.lister = new ResourceLister(mapper, directory, store, locator, presenter, snapshots);
    this.writer = new EntryWriter(mapper, shared);
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
    writer.requireUnique(resource, null);
    Entry entry = mapper.newEntry(resource, locator);
    if (directory.read(dn, List.of("1.1")).isPresent()) {
      throw ScimException.uniqueness(
          "An entry named " + dn + " already exists (it is not a " + name() + ")");
    }
    snapshots.written();
    references.removed(dn);
    directory.add(entry);
    snapshots.written();
    Entry added = writer.reread(dn);
    try {
      locator.remember(mapper, added, mapper.storedValue(resource).orElse(null));
    } catch (ScimException e) {
      LOG.error(
          "Store write failed after adding {}; removing the entry so a retry starts clean", dn);
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

  /** GET with filter, sorting and paging (RFC 7644 §3.4.2); see {@link ResourceLister}. */
  public ListPage list(ListQuery query) {
    return lister.list(query);
  }

  /**
   * PUT: replaces the resource's mapped attributes with the body's (RFC 7644 §3.5.1), except that a
   * body without {@code active} leaves it as it is: a disabled account is never enabled by an
   * omission. The write asserts that the entry is still as read; if another request changed it
   * meanwhile, the replacement is computed again (or, with {@code If-Match}, the answer is 412).
   */
  public ObjectNode replace(String id, JsonNode body, Optional<String> ifMatch) {
    ObjectNode wanted = incoming(body);
    wanted.put("id", id);
    return whileUnchanged(
        ifMatch,
        () -> {
          EntryLocator.Located located = locate(id, true);
          checkVersion(located.entry(), ifMatch);
          ObjectNode before =
              mapper.toScim(located.entry(), id, externalId(located), locator, true);
          ObjectNode after = wanted.deepCopy();
          if (!after.has("active") && before.has("active")) {
            after.set("active", before.get("active"));
          }
          return apply(located, before, after);
        });
  }

  /**
   * Runs a read-change-write step, again when the write found the entry changed since the read
   * (another request won the race): the change is then made on top of the other one, never over it.
   * With {@code If-Match} the client asked for exactly one version, so a 412 stands.
   */
  private <T> T whileUnchanged(Optional<String> ifMatch, java.util.function.Supplier<T> step) {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.get();
      } catch (ScimException e) {
        Optional<ResultCode> rc = LdapErrors.resultCode(e);
        boolean changed = rc.map(c -> c == ResultCode.ASSERTION_FAILED).orElse(false);
        boolean moved = rc.map(c -> c == ResultCode.NO_SUCH_OBJECT).orElse(false);
        if (!(changed && ifMatch.isEmpty()) && !moved || attempt >= MEMBER_ATTEMPTS) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  /**
   * PATCH (RFC 7644 §3.5.2): the operations are applied in memory, then the difference is written
   * as one LDAP modify. Membership changes of a group are written as single-value adds and deletes
   * without reading the member list; then the result has no body unless {@code bodyWanted} (the
   * client asked for attributes), and the HTTP answer is 204.
   */
  public PatchResult patch(
      String id,
      List<PatchOperation> requested,
      Optional<String> ifMatch,
      boolean bodyWanted,
      boolean withMembers) {
    List<PatchOperation> operations = knownPaths(requested);
    if (mapper.mapping().membersRule().isPresent()) {
      Optional<MemberPatch.Split> split = MemberPatch.split(operations);
      if (split.isPresent() && !split.get().changes().isEmpty()) {
        return patchMembers(id, split.get(), ifMatch, bodyWanted, withMembers);
      }
    }
    return whileUnchanged(
        ifMatch,
        () -> {
          EntryLocator.Located located = locate(id, true);
          checkVersion(located.entry(), ifMatch);
          String externalId = externalId(located);
          ObjectNode before = mapper.toScim(located.entry(), id, externalId, locator, true);
          ObjectNode after = PatchEngine.apply(before, operations, schema());
          if (!PatchEngine.changes(before, after)) {
            return PatchResult.of(present(located.entry(), externalId, true));
          }
          return PatchResult.of(apply(located, before, after));
        });
  }

  /**
   * Membership changes, retried (reading the group's state again) when a concurrent request changed
   * the same values first, as happens without the Permissive Modify control.
   */
  private PatchResult patchMembers(
      String id,
      MemberPatch.Split split,
      Optional<String> ifMatch,
      boolean bodyWanted,
      boolean withMembers) {
    for (int attempt = 1; ; attempt++) {
      try {
        return patchMembersOnce(id, split, ifMatch, bodyWanted, withMembers);
      } catch (ScimException e) {
        if (attempt >= MEMBER_ATTEMPTS || !LdapErrors.isConcurrentChange(e)) {
          throw e;
        }
        LOG.debug("Membership of {} {} changed meanwhile; trying again", name(), id);
        pause(attempt);
      }
    }
  }

  /**
   * The operations whose path names an attribute of this resource type. Identity providers send
   * attributes of extensions and schemas the gateway does not carry (each tenant maps different
   * fields); like unknown attributes in a POST, those operations are ignored, not refused.
   */
  private List<PatchOperation> knownPaths(List<PatchOperation> operations) {
    List<PatchOperation> known = new ArrayList<>();
    for (PatchOperation op : operations) {
      if (op.path().isPresent() && !knownPath(op.path().get().attribute())) {
        LOG.debug(
            "Ignoring PATCH {} of '{}', which {} does not have", op.op(), op.path().get(), name());
        continue;
      }
      known.add(op);
    }
    return known;
  }

  private boolean knownPath(org.scimldap.scim.path.AttributePath path) {
    if (schema().resolve(path).isPresent() || schema().resolve(path.parent()).isPresent()) {
      return true;
    }
    String whole = path.schemaUrn() == null ? null : path.schemaUrn() + ":" + path.name();
    return whole != null && schema().schema(whole).isPresent();
  }

  /** A short random pause, so that requests racing for the same group spread out. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 5 * attempt + 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ScimException.unavailable("Interrupted while retrying; retry later", e);
    }
  }

  private PatchResult patchMembersOnce(
      String id,
      MemberPatch.Split split,
      Optional<String> ifMatch,
      boolean bodyWanted,
      boolean withMembers) {
    EntryLocator.Located located = locate(id, false);
    checkVersion(located.entry(), ifMatch);
    String externalId = externalId(located);
    ObjectNode before = mapper.toScim(located.entry(), id, externalId, locator, false);
    ObjectNode after =
        split.others().isEmpty() ? before : PatchEngine.apply(before, split.others(), schema());
    DN group = Entries.dn(located.entry());
    MembersRule rule = mapper.mapping().membersRule().orElseThrow();
    MemberModifications members =
        new MemberModifications(rule, locator, group, dn -> isMember(group, rule, dn));
    List<Modification> memberMods = members.of(split.changes());
    Entry updated;
    if (memberMods.isEmpty() && !PatchEngine.changes(before, after)) {
      // Nothing to write, as far as membership searches on the group's DN tell; they tell nothing
      // if the group was renamed meanwhile, so make sure it is still there.
      updated =
          directory
              .read(group, mapper.attributesToFetch(false))
              .orElseThrow(
                  () ->
                      ScimException.unavailable(
                          name() + " " + id + " was renamed meanwhile; retry",
                          new com.unboundid.ldap.sdk.LDAPException(ResultCode.NO_SUCH_OBJECT)));
    } else {
      updated =
          writer.write(
              located,
              before,
              after,
              false,
              ifMatch.isPresent(),
              memberMods,
              members.emptyingFallback(split.changes()),
              storedValue(located, after));
    }
    if (!bodyWanted) {
      return new PatchResult(Optional.empty(), ResourceMeta.version(updated));
    }
    Entry shown = withMembers ? writer.reread(Entries.dn(updated)) : updated;
    return PatchResult.of(
        present(
            shown,
            mapper.usesStore() ? mapper.storedValue(after).orElse(null) : externalId,
            withMembers));
  }

  /**
   * DELETE: removes references to the entry (group memberships, managers), then the entry, then its
   * store row. References go first: if the delete then fails, a retry finds the entry and finishes;
   * no group is left naming a DN that a later entry could take.
   */
  public void delete(String id, Optional<String> ifMatch) {
    DN dn =
        whileUnchanged(
            ifMatch,
            () -> {
              EntryLocator.Located located = locate(id, false);
              checkVersion(located.entry(), ifMatch);
              DN at = Entries.dn(located.entry());
              snapshots.written();
              try {
                references.removed(at);
                directory.delete(at);
                store.delete(id);
              } finally {
                snapshots.written();
              }
              return at;
            });
    LOG.info("Deleted {} {}", name(), dn);
  }

  private ObjectNode apply(EntryLocator.Located located, ObjectNode before, ObjectNode after) {
    Entry updated =
        writer.write(
            located,
            before,
            after,
            true,
            true,
            List.of(),
            Optional.empty(),
            storedValue(located, after));
    return present(updated, storedValue(located, after), true);
  }

  private String storedValue(EntryLocator.Located located, ObjectNode after) {
    return mapper.usesStore() ? mapper.storedValue(after).orElse(null) : externalId(located);
  }

  private boolean isMember(DN group, MembersRule rule, DN member) {
    boolean[] found = {false};
    directory.search(
        group,
        SearchScope.BASE,
        Filter.createEqualityFilter(rule.ldap(), member.toString()),
        List.of("1.1"),
        e -> found[0] = true);
    return found[0];
  }

  private void checkVersion(Entry entry, Optional<String> ifMatch) {
    String current = ResourceMeta.version(entry);
    if (ifMatch.isPresent() && !Versions.listed(ifMatch.get(), current)) {
      throw ScimException.preconditionFailed(
          "If-Match " + ifMatch.get() + " does not match the current version " + current);
    }
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

  private String externalId(EntryLocator.Located located) {
    return located.row().map(Correlation::externalId).orElse(null);
  }

  private String externalIdOf(Entry entry) {
    return presenter.externalIdOf(entry);
  }

  private ObjectNode present(Entry entry, String externalId, boolean withMembers) {
    return presenter.present(entry, externalId, withMembers);
  }
}
