package org.scimldap.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import org.scimldap.ldap.RequestDeadline;
import org.scimldap.ops.AuditTrail;
import org.scimldap.ops.GatewayMetrics;
import org.scimldap.ops.RequestIdConverter;
import org.scimldap.ops.WriteRequest;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What happens at the start and the end of every request: its id ({@link RequestIds}); one log line
 * once it is answered, which for a 4xx or 5xx names the request id, the client, the status, the
 * {@code scimType} and the detail of the SCIM error; its metrics; and, for a SCIM write, its audit
 * line.
 */
final class RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger(ScimServer.class);
  private static final String ERROR = "scim.error";
  private static final String CLIENT = "scim.client";
  private static final Set<String> FIXED_ENDPOINTS =
      Set.of("ServiceProviderConfig", "ResourceTypes", "Schemas", ".search", "Bulk", "Me");
  private static final Set<String> OPERATIONS_PATHS = Set.of("health", "metrics");

  private final String base;
  private volatile GatewayMetrics metrics;
  private volatile AuditTrail audit;

  RequestLog(String base) {
    this.base = base;
  }

  /** From now on, requests are counted in {@code metrics} and writes audited in {@code audit}. */
  void observeWith(GatewayMetrics metrics, AuditTrail audit) {
    this.metrics = metrics;
    this.audit = audit;
  }

  /**
   * The first step of every request. Until its own line, what is logged while it is served carries
   * its id as {@code requestId} in the MDC ({@code %X{requestId}} in a Logback pattern).
   */
  void begin(Context ctx) {
    RequestIds.assign(ctx);
    MDC.put(RequestIdConverter.MDC_KEY, RequestIds.of(ctx));
    AuditTrail trail = audit;
    if (trail != null) {
      trail.begin();
    }
  }

  /** Notes the SCIM error a request is answered with, for its log line. */
  static void failedWith(Context ctx, ScimException e) {
    ctx.attribute(ERROR, e);
  }

  /** Notes the name of the client a request was authenticated as. */
  static void authenticatedAs(Context ctx, String client) {
    ctx.attribute(CLIENT, client);
  }

  /** The name of the authenticated client that sent the request; {@code -} when none was. */
  static String client(Context ctx) {
    String name = ctx.attribute(CLIENT);
    return name == null ? "-" : name;
  }

  /** True when the request comes from this host. */
  static boolean fromLoopback(Context ctx) {
    try {
      return InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * True for {@code base} itself and the paths below it; every path is below a base of {@code /}.
   */
  static boolean underBase(String path, String base) {
    return path.startsWith(base)
        && (path.length() == base.length()
            || base.endsWith("/")
            || path.charAt(base.length()) == '/');
  }

  /** The last step of every request, once it is answered: its directory deadline ends too. */
  void end(Context ctx, float ms) {
    RequestDeadline.clear();
    MDC.remove(RequestIdConverter.MDC_KEY);
    int status = ctx.status().getCode();
    String path = ctx.path();
    Optional<String> endpoint =
        underBase(path, base)
            ? ServedMapping.pinned(ctx).flatMap(served -> served.allowed().endpoint(path))
            : Optional.empty();
    String resource = endpoint.orElseGet(() -> fixedResource(ctx));
    log(ctx, status, Math.round(ms), resource);
    GatewayMetrics m = metrics;
    if (m != null) {
      m.request(resource, ctx.method().name(), status, Math.round(ms * 1_000_000.0));
    }
    AuditTrail trail = audit;
    if (trail != null) {
      Optional<String> operation =
          endpoint.isPresent() ? writeOperation(ctx) : Optional.<String>empty();
      if (operation.isPresent()) {
        trail.finish(
            new WriteRequest(
                operation.get(),
                resource,
                resourceId(ctx).orElse(""),
                status,
                RequestIds.of(ctx),
                client(ctx),
                ctx.req().getRemoteAddr()));
      } else {
        trail.discard();
      }
    }
  }

  private void log(Context ctx, int status, long ms, String resource) {
    if (status < 400) {
      if (OPERATIONS_PATHS.contains(resource)) {
        LOG.debug("{} {} {} {}ms [{}]", ctx.method(), ctx.path(), status, ms, RequestIds.of(ctx));
      } else {
        LOG.info("{} {} {} {}ms [{}]", ctx.method(), ctx.path(), status, ms, RequestIds.of(ctx));
      }
      return;
    }
    ScimException e = ctx.attribute(ERROR);
    String scimType = e == null ? "-" : e.scimType().map(ScimType::keyword).orElse("-");
    String detail = e == null ? "-" : e.detail();
    String format = "{} {} {} {}ms [{}] client={} scimType={} detail: {}";
    Object[] args = {
      ctx.method(), ctx.path(), status, ms, RequestIds.of(ctx), client(ctx), scimType, detail
    };
    if (status >= 500) {
      LOG.warn(format, args);
    } else {
      LOG.info(format, args);
    }
  }

  /**
   * What a request path is under, for metrics, when it is not a resource endpoint ({@code Users}):
   * a fixed SCIM endpoint ({@code Schemas}), {@code health}, {@code metrics}, or {@code other} — a
   * bounded set, never an id.
   */
  private String fixedResource(Context ctx) {
    String path = ctx.path();
    if (path.equals(base) || path.startsWith(base + "/")) {
      String rest = path.substring(base.length());
      String first = rest.startsWith("/") ? rest.substring(1).split("/")[0] : "";
      return FIXED_ENDPOINTS.contains(first) ? first : "other";
    }
    String first = path.startsWith("/") ? path.substring(1).split("/")[0] : "";
    return OPERATIONS_PATHS.contains(first) ? first : "other";
  }

  /**
   * The SCIM write a request to a resource endpoint is, if it is one: a POST to the endpoint
   * ({@code /Users}), or a PUT, PATCH or DELETE of a resource ({@code /Users/{id}}); never a {@code
   * .search}.
   */
  private Optional<String> writeOperation(Context ctx) {
    if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
      return Optional.empty();
    }
    Optional<String> id = idInPath(ctx);
    if (id.filter(".search"::equals).isPresent()) {
      return Optional.empty();
    }
    return switch (ctx.method()) {
      case POST -> id.isEmpty() ? Optional.of("create") : Optional.empty();
      case PUT -> id.map(i -> "replace");
      case PATCH -> id.map(i -> "patch");
      case DELETE -> id.map(i -> "delete");
      default -> Optional.empty();
    };
  }

  /** The segment after the endpoint: {@code {id}} of {@code /Users/{id}}. */
  private Optional<String> idInPath(Context ctx) {
    String[] segments = ctx.path().substring(base.length()).split("/");
    return segments.length >= 3 && !segments[2].isEmpty()
        ? Optional.of(segments[2])
        : Optional.empty();
  }

  /** The id in the path ({@code /Users/{id}}), or for a create the one its Location names. */
  private Optional<String> resourceId(Context ctx) {
    Optional<String> inPath = idInPath(ctx);
    if (inPath.isPresent()) {
      return inPath;
    }
    String location = ctx.res().getHeader("Location");
    if (location != null && location.contains("/")) {
      return Optional.of(location.substring(location.lastIndexOf('/') + 1));
    }
    return Optional.empty();
  }
}
