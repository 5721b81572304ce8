package org.scimldap.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.scimldap.config.HttpConfig;
import org.scimldap.discovery.DiscoveryDocuments;
import org.scimldap.http.auth.Authenticator;
import org.scimldap.ldap.RequestDeadline;
import org.scimldap.ops.AuditTrail;
import org.scimldap.ops.GatewayMetrics;
import org.scimldap.ops.Readiness;
import org.scimldap.scim.ScimException;
import org.scimldap.service.ResourceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCIM HTTP endpoint (RFC 7644 §3): Javalin lives only here. Every request under the base path
 * needs a credential ({@link Authenticator}) and the rights for what it asks ({@link
 * RequestRights}); every error is a SCIM Error response.
 *
 * <p>What a mapping determines (resource endpoints, their services, discovery documents) is held as
 * one {@link ServedMapping} that {@link #replace} swaps whole; each request is pinned to the one
 * current when it starts, and the routes look endpoints up in it.
 */
public final class ScimServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScimServer.class);
  private static final String RENDERED = "scim.rendered";

  /** The client name of every valid token, until tokens carry names of their own. */
  private static final Set<String> JSON_TYPES = Set.of("application/scim+json", "application/json");

  private final Javalin app;
  private final HttpConfig http;
  private final Authenticator auth;
  private final RequestLog requests;

  /** The mapping served now; null until {@link #serve}. */
  private final AtomicReference<ServedMapping> current;

  private volatile String baseUrl;

  private ScimServer(
      Javalin app,
      HttpConfig http,
      AtomicReference<ServedMapping> current,
      Authenticator auth,
      RequestLog requests) {
    this.app = app;
    this.http = http;
    this.current = current;
    this.auth = auth;
    this.requests = requests;
  }

  /**
   * Starts listening, so that the port (which may have been 0) and with it the public base URL are
   * known before the services are built; every request needs a credential that {@code auth}
   * accepts, and the rights for what it asks. Serves HTTPS when {@code http.tls} is set. Until
   * {@link #serve} has set everything up, requests get a retryable 503. Each request under the base
   * path has {@code http.requestDeadlineMillis} for all its directory operations together, from
   * when its body has been read ({@link RequestDeadline}). The steps before a request under the
   * base path run in the one handler that every request passes: Javalin matches the path of each
   * other handler against every request, by regular expression.
   */
  public static ScimServer listen(HttpConfig http, Authenticator auth) {
    String base = http.basePath();
    Optional<TlsKeys.Loaded> keys =
        http.tls().enabled() ? Optional.of(TlsKeys.load(http.tls())) : Optional.empty();
    RequestLog requests = new RequestLog(base);
    Javalin app =
        Javalin.create(
            cfg -> {
              configure(cfg, http, requests);
              keys.ifPresent(
                  k ->
                      cfg.jetty.addConnector(
                          (server, plain) -> TlsConnector.create(server, plain, http, k)));
            });
    AtomicReference<ServedMapping> current = new AtomicReference<>();
    Duration budget = Duration.ofMillis(http.requestDeadlineMillis());
    // The deadline ends with the request's log line (RequestLog.end), not in an after-handler:
    // each handler makes Javalin match its path against the request's once more.
    app.before(
        ctx -> {
          RequestDeadline.clear();
          requests.begin(ctx);
          if (RequestLog.underBase(ctx.path(), base)) {
            guard(ctx, auth, http);
            pin(ctx, current);
            RequestRights.check(ctx, base);
            RequestDeadline.start(budget);
          }
        });
    failureHandling(app);
    routingErrors(app);
    if (scimRoutesFirst(base)) {
      scimRoutes(app, base);
    }
    app.start(http.host(), http.port());
    connectionLimits(app, http);
    LOG.info(
        "SCIM endpoint listening on {}://{}:{}{}",
        keys.isPresent() ? "https" : "http",
        http.host(),
        app.port(),
        base);
    return new ScimServer(app, http, current, auth, requests);
  }

  /**
   * Serves the endpoints for operators ({@link OperationsRoutes}) and, from now on, counts every
   * request in {@code metrics} and writes every SCIM write to {@code audit}.
   */
  public void operate(Readiness readiness, GatewayMetrics metrics, AuditTrail audit) {
    new OperationsRoutes(readiness, metrics, this::metricsAccess).register(app);
    requests.observeWith(metrics, audit);
  }

  /** True once a mapping is served. */
  public boolean serving() {
    return current.get() != null;
  }

  /** {@code /metrics} is open to callers on this host; others need an administrator's right. */
  private void metricsAccess(Context ctx) {
    if (!RequestLog.fromLoopback(ctx)) {
      RequestLog.authenticatedAs(ctx, auth.requireAdmin(ctx).name());
    }
  }

  /**
   * Serves the resource types and discovery documents of a mapping; {@code baseUrl} is the public
   * base URL that discovery documents name. Called once, after {@link #listen}.
   */
  public void serve(List<ResourceService> services, DiscoveryDocuments discovery, String baseUrl) {
    if (this.baseUrl != null) {
      throw new IllegalStateException("the SCIM endpoint is already serving");
    }
    this.baseUrl = baseUrl;
    ServedMapping first = new ServedMapping(services, discovery, baseUrl, http);
    String base = http.basePath();
    if (!scimRoutesFirst(base)) {
      scimRoutes(app, base);
    }
    current.set(first);
  }

  /**
   * Serves the resource types and discovery documents of another mapping from now on, in place of
   * those served so far, all at once. Requests already under way finish with the mapping they
   * started with.
   */
  public void replace(List<ResourceService> services, DiscoveryDocuments discovery) {
    if (baseUrl == null) {
      throw new IllegalStateException("replace() needs serve() first");
    }
    current.set(new ServedMapping(services, discovery, baseUrl, http));
  }

  /**
   * True when no operators' path ({@link OperationsRoutes}) lies under {@code base}: the SCIM
   * routes are then registered as the server starts, ahead of the operators' ones. Javalin tries a
   * request's path against each route of its method in turn, by regular expression, and three times
   * per request; a SCIM request, by far the most frequent, then matches the first.
   */
  static boolean scimRoutesFirst(String base) {
    return OperationsRoutes.PATHS.stream().noneMatch(path -> RequestLog.underBase(path, base));
  }

  /**
   * The SCIM endpoints under {@code base}; each request is served with the mapping pinned to it
   * ({@link ServedMapping}).
   */
  private static void scimRoutes(Javalin app, String base) {
    discoveryRoutes(app, base);
    app.post(base + "/.search", ctx -> ServedMapping.of(ctx).rootSearch().handle(ctx));
    new ResourceRoutes(
            ScimServer::unrouted, (ctx, endpoint, id) -> discovery(ctx).read(ctx, endpoint, id))
        .register(app, base);
  }

  /** Pins the current mapping to a request; until there is one, the answer is a retryable 503. */
  private static void pin(Context ctx, AtomicReference<ServedMapping> current) {
    ServedMapping served = current.get();
    if (served != null) {
      served.pinTo(ctx);
    } else if (ctx.method() != HandlerType.OPTIONS) {
      throw ScimException.unavailable("The gateway is starting; retry shortly", null);
    }
  }

  private static void configure(JavalinConfig cfg, HttpConfig http, RequestLog requests) {
    cfg.showJavalinBanner = false;
    gracefulStop(cfg, http);
    cfg.jetty.modifyServer(server -> server.setErrorHandler(new ScimErrorHandler()));
    cfg.jetty.modifyServletContextHandler(
        handler -> handler.setErrorHandler(new ScimErrorHandler()));
    cfg.http.maxRequestSize = http.maxBodyBytes();
    cfg.http.prefer405over404 = true;
    cfg.http.defaultContentType = ScimJson.MEDIA_TYPE;
    cfg.http.customCompression(compression());
    cfg.requestLogger.http(requests::end);
  }

  /**
   * Answers of 1,500 bytes or more are sent gzip-compressed to clients that accept it. The gateway
   * sends only JSON and text, so no media type is excluded: Javalin's default list (images, audio,
   * archives) is matched, case-insensitively, against the content type of every answer, which costs
   * more than the rest of the compression decision.
   */
  private static CompressionStrategy compression() {
    CompressionStrategy gzip = new CompressionStrategy(null, new Gzip());
    gzip.setExcludedMimeTypes(List.of());
    return gzip;
  }

  /**
   * A client connection silent for {@code http.idleTimeoutMillis} (while it sends a request, or
   * between requests) is closed, so that idle or trickling clients do not hold it.
   */
  private static void connectionLimits(Javalin app, HttpConfig http) {
    for (Connector connector : app.jettyServer().server().getConnectors()) {
      if (connector instanceof AbstractConnector c) {
        c.setIdleTimeout(http.idleTimeoutMillis());
      }
    }
  }

  /**
   * On {@link #close()}, the server stops accepting connections, answers new requests on open ones
   * with 503, and gives the requests under way up to {@code http.shutdownGraceMillis} to finish
   * (Jetty's graceful stop, which the statistics handler of Javalin's server makes possible).
   */
  private static void gracefulStop(JavalinConfig cfg, HttpConfig http) {
    cfg.jetty.modifyServer(server -> server.setStopTimeout(http.shutdownGraceMillis()));
  }

  /**
   * The endpoints the gateway answers with 501. RFC 7644 §4 discovery is read through the resource
   * routes ({@link ResourceRoutes}), ahead of the resource types, so that Javalin does not match
   * five more paths against every GET.
   */
  private static void discoveryRoutes(Javalin app, String base) {
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

  private static DiscoveryHandlers discovery(Context ctx) {
    return ServedMapping.of(ctx).discovery();
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
  private static void routingErrors(Javalin app) {
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e.getStatus() == 405) {
            unrouted(ctx);
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
            unrouted(ctx);
          }
        });
  }

  /**
   * A request whose method no route of its mapping has at its path: a 405 naming the methods the
   * path allows or, when the mapping has no such path at all (an endpoint it does not have), the
   * 404 of an unknown path. An OPTIONS request before the first mapping is served has none.
   */
  private static void unrouted(Context ctx) {
    Optional<String> allowed =
        ServedMapping.pinned(ctx).flatMap(served -> served.allowed().of(ctx.path()));
    if (allowed.isPresent()) {
      ctx.header("Allow", allowed.get());
      render(ctx, ResourceHandlers.notAllowed(ctx.method().name(), ctx.path()));
    } else {
      render(
          ctx,
          ScimException.notFound(
              "Endpoint " + ctx.method().name() + " " + ctx.path() + " not found"));
    }
  }

  private static void guard(Context ctx, Authenticator auth, HttpConfig http) {
    if (ctx.method() == HandlerType.OPTIONS) {
      return;
    }
    RequestLog.authenticatedAs(ctx, auth.authenticate(ctx).name());
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
      RequestBody.read(ctx, http.maxBodyBytes(), Duration.ofMillis(http.bodyReadDeadlineMillis()));
    }
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
    RequestLog.failedWith(ctx, e);
    ErrorResponses.render(ctx, e);
  }

  public int port() {
    return app.port();
  }

  /**
   * Stops gracefully: requests under way finish (for up to {@code http.shutdownGraceMillis}), new
   * ones are refused or get 503.
   */
  @Override
  public void close() {
    LOG.info(
        "SCIM endpoint stopping; requests under way have up to {} ms to finish",
        http.shutdownGraceMillis());
    app.stop();
    LOG.info("SCIM endpoint stopped");
  }
}
