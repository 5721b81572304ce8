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
  private final Handler unrouted;

  /**
   * @param unrouted answers a path that no route of the request's mapping has with its method (404,
   *     or 405 where the path has other methods)
   */
  ResourceRoutes(Handler unrouted) {
    this.unrouted = unrouted;
  }

  /**
   * Registers the routes under {@code base}; register them after the fixed routes (discovery,
   * {@code /.search}, {@code /Bulk}, {@code /Me}), which win where both match.
   */
  void register(Javalin app, String base) {
    String collection = base + "/{endpoint}";
    String resource = collection + "/{id}";
    app.get(collection, to(ResourceHandlers::list));
    app.post(collection, to(ResourceHandlers::create));
    app.post(collection + "/.search", to(ResourceHandlers::search));
    app.get(resource, to(ResourceHandlers::get));
    app.put(resource, to(ResourceHandlers::replace));
    app.patch(resource, to(ResourceHandlers::patch));
    app.delete(resource, to(ResourceHandlers::delete));
    app.head(collection, this::head);
    app.head(resource, this::head);
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
