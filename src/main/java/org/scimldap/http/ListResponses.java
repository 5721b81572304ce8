package org.scimldap.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
}
