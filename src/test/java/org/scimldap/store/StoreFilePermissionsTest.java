package org.scimldap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.unboundid.ldap.sdk.DN;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The correlation store's database, its {@code -wal} and {@code -shm} files and the folder made for
 * them are readable by their owner only, whatever the process's umask lets new files be.
 */
class StoreFilePermissionsTest {
  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
  }

  @Test
  void aNewStoreAndItsFolderAreReadableByTheOwnerOnly() throws Exception {
    Path file = dir.resolve("data").resolve("gateway.db");
    try (SqliteCorrelationStore store = SqliteCorrelationStore.open(file)) {
      store.save(row());
      assertEquals("rwx------", permissions(file.getParent()));
      for (String name : new String[] {"gateway.db", "gateway.db-wal", "gateway.db-shm"}) {
        Path f = file.resolveSibling(name);
        assertTrue(Files.exists(f), name + " exists while the store is open");
        assertEquals("rw-------", permissions(f), name);
      }
    }
  }

  @Test
  void aStoreOthersCouldReadIsRestrictedWhenOpened() throws Exception {
    Path file = dir.resolve("gateway.db");
    try (SqliteCorrelationStore store = SqliteCorrelationStore.open(file)) {
      store.save(row());
    }
    for (String name : new String[] {"gateway.db", "gateway.db-wal", "gateway.db-shm"}) {
      Path f = file.resolveSibling(name);
      if (Files.exists(f)) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    try (SqliteCorrelationStore store = SqliteCorrelationStore.open(file)) {
      assertEquals("jdoe-id", store.findById("jdoe-id").orElseThrow().id());
      for (String name : new String[] {"gateway.db", "gateway.db-wal", "gateway.db-shm"}) {
        assertEquals("rw-------", permissions(file.resolveSibling(name)), name);
      }
    }
  }

  private static Correlation row() throws Exception {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    return new Correlation(
        "jdoe-id",
        "User",
        "uuid-1",
        new DN("uid=jdoe,ou=people,dc=example,dc=com"),
        null,
        now,
        now,
        "W/\"1\"");
  }

  private static String permissions(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
