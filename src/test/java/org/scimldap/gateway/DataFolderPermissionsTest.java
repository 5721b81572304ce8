package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.GatewayUnderTest;

/**
 * Whatever the gateway keeps in its data folder (store and its SQLite journals, the embedded
 * directory's snapshot and change log, generated secrets) only its owner can read.
 */
class DataFolderPermissionsTest {

  @Test
  void everyFileTheGatewayWritesIsReadableByItsOwnerOnly() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    try (GatewayUnderTest gateway = GatewayUnderTest.embedded()) {
      assertEquals(
          201,
          gateway
              .client()
              .post("/Users", GatewayTest.user("perm", "Per", "Mission", "perm@example.com"))
              .status());

      Map<String, String> permissions = new TreeMap<>();
      try (Stream<Path> files = Files.list(gateway.dataDir())) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          permissions.put(
              f.getFileName().toString(),
              PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
      }
      assertTrue(
          permissions
              .keySet()
              .containsAll(
                  List.of(
                      "gateway.db",
                      "gateway.db-wal",
                      "gateway.db-shm",
                      "directory.ldif",
                      "directory-changes.ldif",
                      "ldap-admin-password")),
          permissions.toString());
      permissions.forEach((file, p) -> assertEquals("rw-------", p, file));
    }
  }
}
