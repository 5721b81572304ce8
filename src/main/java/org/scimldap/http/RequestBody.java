package org.scimldap.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import org.scimldap.scim.ScimException;

/**
 * Reads a request body with a hard limit, whether its size is declared ({@code Content-Length}) or
 * not (chunked): at most the limit plus one byte is ever held, and a longer body is a 413.
 */
final class RequestBody {
  private static final String ATTRIBUTE = "scim.body";

  private RequestBody() {}

  /** Reads and keeps the body of {@code ctx}, failing with 413 beyond {@code limit} bytes. */
  static void read(Context ctx, long limit) {
    long declared = ctx.contentLength();
    if (declared > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      ctx.attribute(ATTRIBUTE, body);
    } catch (IOException e) {
      throw ScimException.invalidSyntax("The request body could not be read: " + e.getMessage());
    }
  }

  /** The body read by {@link #read}; empty when there was none. */
  static byte[] of(Context ctx) {
    byte[] body = ctx.attribute(ATTRIBUTE);
    return body == null ? new byte[0] : body;
  }

  private static ScimException tooLarge(long limit) {
    return new ScimException(
        413, null, "The request body is larger than the limit of " + limit + " bytes");
  }
}
