package org.scimldap.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store's database readable by its owner only, on file systems with POSIX permissions: a
 * folder it creates is {@code rwx------}, the database file is created {@code rw-------} before
 * SQLite opens it, and SQLite gives its {@code -wal} and {@code -shm} files the database file's
 * permissions. Files found readable by others (made by an older version, or by hand) lose that.
 */
final class OwnerOnlyFiles {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  /** The database file and the two SQLite keeps beside it in WAL mode. */
  static List<Path> databaseFiles(Path database) {
    return List.of(
        database,
        database.resolveSibling(database.getFileName() + "-wal"),
        database.resolveSibling(database.getFileName() + "-shm"));
  }

  /** Creates the folder of {@code database} if it is missing. */
  static void folderOf(Path database) throws IOException {
    Path folder = database.toAbsolutePath().getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      if (POSIX) {
        Files.createDirectories(
            folder,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(folder);
      }
    }
  }

  /** Creates the database file if it is missing, and restricts it otherwise. */
  static void databaseFile(Path database) throws IOException {
    if (POSIX) {
      try {
        Files.createFile(database, PosixFilePermissions.asFileAttribute(FILE));
      } catch (FileAlreadyExistsException e) {
        // an existing store: restrict() checks it
      }
    }
    restrict(database);
  }

  /** Takes every permission but the owner's read and write away from the database's files. */
  static void restrict(Path database) throws IOException {
    if (!POSIX) {
      return;
    }
    for (Path file : databaseFiles(database)) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
      if (!FILE.containsAll(now)) {
        now.retainAll(FILE);
        Files.setPosixFilePermissions(file, now);
        LOG.warn("{} could be read by other users; it is now readable by its owner only", file);
      }
    }
  }
}
