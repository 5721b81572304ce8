package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One page of a list or search (RFC 7644 §3.4.2.4).
 *
 * @param totalResults how many resources match in all
 * @param startIndex 1-based index of the first resource on this page
 * @param presented the page
 */
public record ListPage(int totalResults, int startIndex, List<Resource> presented) {
  public ListPage {
    presented = List.copyOf(presented);
  }

  /** The page's resources as JSON. */
  public List<ObjectNode> resources() {
    return presented.stream().map(Resource::body).toList();
  }
}
