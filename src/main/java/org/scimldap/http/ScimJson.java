package org.scimldap.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import java.io.IOException;
import org.scimldap.scim.JsonText;
import org.scimldap.scim.ScimException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON reader and writer of the HTTP layer, with limits on nesting and sizes. */
final class ScimJson {
  private static final Logger LOG = LoggerFactory.getLogger(ScimJson.class);

  static final String MEDIA_TYPE = "application/scim+json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(64)
                          .maxStringLength(1_000_000)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private ScimJson() {}

  static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses a request body; anything that is not one JSON value in UTF-8 (RFC 8259 §8.1) is a 400
   * invalidSyntax, and so is a string holding half of a UTF-16 surrogate pair, escaped or not
   * ({@link UnpairedSurrogates}). Errors name the line and column.
   */
  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ScimException.invalidSyntax("The request body is empty; a JSON object is expected");
    }
    requireUtf8(body);
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ScimException.invalidSyntax("The request body is empty; a JSON object is expected");
      }
      UnpairedSurrogates.reject(node, body, MAPPER);
      return node;
    } catch (StreamConstraintsException e) {
      throw ScimException.invalidSyntax(
          "The request body is too deeply nested or holds a value that is too long");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().split("\n")[0];
      throw ScimException.invalidSyntax("The request body is not valid JSON" + where + ": " + what);
    } catch (IOException e) {
      throw ScimException.invalidSyntax("The request body could not be read as JSON");
    }
  }

  /**
   * Refuses a body in UTF-16 or UTF-32, which the JSON parser would otherwise detect and decode,
   * replacing an unpaired surrogate with U+FFFD unseen. JSON text in UTF-8 never starts with a byte
   * order mark of those encodings, nor holds a zero byte among its first four (RFC 4627 §3).
   */
  private static void requireUtf8(byte[] body) {
    boolean foreignMark = body[0] == (byte) 0xFE || body[0] == (byte) 0xFF;
    for (int i = 0; i < Math.min(4, body.length) && !foreignMark; i++) {
      foreignMark = body[i] == 0;
    }
    if (foreignMark) {
      throw ScimException.invalidSyntax(
          "The request body is not JSON in UTF-8 (RFC 8259 §8.1): it has a zero byte among"
              + " its first four or starts with a UTF-16 or UTF-32 byte order mark");
    }
  }

  /**
   * Sends a JSON answer as UTF-8 (RFC 8259 §8.1), saying so in the Content-Type. The bytes go to
   * the response's stream in one write (compressed there when the client takes it), not through
   * Javalin's result stream, which copies them over in chunks once the handlers are done. A client
   * that went away meanwhile is left to Jetty.
   */
  static void send(Context ctx, int status, JsonNode body) {
    send(ctx, status, bytes(body));
  }

  /** {@link #send(Context, int, JsonNode)} for an answer already written as JSON text. */
  static void send(Context ctx, int status, byte[] text) {
    ctx.status(status).contentType(MEDIA_TYPE + "; charset=utf-8");
    try {
      ctx.outputStream().write(text);
    } catch (IOException e) {
      LOG.debug("The answer to {} {} was not sent: {}", ctx.method(), ctx.path(), e.toString());
    }
  }

  /** The JSON text of {@code node} ({@link JsonText}). */
  static byte[] bytes(JsonNode node) {
    return JsonText.of(node);
  }
}
