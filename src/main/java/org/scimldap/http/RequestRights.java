package org.scimldap.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;
import org.scimldap.http.auth.AccessRefusedException;
import org.scimldap.http.auth.Authenticator;
import org.scimldap.http.auth.Principal;

/**
 * Whether the authenticated client may do what a request asks (403 otherwise): reading a resource
 * type ({@code GET}, {@code HEAD}, {@code POST …/.search}) needs its read right, anything else on
 * its endpoint its write right, and the search across types ({@code POST /.search}) reading every
 * type served. Discovery documents need no right beyond authentication.
 */
final class RequestRights {
  private RequestRights() {}

  static void check(Context ctx, String base) {
    Optional<ServedMapping> served = ServedMapping.pinned(ctx);
    Optional<Principal> principal = Authenticator.principal(ctx);
    if (ctx.method() == HandlerType.OPTIONS || served.isEmpty() || principal.isEmpty()) {
      return;
    }
    Principal p = principal.get();
    if (p.rights().mayWriteEvery()) {
      return;
    }
    String path = ctx.path();
    if (path.equals(base + "/.search")) {
      if (!p.rights().mayReadAll(served.get().typeNames())) {
        throw AccessRefusedException.forbidden(
            "Client '"
                + p.name()
                + "' may not search across all resource types: it may not read"
                + " every one of "
                + served.get().typeNames());
      }
      return;
    }
    Optional<String> type = served.get().handlers(path).map(h -> h.service().name());
    if (type.isEmpty()) {
      return;
    }
    HandlerType m = ctx.method();
    boolean reads =
        m == HandlerType.GET
            || m == HandlerType.HEAD
            || (m == HandlerType.POST && path.endsWith("/.search"));
    if (reads && !p.rights().mayRead(type.get())) {
      throw AccessRefusedException.forbidden(
          "Client '" + p.name() + "' may not read " + type.get() + " resources");
    }
    if (!reads && !p.rights().mayWrite(type.get())) {
      throw AccessRefusedException.forbidden(
          "Client '"
              + p.name()
              + "' may not "
              + m.name()
              + " "
              + type.get()
              + " resources: it may "
              + (p.rights().mayRead(type.get()) ? "only read them" : "not use them"));
    }
  }
}
