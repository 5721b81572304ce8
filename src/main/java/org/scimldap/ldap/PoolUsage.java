package org.scimldap.ldap;

/**
 * How the directory's connection pool is used, counted since it was opened: what metrics show.
 *
 * @param idle connections open and waiting for a request
 * @param max connections the pool may hold
 * @param checkoutsWaited requests that had to wait for a connection to be returned
 * @param checkoutsFailed requests that got no connection at all
 * @param connectsFailed connections that could not be opened (directory down, bind refused)
 */
public record PoolUsage(
    int idle, int max, long checkoutsWaited, long checkoutsFailed, long connectsFailed) {}
