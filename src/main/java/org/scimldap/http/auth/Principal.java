package org.scimldap.http.auth;

/**
 * The client a request was authenticated as.
 *
 * @param name the client's configured name (or, for an OAuth token, the value of its client claim)
 * @param rights what it may do
 */
public record Principal(String name, Rights rights) {}
