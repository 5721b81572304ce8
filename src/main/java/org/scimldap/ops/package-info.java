/**
 * What operators see of the running gateway: readiness checks, metrics of requests, directory
 * operations and the store, and the audit log of writes. It wraps the directory and the store from
 * outside ({@link org.scimldap.ops.MeteredDirectory}, {@link org.scimldap.ops.AuditedDirectory}),
 * so the layers below know nothing of it; the HTTP layer serves and feeds it.
 */
package org.scimldap.ops;
