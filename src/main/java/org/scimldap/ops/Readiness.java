package org.scimldap.ops;

import com.unboundid.ldap.sdk.DN;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.StoreException;

/**
 * Whether the gateway can serve SCIM requests now: the directory answers a read of its root DSE
 * (RFC 4512 §5.1) on a pooled, bound connection; the correlation store takes a write (rolled back);
 * and a valid mapping is served. Each check says why it failed.
 */
public final class Readiness {
  private final Directory directory;
  private final CorrelationStore store;
  private final BooleanSupplier mappingServed;

  /**
   * @param mappingServed true once the endpoint serves a mapping that passed validation
   */
  public Readiness(Directory directory, CorrelationStore store, BooleanSupplier mappingServed) {
    this.directory = directory;
    this.store = store;
    this.mappingServed = mappingServed;
  }

  /** Runs every check, in order: directory, store, mapping. */
  public List<CheckResult> check() {
    return List.of(directory(), store(), mapping());
  }

  private CheckResult directory() {
    try {
      try {
        directory.read(DN.NULL_DN, List.of("1.1"));
      } catch (DirectoryException e) {
        if (!e.isOutage()) {
          throw e;
        }
        // A pooled connection found dead says only that; a fresh one says why (refused, no
        // such host, TLS).
        directory.read(DN.NULL_DN, List.of("1.1"));
      }
      return CheckResult.passed("directory");
    } catch (DirectoryException e) {
      String said = e.diagnostic().isEmpty() ? "" : ": " + e.diagnostic();
      return CheckResult.failed(
          "directory",
          e.connectProblem().orElse(e.resultCode().getName() + said)
              + " ("
              + directory.describe()
              + ")");
    }
  }

  private CheckResult store() {
    try {
      store.checkWritable();
      return CheckResult.passed("store");
    } catch (StoreException e) {
      Throwable cause = e.getCause();
      return CheckResult.failed(
          "store", e.getMessage() + (cause == null ? "" : ": " + cause.getMessage()));
    }
  }

  private CheckResult mapping() {
    return mappingServed.getAsBoolean()
        ? CheckResult.passed("mapping")
        : CheckResult.failed("mapping", "no mapping is served yet (the gateway is starting)");
  }
}
