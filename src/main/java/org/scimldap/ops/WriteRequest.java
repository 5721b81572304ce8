package org.scimldap.ops;

import java.util.Objects;

/**
 * A SCIM write as the HTTP layer saw it, once answered: what the audit log says of it besides the
 * directory writes it made.
 *
 * @param operation {@code create}, {@code replace}, {@code patch} or {@code delete}
 * @param resourceType the resource endpoint, e.g. {@code Users}
 * @param id the resource's id; empty when it has none (a create that failed)
 * @param status the HTTP status of the answer
 * @param requestId the request's {@code X-Request-Id}
 * @param client the name of the authenticated client
 * @param source the client's address
 */
public record WriteRequest(
    String operation,
    String resourceType,
    String id,
    int status,
    String requestId,
    String client,
    String source) {
  public WriteRequest {
    Objects.requireNonNull(operation);
    Objects.requireNonNull(resourceType);
    Objects.requireNonNull(id);
    Objects.requireNonNull(requestId);
    Objects.requireNonNull(client);
    Objects.requireNonNull(source);
  }
}
