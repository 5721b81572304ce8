package org.scimldap.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.function.BiConsumer;

/**
 * The routes of the resource endpoints (RFC 7644 §3.3–3.6), the same whatever the mapping: {@code
 * /{endpoint}}, {@code /{endpoint}/.search} and {@code /{endpoint}/{id}}. Each looks the endpoint
 * up in the mapping its request is pinned to ({@link ServedMapping}), so endpoints come and go with
 * the mapping; a path under an endpoint that mapping does not have is answered as a path without a
 * route.
 */
final class ResourceRoutes {
  /** A GET of a fixed path that goes through these routes, such as discovery's. */
  @FunctionalInterface
  interface FixedReads {
    /**
     * Answers a GET of {@code /{endpoint}} ({@code id} null) or {@code /{endpoint}/{id}} when the
     * path is a fixed one; false, having answered nothing, otherwise.
     */
    boolean read(Context ctx, String endpoint, String id) throws Exception;
  }

  private final Handler unrouted;
  private final FixedReads fixed;

  /**
   * @param unrouted answers a path that no route of the request's mapping has with its method (404,
   *     or 405 where the path has other methods)
   * @param fixed the GETs of fixed paths with the shape of a resource path, which win over the
   *     resource types
   */
  ResourceRoutes(Handler unrouted, FixedReads fixed) {
    this.unrouted = unrouted;
    this.fixed = fixed;
  }

  /**
   * Registers the routes under {@code base}; register them after the fixed routes ({@code
   * /.search}, {@code /Bulk}, {@code /Me}), which win where both match. The fixed GETs ({@code
   * fixed}, discovery) win over the resource types here.
   */
  void register(Javalin app, String base) {
    String collection = base + "/{endpoint}";
    String resource = collection + "/{id}";
    Handler list = to(ResourceHandlers::list);
    Handler get = to(ResourceHandlers::get);
    app.get(
        collection,
        ctx -> {
          if (!fixed.read(ctx, writtenEndpoint(ctx.path(), base), null)) {
            list.handle(ctx);
          }
        });
    app.post(collection, to(ResourceHandlers::create));
    app.post(collection + "/.search", to(ResourceHandlers::search));
    app.get(
        resource,
        ctx -> {
          if (!fixed.read(ctx, writtenEndpoint(ctx.path(), base), ctx.pathParam("id"))) {
            get.handle(ctx);
          }
        });
    app.put(resource, to(ResourceHandlers::replace));
    app.patch(resource, to(ResourceHandlers::patch));
    app.delete(resource, to(ResourceHandlers::delete));
    app.head(collection, this::head);
    app.head(resource, this::head);
  }

  /**
   * The path's segment after {@code base} as the client wrote it, not percent-decoded: a fixed path
   * is recognized only as written, as the resource types are.
   */
  static String writtenEndpoint(String path, String base) {
    int from = Math.min(path.length(), base.endsWith("/") ? base.length() : base.length() + 1);
    int to = path.indexOf('/', from);
    return path.substring(from, to < 0 ? path.length() : to);
  }

  private Handler to(BiConsumer<ResourceHandlers, Context> handler) {
    return ctx -> {
      var handlers = ServedMapping.of(ctx).handlers(ctx.path());
      if (handlers.isPresent()) {
        handler.accept(handlers.get(), ctx);
      } else {
        unrouted.handle(ctx);
      }
    };
  }

  /** As Javalin answers a HEAD where a GET route exists: 200, nothing else. */
  private void head(Context ctx) throws Exception {
    if (ServedMapping.of(ctx).allowed().hasGet(ctx.path())) {
      ctx.status(200);
    } else {
      unrouted.handle(ctx);
    }
  }
}
