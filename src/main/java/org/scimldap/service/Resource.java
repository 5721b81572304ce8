package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import org.scimldap.scim.JsonText;

/**
 * A SCIM resource as a use case answers it: the JSON (with {@code meta}), its version for the
 * {@code ETag} header and its URL for the {@code Location} header (RFC 7644 §3.1, §3.14).
 *
 * <p>A resource for a read may also come as the JSON text of its answer without {@code attributes}
 * or {@code excludedAttributes} ({@link #text}), written once and reused while the entry and what
 * it refers to stay the same ({@link PresentedResources}); its {@link #body} is then read from that
 * text when asked for. Each request has its own instance and body; the text is shared and never
 * changed. A holder that changes the body answers with the body, not the text.
 */
public final class Resource {
  private ObjectNode body;
  private final byte[] text;
  private final String version;
  private final String location;

  public Resource(ObjectNode body, String version, String location) {
    this(Objects.requireNonNull(body), null, version, location);
  }

  /** A resource of which at least one of {@code body} and {@code text} is known. */
  Resource(ObjectNode body, byte[] text, String version, String location) {
    if (body == null && text == null) {
      throw new IllegalArgumentException("a resource needs its body or its text");
    }
    this.body = body;
    this.text = text;
    this.version = Objects.requireNonNull(version);
    this.location = Objects.requireNonNull(location);
  }

  /** The resource as JSON, with {@code meta}. */
  public ObjectNode body() {
    if (body == null) {
      body = JsonText.object(text);
    }
    return body;
  }

  /**
   * The JSON text of the answer that shows this resource whole (no {@code attributes} or {@code
   * excludedAttributes}), when it was written as it was presented.
   */
  public Optional<byte[]> text() {
    return Optional.ofNullable(text);
  }

  public String version() {
    return version;
  }

  public String location() {
    return location;
  }
}
