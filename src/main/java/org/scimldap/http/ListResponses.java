package org.scimldap.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The body of a list or search answer: a ListResponse message (RFC 7644 §3.4.2). */
final class ListResponses {
  static final String LIST_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

  private ListResponses() {}

  /** A ListResponse holding {@code resources}, the page that starts at {@code startIndex}. */
  static ObjectNode of(long totalResults, int startIndex, List<ObjectNode> resources) {
    ObjectNode body = ScimJson.mapper().createObjectNode();
    body.putArray("schemas").add(LIST_URN);
    body.put("totalResults", totalResults);
    body.put("itemsPerPage", resources.size());
    body.put("startIndex", startIndex);
    body.putArray("Resources").addAll(resources);
    return body;
  }

  /**
   * {@link #of}, for resources already written as JSON text: the same ListResponse, written around
   * them.
   */
  static byte[] text(long totalResults, int startIndex, List<byte[]> resources) {
    String head =
        "{\"schemas\":[\""
            + LIST_URN
            + "\"],\"totalResults\":"
            + totalResults
            + ",\"itemsPerPage\":"
            + resources.size()
            + ",\"startIndex\":"
            + startIndex
            + ",\"Resources\":[";
    int size = head.length() + Math.max(0, resources.size() - 1) + 2;
    for (byte[] r : resources) {
      size += r.length;
    }
    byte[] out = new byte[size];
    byte[] start = head.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(start, 0, out, 0, start.length);
    int at = start.length;
    for (int i = 0; i < resources.size(); i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      byte[] r = resources.get(i);
      System.arraycopy(r, 0, out, at, r.length);
      at += r.length;
    }
    out[at++] = ']';
    out[at] = '}';
    return out;
  }
}
