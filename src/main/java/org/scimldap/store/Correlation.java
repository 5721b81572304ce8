package org.scimldap.store;

import com.unboundid.ldap.sdk.DN;
import java.time.Instant;
import java.util.Objects;

/**
 * What the gateway knows about one SCIM resource besides the directory entry itself.
 *
 * @param id the SCIM id (derived from the entry's immutable id, so it survives a lost store)
 * @param resourceType {@code User} or {@code Group}
 * @param immutableId the directory's immutable id ({@code entryUUID}, {@code objectGUID})
 * @param dn the entry's current DN
 * @param externalId the client's {@code externalId}, when the mapping keeps it here; may be null
 * @param created the entry's creation time as last read
 * @param lastModified the entry's last change as last read
 * @param version the version last returned ({@code meta.version})
 * @param kept the parts of the resource no mapping rule carries to the directory, as a JSON object
 *     (with {@code unmapped: keep}); may be null
 */
public record Correlation(
    String id,
    String resourceType,
    String immutableId,
    DN dn,
    String externalId,
    Instant created,
    Instant lastModified,
    String version,
    String kept) {

  public Correlation {
    Objects.requireNonNull(id);
    Objects.requireNonNull(resourceType);
    Objects.requireNonNull(immutableId);
    Objects.requireNonNull(dn);
    Objects.requireNonNull(created);
    Objects.requireNonNull(lastModified);
    Objects.requireNonNull(version);
  }

  /** A row without kept parts. */
  public Correlation(
      String id,
      String resourceType,
      String immutableId,
      DN dn,
      String externalId,
      Instant created,
      Instant lastModified,
      String version) {
    this(id, resourceType, immutableId, dn, externalId, created, lastModified, version, null);
  }
}
