package org.scimldap.service;

import com.unboundid.ldif.LDIFChangeRecord;
import java.util.List;
import java.util.Objects;

/**
 * What the gateway would write for one SCIM request, worked out without writing.
 *
 * @param resourceType the resource type of the request
 * @param changes the LDAP operations, in order: an add; or a modify DN, then a modify
 * @param unresolved ids the request refers to that were not looked up (no directory), each shown in
 *     {@code changes} as the DN {@code unresolved=<id>}
 * @param notes what else the gateway does around these operations
 */
public record Explanation(
    String resourceType,
    List<LDIFChangeRecord> changes,
    List<String> unresolved,
    List<String> notes) {

  public Explanation {
    Objects.requireNonNull(resourceType);
    changes = List.copyOf(changes);
    unresolved = List.copyOf(unresolved);
    notes = List.copyOf(notes);
  }
}
