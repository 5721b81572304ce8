package org.scimldap.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Optional;
import org.scimldap.http.auth.AccessRefusedException;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;

/** Renders SCIM Error responses (RFC 7644 §3.12); never a stack trace. */
final class ErrorResponses {
  static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";

  private ErrorResponses() {}

  /** The body of an Error response. */
  static ObjectNode body(int status, Optional<ScimType> scimType, String detail) {
    ObjectNode body = ScimJson.mapper().createObjectNode();
    body.putArray("schemas").add(ERROR_URN);
    body.put("status", String.valueOf(status));
    scimType.ifPresent(t -> body.put("scimType", t.keyword()));
    body.put("detail", detail);
    return body;
  }

  static void render(Context ctx, ScimException e) {
    if (e.retryable()) {
      ctx.header("Retry-After", "5");
    }
    if (e instanceof AccessRefusedException refused) {
      refused
          .headers()
          .forEach((name, values) -> values.forEach(v -> ctx.res().addHeader(name, v)));
    } else if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"scim\"");
    }
    ScimJson.send(ctx, e.status(), body(e.status(), e.scimType(), e.detail()));
  }
}
