package org.scimldap.service;

import java.util.Set;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.schema.ScimSchema;

/**
 * A list or search request after parsing (RFC 7644 §3.4.2).
 *
 * @param filter the parsed filter, or {@code null} for all resources
 * @param startIndex 1-based index of the first result, at least 1
 * @param count page size, 0 for only the total
 * @param withMembers whether group members are needed in the results
 * @param sortBy attribute to sort by, or {@code null} for the gateway's stable default order
 * @param descending sort order
 * @param hidden the top-level attributes the answer will not show (as {@link
 *     org.scimldap.scim.schema.ResourceSchema#topLevelKey(ScimSchema, String)} names them), whose
 *     directory attributes the page need not read; empty when every attribute may be shown
 */
public record ListQuery(
    ScimFilter filter,
    int startIndex,
    int count,
    boolean withMembers,
    AttributePath sortBy,
    boolean descending,
    Set<String> hidden) {
  public ListQuery {
    startIndex = Math.max(1, startIndex);
    count = Math.max(0, count);
    hidden = Set.copyOf(hidden);
  }

  public ListQuery(
      ScimFilter filter,
      int startIndex,
      int count,
      boolean withMembers,
      AttributePath sortBy,
      boolean descending) {
    this(filter, startIndex, count, withMembers, sortBy, descending, Set.of());
  }

  public ListQuery(ScimFilter filter, int startIndex, int count, boolean withMembers) {
    this(filter, startIndex, count, withMembers, null, false);
  }
}
