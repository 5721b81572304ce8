package org.scimldap.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import org.scimldap.ops.CheckResult;
import org.scimldap.ops.GatewayMetrics;
import org.scimldap.ops.Readiness;

/**
 * The endpoints for operators, at the server root outside the SCIM base path: {@code /health/live}
 * (the process serves HTTP), {@code /health/ready} (200 when every {@link Readiness} check passes,
 * otherwise 503, with each check's outcome) and {@code /metrics} (Prometheus text format). The
 * health endpoints need no credentials; their failure details go only to callers on this host.
 */
final class OperationsRoutes {
  private static final String JSON = "application/json";
  private static final String LIVE = "/health/live";
  private static final String READY = "/health/ready";
  private static final String METRICS = "/metrics";

  /** The paths these endpoints answer at. */
  static final List<String> PATHS = List.of(LIVE, READY, METRICS);

  private final Readiness readiness;
  private final GatewayMetrics metrics;
  private final MetricsAccess access;

  /** Who may read {@code /metrics}; throws a SCIM error for a caller that may not. */
  @FunctionalInterface
  interface MetricsAccess {
    void check(Context ctx);
  }

  OperationsRoutes(Readiness readiness, GatewayMetrics metrics, MetricsAccess access) {
    this.readiness = readiness;
    this.metrics = metrics;
    this.access = access;
  }

  void register(Javalin app) {
    app.get(LIVE, this::live);
    app.get(READY, this::ready);
    app.get(METRICS, this::metrics);
  }

  private void live(Context ctx) {
    ObjectNode body = ScimJson.mapper().createObjectNode().put("status", "UP");
    ctx.status(200).contentType(JSON).result(body.toString());
  }

  private void ready(Context ctx) {
    List<CheckResult> results = readiness.check();
    boolean ready = results.stream().allMatch(CheckResult::ok);
    boolean local = RequestLog.fromLoopback(ctx);
    ObjectNode body = ScimJson.mapper().createObjectNode();
    body.put("status", ready ? "UP" : "DOWN");
    ObjectNode checks = body.putObject("checks");
    for (CheckResult result : results) {
      ObjectNode check = checks.putObject(result.name());
      check.put("status", result.ok() ? "UP" : "DOWN");
      if (!result.ok()) {
        check.put(
            "detail",
            local ? result.detail() : "see the gateway's log, or ask from the gateway's own host");
      }
    }
    ctx.status(ready ? 200 : 503).contentType(JSON).result(body.toString());
  }

  private void metrics(Context ctx) {
    access.check(ctx);
    ctx.status(200).contentType(GatewayMetrics.contentType()).result(metrics.scrape());
  }
}
