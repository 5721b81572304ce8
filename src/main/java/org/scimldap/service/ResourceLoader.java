package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Entry;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.scim.ScimException;

/**
 * Loads a resource for a use case: finds its entry by id (404 when there is none), checks {@code
 * If-Match} (412 on another version), and maps the entry to SCIM with its references resolved.
 */
final class ResourceLoader {
  private final EntryMapper mapper;
  private final EntryLocator locator;
  private final ReferenceResolver resolver;
  private final ResourcePresenter presenter;
  private final UnmappedPolicy unmapped;

  ResourceLoader(
      EntryMapper mapper,
      EntryLocator locator,
      ReferenceResolver resolver,
      ResourcePresenter presenter,
      UnmappedPolicy unmapped) {
    this.mapper = mapper;
    this.locator = locator;
    this.resolver = resolver;
    this.presenter = presenter;
    this.unmapped = unmapped;
  }

  /**
   * A resource as read: its entry (with store row), the SCIM resource and the references resolved
   * to build it.
   */
  record Loaded(EntryLocator.Located located, ObjectNode resource, References refs) {
    Entry entry() {
      return located.entry();
    }
  }

  /** The entry of resource {@code id}, read with or without its members; 404 when missing. */
  EntryLocator.Located locate(String id, boolean withMembers) {
    return locate(id, withMembers, Set.of());
  }

  /**
   * The entry of resource {@code id}, read without the directory attributes that only the top-level
   * attributes {@code hidden} need ({@link EntryMapper#attributesToFetch(boolean, Set)}); 404 when
   * missing.
   */
  EntryLocator.Located locate(String id, boolean withMembers, Set<String> hidden) {
    return locator
        .find(id, mapper, mapper.attributesToFetch(withMembers, hidden))
        .orElseThrow(
            () -> ScimException.notFound(mapper.mapping().name() + " " + id + " not found"));
  }

  /** Loads resource {@code id}, checking that it is the version {@code ifMatch} names, if any. */
  Loaded load(String id, boolean withMembers, Optional<String> ifMatch) {
    EntryLocator.Located located = locate(id, withMembers);
    checkVersion(mapper, located, ifMatch);
    return loaded(id, located, withMembers);
  }

  /**
   * Resource {@code id} from {@code remembered}, an entry a write of the gateway left ({@link
   * WrittenEntries}, read with members), and its store row; empty when the row does not name that
   * entry.
   */
  Optional<Loaded> loadRemembered(String id, Entry remembered) {
    return locator.asRemembered(id, mapper, remembered).map(l -> loaded(id, l, true));
  }

  private Loaded loaded(String id, EntryLocator.Located located, boolean withMembers) {
    References refs = presenter.referencesOf(located.entry(), withMembers);
    ObjectNode resource =
        mapper.toScim(located.entry(), id, located.externalId(), refs, withMembers);
    unmapped.mergeInto(resource, located.kept());
    return new Loaded(located, resource, refs);
  }

  /** The references of {@code loaded} together with those {@code after} adds. */
  References referencesFor(Loaded loaded, ObjectNode after) {
    Set<String> unknown = new HashSet<>(mapper.referencedIds(after));
    unknown.removeIf(id -> loaded.refs().dnOf(id).isPresent());
    return loaded.refs().and(resolver.forIds(unknown));
  }

  /** The externalId to keep in the store after a write that leaves the resource {@code after}. */
  String externalIdAfter(EntryLocator.Located located, ObjectNode after) {
    return mapper.usesStore() ? mapper.storedValue(after).orElse(null) : located.externalId();
  }

  /** The parts of {@code after} to keep in the store, by the type's unmapped policy. */
  String keptAfter(ObjectNode after) {
    return unmapped.keptFor(after);
  }

  /** 412 when {@code If-Match} names no current version (RFC 7644 §3.14). */
  static void checkVersion(
      EntryMapper mapper, EntryLocator.Located located, Optional<String> ifMatch) {
    String current =
        ResourceMeta.version(mapper, located.entry(), located.externalId(), located.kept());
    if (ifMatch.isPresent() && !Versions.listed(ifMatch.get(), current)) {
      throw ScimException.preconditionFailed(
          "If-Match " + ifMatch.get() + " does not match the current version " + current);
    }
  }
}
