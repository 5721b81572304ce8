package org.scimldap.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

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
   *
   * <p>One route per method takes every path under {@code base}, and the path is taken apart here
   * ({@link Target}): Javalin matches a route with path parameters by regular expression, and
   * extracts the parameters with another, which cost a tenth of a GET. Paths are answered as such
   * routes answered them: a path of another shape as a path without a route (404), a method the
   * path does not take as {@code unrouted} says.
   */
  void register(Javalin app, String base) {
    String every = base + "/*";
    for (HandlerType method :
        List.of(
            HandlerType.GET,
            HandlerType.POST,
            HandlerType.PUT,
            HandlerType.PATCH,
            HandlerType.DELETE,
            HandlerType.HEAD)) {
      app.addHttpHandler(method, every, ctx -> dispatch(ctx, base));
    }
  }

  private void dispatch(Context ctx, String base) throws Exception {
    Optional<Target> found = Target.of(ctx.path(), base);
    if (found.isEmpty()) {
      // As Javalin answers a path that no route matches.
      throw new NotFoundResponse(
          "Endpoint " + ctx.method().name() + " " + ctx.path() + " not found");
    }
    String id = found.get().id();
    HandlerType method = ctx.method();
    if (method == HandlerType.HEAD) {
      head(ctx);
      return;
    }
    if (method == HandlerType.GET && fixed.read(ctx, writtenEndpoint(ctx.path(), base), id)) {
      return;
    }
    Optional<ResourceHandlers> handlers = ServedMapping.of(ctx).handlers(ctx.path());
    if (handlers.isEmpty()) {
      unrouted.handle(ctx);
      return;
    }
    ResourceHandlers h = handlers.get();
    if (id == null && method == HandlerType.GET) {
      h.list(ctx);
    } else if (id == null && method == HandlerType.POST) {
      h.create(ctx);
    } else if (found.get().search() && method == HandlerType.POST) {
      h.search(ctx);
    } else if (id != null && method == HandlerType.GET) {
      h.get(ctx, id);
    } else if (id != null && method == HandlerType.PUT) {
      h.replace(ctx, id);
    } else if (id != null && method == HandlerType.PATCH) {
      h.patch(ctx, id);
    } else if (id != null && method == HandlerType.DELETE) {
      h.delete(ctx, id);
    } else {
      unrouted.handle(ctx);
    }
  }

  /**
   * A path under the base with the shape of a resource route: {@code /{endpoint}}, {@code
   * /{endpoint}/{id}} or {@code /{endpoint}/.search}, with one trailing slash allowed.
   *
   * @param id the second segment, percent-decoded as Javalin decodes a path parameter; null for a
   *     collection
   * @param search true when the second segment is {@code .search}, which POST takes as a search and
   *     the other methods as an id
   */
  record Target(String id, boolean search) {
    static Optional<Target> of(String path, String base) {
      int from = base.endsWith("/") ? base.length() : base.length() + 1;
      if (path.length() < from || !path.startsWith(base) || path.charAt(from - 1) != '/') {
        return Optional.empty();
      }
      int end = path.endsWith("/") ? path.length() - 1 : path.length();
      int slash = path.indexOf('/', from);
      if (end <= from || slash == from) {
        return Optional.empty();
      }
      if (slash < 0 || slash >= end) {
        return Optional.of(new Target(null, false));
      }
      int third = path.indexOf('/', slash + 1);
      if (slash + 1 >= end || (third >= 0 && third < end)) {
        return Optional.empty();
      }
      String raw = path.substring(slash + 1, end);
      return Optional.of(new Target(decoded(raw), raw.equals(".search")));
    }

    /** As Javalin decodes a path parameter: percent escapes, with a {@code +} left as it is. */
    private static String decoded(String raw) {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8).replace("%2B", "+");
    }
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

  /** As Javalin answers a HEAD where a GET route exists: 200, nothing else. */
  private void head(Context ctx) throws Exception {
    if (ServedMapping.of(ctx).allowed().hasGet(ctx.path())) {
      ctx.status(200);
    } else {
      unrouted.handle(ctx);
    }
  }
}
