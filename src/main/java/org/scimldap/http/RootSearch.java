package org.scimldap.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.scimldap.scim.ScimException;
import org.scimldap.service.CrossTypeSearch;
import org.scimldap.service.ResourceService;

/** POST {@code /.search} on the service root (RFC 7644 §3.4.3), over every resource type. */
final class RootSearch {
  private final Map<ResourceService, ResourceHandlers> handlers;
  private final CrossTypeSearch search;
  private final int maxResults;

  RootSearch(List<ResourceHandlers> types, int maxResults) {
    this.handlers =
        types.stream().collect(Collectors.toMap(ResourceHandlers::service, Function.identity()));
    this.search = new CrossTypeSearch(types.stream().map(ResourceHandlers::service).toList());
    this.maxResults = maxResults;
  }

  void handle(Context ctx) {
    SearchSpec spec = SearchSpec.fromBody(ScimJson.parse(RequestBody.of(ctx)), maxResults);
    if (spec.sortBy() != null && handlers.size() > 1) {
      throw ScimException.invalidValue("sortBy is not supported on a search across resource types");
    }
    CrossTypeSearch.Page page =
        search.search(
            spec.filter(),
            spec.startIndex(),
            spec.count(),
            type -> handlers.get(type).query(spec).withMembers());
    List<ObjectNode> resources =
        page.resources().stream()
            .map(f -> handlers.get(f.type()).project(f.resource(), spec))
            .toList();
    ScimJson.send(ctx, 200, ListResponses.of(page.totalResults(), page.startIndex(), resources));
  }
}
