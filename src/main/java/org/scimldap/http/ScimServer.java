package org.scimldap.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.scimldap.config.HttpConfig;
import org.scimldap.discovery.DiscoveryDocuments;
import org.scimldap.scim.ScimException;
import org.scimldap.service.ResourceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCIM HTTP endpoint (RFC 7644 §3): Javalin lives only here. Every request under the base path
 * needs a bearer token; every error is a SCIM Error response.
 */
public final class ScimServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScimServer.class);
  private static final String RENDERED = "scim.rendered";
  private static final Set<String> JSON_TYPES = Set.of("application/scim+json", "application/json");

  private final Javalin app;
  private final HttpConfig http;
  private final AtomicBoolean serving;

  private ScimServer(Javalin app, HttpConfig http, AtomicBoolean serving) {
    this.app = app;
    this.http = http;
    this.serving = serving;
  }

  /**
   * Starts listening, so that the port (which may have been 0) and with it the public base URL are
   * known before the services are built; every request needs a bearer token from {@code tokens}.
   * Until {@link #serve} has set everything up, requests get a retryable 503.
   */
  public static ScimServer listen(HttpConfig http, List<String> tokens) {
    String base = http.basePath();
    Javalin app = Javalin.create(cfg -> configure(cfg, http));
    BearerAuth auth = new BearerAuth(tokens);
    AtomicBoolean serving = new AtomicBoolean();
    for (String path : List.of(base + "/*", base)) {
      app.before(path, ctx -> guard(ctx, auth, http.maxBodyBytes()));
      app.before(path, ctx -> requireServing(ctx, serving));
    }
    failureHandling(app);
    app.start(http.host(), http.port());
    LOG.info("SCIM endpoint listening on http://{}:{}{}", http.host(), app.port(), base);
    return new ScimServer(app, http, serving);
  }

  /**
   * Serves the resource types and discovery documents; {@code baseUrl} is the public base URL that
   * discovery documents name.
   */
  public void serve(List<ResourceService> services, DiscoveryDocuments discovery, String baseUrl) {
    String base = http.basePath();
    discoveryRoutes(app, base, new DiscoveryHandlers(discovery, baseUrl));
    List<ResourceHandlers> types = new ArrayList<>();
    for (ResourceService service : services) {
      ResourceHandlers h = new ResourceHandlers(service, http.maxResults());
      types.add(h);
      resourceRoutes(app, base + service.schema().endpoint(), h);
    }
    app.post(base + "/.search", new RootSearch(types, http.maxResults())::handle);
    Set<String> endpoints =
        services.stream().map(s -> s.schema().endpoint().substring(1)).collect(Collectors.toSet());
    routingErrors(app, new AllowedMethods(base, endpoints));
    serving.set(true);
  }

  private static void requireServing(Context ctx, AtomicBoolean serving) {
    if (!serving.get() && ctx.method() != HandlerType.OPTIONS) {
      throw ScimException.unavailable("The gateway is starting; retry shortly", null);
    }
  }

  private static void configure(JavalinConfig cfg, HttpConfig http) {
    cfg.showJavalinBanner = false;
    cfg.jetty.modifyServer(server -> server.setErrorHandler(new ScimErrorHandler()));
    cfg.jetty.modifyServletContextHandler(
        handler -> handler.setErrorHandler(new ScimErrorHandler()));
    cfg.http.maxRequestSize = http.maxBodyBytes();
    cfg.http.prefer405over404 = true;
    cfg.http.defaultContentType = ScimJson.MEDIA_TYPE;
    cfg.requestLogger.http(
        (ctx, ms) ->
            LOG.info(
                "{} {} {} {}ms", ctx.method(), ctx.path(), ctx.status().getCode(), Math.round(ms)));
  }

  /** RFC 7644 §4 discovery, and the endpoints the gateway answers with 501. */
  private static void discoveryRoutes(Javalin app, String base, DiscoveryHandlers d) {
    app.get(base + "/ServiceProviderConfig", d::serviceProviderConfig);
    app.get(base + "/ResourceTypes", d::resourceTypes);
    app.get(base + "/ResourceTypes/{name}", d::resourceType);
    app.get(base + "/Schemas", d::schemas);
    app.get(base + "/Schemas/{urn}", d::schema);
    for (HandlerType verb :
        List.of(
            HandlerType.GET,
            HandlerType.POST,
            HandlerType.PUT,
            HandlerType.PATCH,
            HandlerType.DELETE)) {
      app.addHttpHandler(
          verb,
          base + "/Me",
          ctx -> {
            throw new ScimException(
                501,
                null,
                "/Me is not supported: the gateway authenticates clients with bearer tokens that"
                    + " are not SCIM users");
          });
    }
    app.post(
        base + "/Bulk",
        ctx -> {
          throw new ScimException(
              501, null, "Bulk operations are not supported (see /ServiceProviderConfig)");
        });
  }

  /** RFC 7644 §3.3–3.6 on one resource endpoint. */
  private static void resourceRoutes(Javalin app, String path, ResourceHandlers h) {
    app.get(path, h::list);
    app.post(path, h::create);
    app.post(path + "/.search", h::search);
    app.get(path + "/{id}", h::get);
    app.put(path + "/{id}", h::replace);
    app.patch(path + "/{id}", h::patch);
    app.delete(path + "/{id}", h::delete);
  }

  /** Every failure becomes a SCIM Error response (RFC 7644 §3.12). */
  private static void failureHandling(Javalin app) {
    app.exception(ScimException.class, (e, ctx) -> render(ctx, e));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
          render(ctx, ScimException.internal("Internal error; the gateway log has the details", e));
        });
  }

  /** Unknown paths and methods, as SCIM Error responses naming what is allowed. */
  private static void routingErrors(Javalin app, AllowedMethods allowed) {
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e.getStatus() == 405) {
            notAllowed(ctx, allowed);
          } else {
            render(ctx, fromJavalin(e));
          }
        });
    app.error(
        404,
        ctx -> {
          if (ctx.attribute(RENDERED) == null) {
            render(ctx, ScimException.notFound("No SCIM endpoint at " + ctx.path()));
          }
        });
    app.error(
        405,
        ctx -> {
          if (ctx.attribute(RENDERED) == null) {
            notAllowed(ctx, allowed);
          }
        });
  }

  private static void guard(Context ctx, BearerAuth auth, long maxBody) {
    if (ctx.method() == HandlerType.OPTIONS) {
      return;
    }
    auth.check(ctx);
    QueryStrings.requireWellFormed(ctx.queryString());
    HandlerType m = ctx.method();
    if (m == HandlerType.POST || m == HandlerType.PUT || m == HandlerType.PATCH) {
      String type = ctx.contentType();
      if (type != null && !type.isBlank()) {
        String bare = type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!JSON_TYPES.contains(bare)) {
          throw new ScimException(
              415,
              null,
              "Content-Type must be application/scim+json or application/json, got '" + type + "'");
        }
      }
      RequestBody.read(ctx, maxBody);
    }
  }

  private static void notAllowed(Context ctx, AllowedMethods allowed) {
    ctx.header("Allow", allowed.of(ctx.path()));
    render(ctx, ResourceHandlers.notAllowed(ctx.method().name(), ctx.path()));
  }

  private static ScimException fromJavalin(HttpResponseException e) {
    int status = e.getStatus();
    if (status == 413) {
      return new ScimException(413, null, "The request body is larger than the configured limit");
    }
    return new ScimException(
        status, null, e.getMessage() == null ? "HTTP " + status : e.getMessage());
  }

  private static void render(Context ctx, ScimException e) {
    ctx.attribute(RENDERED, Boolean.TRUE);
    if (e.status() >= 500) {
      LOG.warn("{} {} failed with {}: {}", ctx.method(), ctx.path(), e.status(), e.detail());
    }
    ErrorResponses.render(ctx, e);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
