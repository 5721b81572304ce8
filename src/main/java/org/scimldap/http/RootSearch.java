package org.scimldap.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;
import org.scimldap.scim.filter.AttributePath;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.service.ListPage;
import org.scimldap.service.ListQuery;

/**
 * POST {@code /.search} on the service root (RFC 7644 §3.4.3): one filter over every resource type,
 * paged as one list (types in mapping order). A filter naming an attribute that one type does not
 * have simply matches nothing of that type; it is an error only when no type has it.
 */
final class RootSearch {
  private final List<ResourceHandlers> types;
  private final int maxResults;

  RootSearch(List<ResourceHandlers> types, int maxResults) {
    this.types = List.copyOf(types);
    this.maxResults = maxResults;
  }

  /** A filter narrowed to one resource type: every match, no match, or this filter. */
  private record Pruned(ScimFilter filter) {
    static final Pruned ALL = new Pruned(null);
    static final Pruned NONE = new Pruned(null);
  }

  /**
   * Drops the parts of a filter that name attributes a resource type does not have: such a
   * comparison is false for that type (RFC 7644 §3.4.3 searches all types with one filter).
   */
  private static Pruned prune(ScimFilter filter, ResourceSchema schema) {
    if (filter == null) {
      return Pruned.ALL;
    }
    if (filter instanceof ScimFilter.And and) {
      Pruned l = prune(and.left(), schema);
      Pruned r = prune(and.right(), schema);
      if (l == Pruned.NONE || r == Pruned.NONE) {
        return Pruned.NONE;
      }
      return l == Pruned.ALL
          ? r
          : r == Pruned.ALL ? l : new Pruned(new ScimFilter.And(l.filter, r.filter));
    }
    if (filter instanceof ScimFilter.Or or) {
      Pruned l = prune(or.left(), schema);
      Pruned r = prune(or.right(), schema);
      if (l == Pruned.ALL || r == Pruned.ALL) {
        return Pruned.ALL;
      }
      return l == Pruned.NONE
          ? r
          : r == Pruned.NONE ? l : new Pruned(new ScimFilter.Or(l.filter, r.filter));
    }
    if (filter instanceof ScimFilter.Not not) {
      Pruned inner = prune(not.inner(), schema);
      return inner == Pruned.ALL
          ? Pruned.NONE
          : inner == Pruned.NONE ? Pruned.ALL : new Pruned(new ScimFilter.Not(inner.filter));
    }
    AttributePath path =
        filter instanceof ScimFilter.Compare c
            ? c.path()
            : filter instanceof ScimFilter.Present p
                ? p.path()
                : ((ScimFilter.ValuePath) filter).path();
    return schema.resolve(path.parent()).isPresent() ? new Pruned(filter) : Pruned.NONE;
  }

  void handle(Context ctx) {
    SearchSpec spec = SearchSpec.fromBody(ScimJson.parse(RequestBody.of(ctx)), maxResults);
    if (spec.sortBy() != null && types.size() > 1) {
      throw ScimException.invalidValue("sortBy is not supported on a search across resource types");
    }
    int skip = spec.startIndex() - 1;
    int wanted = spec.count();
    long total = 0;
    ArrayNode resources = ScimJson.mapper().createArrayNode();
    ScimException firstInvalid = null;
    int answered = 0;
    for (ResourceHandlers type : types) {
      Pruned pruned = prune(spec.filter(), type.service().schema());
      if (pruned == Pruned.NONE) {
        answered++;
        continue;
      }
      ListQuery asked = type.query(spec);
      ListQuery all = new ListQuery(pruned.filter, 1, 0, asked.withMembers(), null, false);
      ListPage counted;
      try {
        counted = type.service().list(all);
      } catch (ScimException e) {
        if (e.scimType().orElse(null) == ScimType.INVALID_FILTER) {
          firstInvalid = firstInvalid == null ? e : firstInvalid;
          continue;
        }
        throw e;
      }
      answered++;
      total += counted.totalResults();
      if (skip >= counted.totalResults()) {
        skip -= counted.totalResults();
        continue;
      }
      if (wanted > 0) {
        ListPage page =
            type.service()
                .list(
                    new ListQuery(all.filter(), skip + 1, wanted, all.withMembers(), null, false));
        page.resources().forEach(r -> resources.add(type.project(r, spec)));
        wanted -= page.resources().size();
      }
      skip = 0;
    }
    if (answered == 0 && firstInvalid != null) {
      throw firstInvalid;
    }
    ObjectNode body = ScimJson.mapper().createObjectNode();
    body.putArray("schemas").add(ResourceHandlers.LIST_URN);
    body.put("totalResults", total);
    body.put("itemsPerPage", resources.size());
    body.put("startIndex", spec.startIndex());
    body.set("Resources", resources);
    ScimJson.send(ctx, 200, body);
  }
}
