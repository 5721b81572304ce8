package org.scimldap.service;

import org.scimldap.scim.filter.ScimFilter;

/**
 * A list request after parsing: filter (or null for all), 1-based start index and page size.
 *
 * @param filter the parsed filter, or {@code null}
 * @param startIndex 1-based index of the first result, at least 1
 * @param count page size, 0 for only the total
 * @param withMembers whether group members are needed in the results
 */
public record ListQuery(ScimFilter filter, int startIndex, int count, boolean withMembers) {
  public ListQuery {
    startIndex = Math.max(1, startIndex);
    count = Math.max(0, count);
  }
}
