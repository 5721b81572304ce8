package org.scimldap.mapping.filter;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;

/**
 * Resolves references by asking the directory, as the gateway's reference resolver does: an id
 * names the entry whose {@code entryUUID} it is, a DN names a resource when its entry is one of the
 * mapping's types.
 */
final class DirectoryReferences {
  private final LDAPConnection connection;
  private final String baseDn;
  private final List<EntryMapper> mappers;

  DirectoryReferences(LDAPConnection connection, String baseDn, List<EntryMapper> mappers) {
    this.connection = connection;
    this.baseDn = baseDn;
    this.mappers = List.copyOf(mappers);
  }

  /** The references these ids and DNs make, resolved. */
  References resolve(Collection<String> ids, Collection<DN> dns) {
    References.Builder refs = References.builder();
    for (String id : ids) {
      dnOf(id)
          .ifPresent(dn -> targetOf(dn).ifPresent(t -> refs.resource(id, t.resourceType(), dn)));
    }
    for (DN dn : dns) {
      targetOf(dn).ifPresent(t -> refs.resource(t.id(), t.resourceType(), dn));
    }
    return refs.build();
  }

  private Optional<DN> dnOf(String id) {
    if (!id.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      return Optional.empty();
    }
    try {
      List<SearchResultEntry> found =
          connection
              .search(baseDn, SearchScope.SUB, Filter.createEqualityFilter("entryUUID", id), "1.1")
              .getSearchEntries();
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).getParsedDN());
    } catch (LDAPException e) {
      throw new IllegalStateException("looking up " + id, e);
    }
  }

  private Optional<References.Target> targetOf(DN dn) {
    try {
      SearchResultEntry entry = connection.getEntry(dn.toString(), "objectClass", "entryUUID");
      if (entry == null) {
        return Optional.empty();
      }
      for (EntryMapper mapper : mappers) {
        if (matches(mapper, entry) && entry.hasAttribute("entryUUID")) {
          String id = entry.getAttributeValue("entryUUID").toLowerCase(Locale.ROOT);
          return Optional.of(new References.Target(id, mapper.mapping().name()));
        }
      }
      return Optional.empty();
    } catch (LDAPException e) {
      throw new IllegalStateException("reading " + dn, e);
    }
  }

  private static boolean matches(EntryMapper mapper, SearchResultEntry entry) {
    try {
      return mapper.mapping().entryFilter().matchesEntry(entry);
    } catch (LDAPException e) {
      return false;
    }
  }
}
