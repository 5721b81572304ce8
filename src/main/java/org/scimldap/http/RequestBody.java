package org.scimldap.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.scimldap.scim.ScimException;

/**
 * Reads a request body with a hard limit, whether its size is declared ({@code Content-Length}) or
 * not (chunked): at most the limit plus one byte is ever held, and a longer body is a 413. The body
 * must arrive in full within a time limit: a client that sends it slower gets 408 and its
 * connection is closed, so that slow senders cannot hold the server's threads. (Between two reads,
 * the connector's idle timeout bounds the wait.)
 */
final class RequestBody {
  private static final String ATTRIBUTE = "scim.body";
  private static final int CHUNK = 8192;

  private RequestBody() {}

  /**
   * Reads and keeps the body of {@code ctx}, failing with 413 beyond {@code limit} bytes and with
   * 408 when it takes longer than {@code deadline}.
   */
  static void read(Context ctx, long limit, Duration deadline) {
    long declared = ctx.contentLength();
    if (declared > limit) {
      throw tooLarge(limit);
    }
    long endsAt = System.nanoTime() + deadline.toNanos();
    int max = (int) Math.min(Integer.MAX_VALUE - 8, limit + 1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] chunk = new byte[CHUNK];
    try (InputStream in = ctx.req().getInputStream()) {
      int n;
      while (body.size() < max
          && (n = in.read(chunk, 0, Math.min(CHUNK, max - body.size()))) >= 0) {
        body.write(chunk, 0, n);
        if (System.nanoTime() - endsAt > 0) {
          ctx.header("Connection", "close");
          throw new ScimException(
              408,
              null,
              "The request body did not arrive within "
                  + deadline.toMillis()
                  + " ms (http.bodyReadDeadlineMillis); "
                  + body.size()
                  + " bytes were received");
        }
      }
      if (body.size() > limit) {
        throw tooLarge(limit);
      }
      ctx.attribute(ATTRIBUTE, body.toByteArray());
    } catch (IOException e) {
      ctx.header("Connection", "close");
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
