package org.scimldap.service;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.Entries;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.Adoption;
import org.scimldap.scim.ScimException;

/**
 * Keeps SCIM from changing entries the gateway did not create unless the mapping lets it adopt them
 * ({@link Adoption}): a write to an entry without a correlation row is 403 when the type adopts
 * none, or when the entry does not match the type's adoption filter (which the directory
 * evaluates). Entries with a row (created or adopted through the gateway) are always writable.
 */
final class AdoptionGuard {
  private final EntryMapper mapper;
  private final Directory directory;

  AdoptionGuard(EntryMapper mapper, Directory directory) {
    this.mapper = mapper;
    this.directory = directory;
  }

  /** Fails with 403 when SCIM may not change the located entry. */
  void requireWritable(EntryLocator.Located located) {
    Adoption adopt = mapper.mapping().adopt();
    if (located.row().isPresent() || adopt.mode() == Adoption.Mode.ALL) {
      return;
    }
    if (adopt.mode() == Adoption.Mode.FILTER) {
      List<Entry> matched = new ArrayList<>();
      directory.search(
          Entries.dn(located.entry()),
          SearchScope.BASE,
          adopt.filter().orElseThrow(),
          List.of("1.1"),
          matched::add);
      if (!matched.isEmpty()) {
        return;
      }
    }
    throw new ScimException(
        403,
        null,
        mapper.mapping().name()
            + " "
            + Entries.dn(located.entry())
            + " was not created through the gateway, and the mapping does not let SCIM take it"
            + " over ("
            + adopt
            + "); it can be read, not changed",
        null,
        false);
  }
}
