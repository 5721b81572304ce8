package org.scimldap.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.scimldap.scim.ScimException;

/** Renders SCIM Error responses (RFC 7644 §3.12); never a stack trace. */
final class ErrorResponses {
  static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";

  private ErrorResponses() {}

  static void render(Context ctx, ScimException e) {
    ObjectNode body = ScimJson.mapper().createObjectNode();
    body.putArray("schemas").add(ERROR_URN);
    body.put("status", String.valueOf(e.status()));
    e.scimType().ifPresent(t -> body.put("scimType", t.keyword()));
    body.put("detail", e.detail());
    if (e.retryable()) {
      ctx.header("Retry-After", "5");
    }
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"scim\"");
    }
    ScimJson.send(ctx, e.status(), body);
  }
}
