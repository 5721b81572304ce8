package org.scimldap.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id of each request, in {@code X-Request-Id}: the client's own when it sent a sane one (at
 * most 128 letters, digits and {@code . _ : - @ + =}), otherwise a new random UUID. Every answer
 * carries it, and every log line and audit line about the request names it.
 */
final class RequestIds {
  static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = "scim.requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:@+=-]{1,128}");

  private RequestIds() {}

  /** Gives the request its id, and the answer the header. */
  static void assign(Context ctx) {
    String id = chosen(ctx.header(HEADER));
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
  }

  /** The id of a request whose {@code X-Request-Id} is {@code sent} (null when none). */
  static String chosen(String sent) {
    return sent != null && SANE.matcher(sent).matches() ? sent : random().toString();
  }

  /**
   * A random (version 4) UUID. An id only ties lines about one request together and guards nothing,
   * so it is drawn from the thread's own generator rather than the shared secure one every request
   * would queue for.
   */
  private static UUID random() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long high = (r.nextLong() & ~0xF000L) | 0x4000L;
    long low = (r.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }

  /** The request's id; {@code -} for one that never got one (refused before routing). */
  static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id == null ? "-" : id;
  }
}
