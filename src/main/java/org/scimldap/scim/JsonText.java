package org.scimldap.scim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The JSON text of the gateway's answers: compact, in UTF-8 (RFC 8259 §8.1), a character outside
 * the Basic Multilingual Plane as its four UTF-8 bytes, and half of a surrogate pair, which UTF-8
 * cannot encode, as its {@code \\u} escape (RFC 8259 §7).
 */
public final class JsonText {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
              .build());

  private JsonText() {}

  /** The text of {@code node}. */
  public static byte[] of(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("JSON tree could not be written", e);
    }
  }

  /** The object that {@link #of} wrote as {@code text}. */
  public static ObjectNode object(byte[] text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("JSON text written by the gateway does not read back", e);
    }
  }
}
