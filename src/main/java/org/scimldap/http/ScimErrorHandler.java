package org.scimldap.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors that the HTTP server raises before a request reaches the gateway (a malformed URI, a
 * request line or headers too long, a new request while the server stops) answered as SCIM Error
 * responses (RFC 7644 §3.12), not HTML pages.
 */
final class ScimErrorHandler extends ErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ScimServer.class);
  private static final String TYPE = ScimJson.MEDIA_TYPE + "; charset=utf-8";

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    String id = RequestIds.chosen(null);
    fields.put(HttpHeader.CONTENT_TYPE, TYPE);
    fields.put(RequestIds.HEADER, id);
    LOG.info("Unreadable request {} [{}]: {}", status, id, reason);
    if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
      fields.put(HttpHeader.RETRY_AFTER, "5");
      return ByteBuffer.wrap(stopping());
    }
    return ByteBuffer.wrap(body(status, reason));
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    int status = response.getStatus();
    String id = response.getHeader(RequestIds.HEADER);
    if (id == null) {
      id = RequestIds.chosen(request.getHeader(RequestIds.HEADER));
      response.setHeader(RequestIds.HEADER, id);
    }
    LOG.info(
        "{} {} {} [{}] before routing: {}",
        request.getMethod(),
        request.getRequestURI(),
        status,
        id,
        HttpStatus.getMessage(status));
    response.setContentType(TYPE);
    if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
      response.setHeader("Retry-After", "5");
      response.getOutputStream().write(stopping());
      return;
    }
    response.getOutputStream().write(body(status, HttpStatus.getMessage(status)));
  }

  private static byte[] body(int status, String reason) {
    String what = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
    ObjectNode body =
        ErrorResponses.body(status, Optional.empty(), "The request could not be read: " + what);
    return ScimJson.bytes(body);
  }

  /** The server's own 503: it is stopping and takes no new requests (a graceful stop). */
  private static byte[] stopping() {
    ObjectNode body =
        ErrorResponses.body(
            HttpStatus.SERVICE_UNAVAILABLE_503,
            Optional.empty(),
            "The gateway is stopping and takes no new requests; retry shortly");
    return ScimJson.bytes(body);
  }
}
