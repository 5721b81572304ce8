package org.scimldap.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.patch.PatchRequestParser;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.schema.AttributeProjection;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.service.ListPage;
import org.scimldap.service.ListQuery;
import org.scimldap.service.PatchResult;
import org.scimldap.service.Resource;
import org.scimldap.service.ResourceService;
import org.scimldap.service.Versions;

/** HTTP handlers of one resource endpoint (RFC 7644 §3.3–3.6): body in, projected JSON out. */
final class ResourceHandlers {
  private final ResourceService service;

  /** Whether an answer without {@code attributes} or {@code excludedAttributes} shows members. */
  private final boolean membershipShown;

  private final int maxResults;

  ResourceHandlers(ResourceService service, int maxResults) {
    this.service = service;
    this.maxResults = maxResults;
    this.membershipShown =
        AttributeProjection.needs(service.schema(), List.of(), List.of(), membership());
  }

  void create(Context ctx) {
    JsonNode body = ScimJson.parse(RequestBody.of(ctx));
    Resource created = service.create(body);
    ctx.header("Location", created.location());
    respond(ctx, 201, created);
  }

  void get(Context ctx, String id) {
    Resource resource =
        service.get(id, wantsMembers(ctx), hidden(attributes(ctx), excludedAttributes(ctx)));
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch != null && Versions.listed(ifNoneMatch, resource.version())) {
      ctx.header("ETag", resource.version());
      ctx.status(304);
      return;
    }
    respond(ctx, 200, resource);
  }

  void list(Context ctx) {
    writeList(ctx, SearchSpec.fromQuery(ctx, maxResults));
  }

  /** POST {@code /<endpoint>/.search} (RFC 7644 §3.4.3). */
  void search(Context ctx) {
    writeList(ctx, SearchSpec.fromBody(ScimJson.parse(RequestBody.of(ctx)), maxResults));
  }

  private void writeList(Context ctx, SearchSpec spec) {
    ListPage page = service.list(query(spec));
    if (spec.attributes().isEmpty() && spec.excludedAttributes().isEmpty()) {
      List<byte[]> texts =
          page.presented().stream()
              .map(r -> r.text().orElseGet(() -> ScimJson.bytes(project(r.body(), spec))))
              .toList();
      ScimJson.send(ctx, 200, ListResponses.text(page.totalResults(), page.startIndex(), texts));
      return;
    }
    List<ObjectNode> resources =
        page.presented().stream().map(r -> project(r.body(), spec)).toList();
    ScimJson.send(ctx, 200, ListResponses.of(page.totalResults(), page.startIndex(), resources));
  }

  ListQuery query(SearchSpec spec) {
    boolean members =
        AttributeProjection.needs(
            service.schema(), spec.attributes(), spec.excludedAttributes(), membership());
    return new ListQuery(
        spec.filter(),
        spec.startIndex(),
        spec.count(),
        members,
        spec.sortBy(),
        spec.descending(),
        hidden(spec.attributes(), spec.excludedAttributes()));
  }

  /**
   * The top-level attributes ({@link ResourceSchema#topLevelKey}) that {@code attributes} and
   * {@code excludedAttributes} keep out of the answer; none without either.
   */
  private Set<String> hidden(List<AttributePath> attributes, List<AttributePath> excluded) {
    if (attributes.isEmpty() && excluded.isEmpty()) {
      return Set.of();
    }
    ResourceSchema schema = service.schema();
    return schema.topLevelKeys(
        (owner, a) ->
            !AttributeProjection.needs(
                schema,
                attributes,
                excluded,
                owner == schema.core() ? a.name() : owner.id() + ":" + a.name()));
  }

  ObjectNode project(ObjectNode resource, SearchSpec spec) {
    return AttributeProjection.project(
        resource, service.schema(), spec.attributes(), spec.excludedAttributes());
  }

  ResourceService service() {
    return service;
  }

  void replace(Context ctx, String id) {
    JsonNode body = ScimJson.parse(RequestBody.of(ctx));
    respond(ctx, 200, service.replace(id, body, ifMatch(ctx)));
  }

  void patch(Context ctx, String id) {
    JsonNode body = ScimJson.parse(RequestBody.of(ctx));
    boolean bodyWanted =
        ctx.queryParam("attributes") != null || ctx.queryParam("excludedAttributes") != null;
    PatchResult result =
        service.patch(
            id, PatchRequestParser.parse(body), ifMatch(ctx), bodyWanted, wantsMembers(ctx));
    if (result.resource().isPresent()) {
      respond(ctx, 200, result.resource().get());
    } else {
      ctx.header("ETag", result.version());
      ctx.status(204);
    }
  }

  void delete(Context ctx, String id) {
    service.delete(id, ifMatch(ctx));
    ctx.status(204);
  }

  private static List<AttributePath> attributes(Context ctx) {
    return AttributeProjection.parseList(ctx.queryParam("attributes"));
  }

  private static List<AttributePath> excludedAttributes(Context ctx) {
    return AttributeProjection.parseList(ctx.queryParam("excludedAttributes"));
  }

  private boolean wantsMembers(Context ctx) {
    List<AttributePath> attributes = attributes(ctx);
    List<AttributePath> excluded = excludedAttributes(ctx);
    return attributes.isEmpty() && excluded.isEmpty()
        ? membershipShown
        : AttributeProjection.needs(service.schema(), attributes, excluded, membership());
  }

  /**
   * The attribute that costs the directory extra reads: a group's {@code members}, or a user's
   * {@code groups}; the service reads it only when the answer shows it.
   */
  private String membership() {
    return service.schema().core().attribute("members").isPresent() ? "members" : "groups";
  }

  private void respond(Context ctx, int status, Resource resource) {
    List<AttributePath> attributes = attributes(ctx);
    List<AttributePath> excluded = excludedAttributes(ctx);
    ctx.header("ETag", resource.version());
    if (attributes.isEmpty() && excluded.isEmpty() && resource.text().isPresent()) {
      ScimJson.send(ctx, status, resource.text().get());
      return;
    }
    ScimJson.send(
        ctx,
        status,
        AttributeProjection.project(resource.body(), service.schema(), attributes, excluded));
  }

  private static Optional<String> ifMatch(Context ctx) {
    return Optional.ofNullable(ctx.header("If-Match")).filter(s -> !s.isBlank());
  }

  static ScimException notAllowed(String method, String path) {
    return new ScimException(405, null, "Method " + method + " is not supported on " + path);
  }
}
