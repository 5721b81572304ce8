package org.scimldap.http;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimldap.config.HttpConfig;
import org.scimldap.discovery.DiscoveryDocuments;
import org.scimldap.service.ResourceService;

/**
 * Everything the SCIM endpoint serves that one mapping determines: the handlers of each resource
 * endpoint (and through them the services and mappers of each type), the search across types, the
 * discovery documents, and which methods each path allows. Built whole for one mapping and never
 * changed; a new mapping is a new instance, put in place by {@link ScimServer#replace}.
 *
 * <p>A request takes the instance that is current when it starts ({@link #pinTo}) and uses only
 * that one to its end ({@link #of}), so no request sees part of one mapping and part of another.
 */
final class ServedMapping {
  private static final String ATTRIBUTE = "scim.mapping";

  private final Map<String, ResourceHandlers> endpoints;
  private final RootSearch rootSearch;
  private final DiscoveryHandlers discovery;
  private final AllowedMethods allowed;

  /**
   * @param services one per resource type, in mapping order
   * @param baseUrl the public base URL that discovery documents name
   */
  ServedMapping(
      List<ResourceService> services,
      DiscoveryDocuments documents,
      String baseUrl,
      HttpConfig http) {
    Map<String, ResourceHandlers> byName = new LinkedHashMap<>();
    for (ResourceService service : services) {
      byName.put(
          service.schema().endpoint().substring(1),
          new ResourceHandlers(service, http.maxResults()));
    }
    this.endpoints = Collections.unmodifiableMap(byName);
    this.rootSearch = new RootSearch(List.copyOf(endpoints.values()), http.maxResults());
    this.discovery = new DiscoveryHandlers(documents, baseUrl);
    this.allowed = new AllowedMethods(http.basePath(), endpoints.keySet());
  }

  /** Makes this the mapping of a request, for every later step of it. */
  void pinTo(Context ctx) {
    ctx.attribute(ATTRIBUTE, this);
  }

  /** The mapping a request was pinned to when it started. */
  static ServedMapping of(Context ctx) {
    return pinned(ctx)
        .orElseThrow(() -> new IllegalStateException("no mapping was pinned to " + ctx.path()));
  }

  /** The mapping a request was pinned to; none for an OPTIONS request before the first one. */
  static Optional<ServedMapping> pinned(Context ctx) {
    return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
  }

  /** The handlers of the resource endpoint a request path is under. */
  Optional<ResourceHandlers> handlers(String path) {
    return allowed.endpoint(path).map(endpoints::get);
  }

  /** The names of the resource types served, e.g. {@code [User, Group]}. */
  List<String> typeNames() {
    return endpoints.values().stream().map(h -> h.service().name()).toList();
  }

  RootSearch rootSearch() {
    return rootSearch;
  }

  DiscoveryHandlers discovery() {
    return discovery;
  }

  AllowedMethods allowed() {
    return allowed;
  }
}
