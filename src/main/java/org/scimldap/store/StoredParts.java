package org.scimldap.store;

/**
 * What the store holds of a resource that its entry does not: all a page of resources needs from
 * it.
 *
 * @param externalId the client's {@code externalId}, when the mapping keeps it here; may be null
 * @param kept the parts no mapping rule carries to the directory, as a JSON object; may be null
 */
public record StoredParts(String externalId, String kept) {}
