package org.scimldap.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and folders only their owner may read: the data folder (store, directory copy) and the
 * generated secrets. Permissions are set when a file is created, never afterwards, so there is no
 * moment when another local user could read it.
 */
public final class PrivateFiles {
  private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private PrivateFiles() {}

  /**
   * Creates {@code dir} (and parents) if needed; a folder it creates is {@code rwx------}. An
   * existing folder keeps its permissions (it may be shared, like a mounted volume), with a warning
   * when others may read it.
   */
  public static void folder(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      if (POSIX
          && Files.getPosixFilePermissions(dir).stream()
              .anyMatch(
                  p -> p.name().startsWith("OTHERS_READ") || p.name().startsWith("GROUP_READ"))) {
        LOG.warn("{} can be read by other users; the gateway's data and secrets are in it", dir);
      }
      return;
    }
    if (POSIX) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
      LOG.warn("{} is on a file system without POSIX permissions; protect it by other means", dir);
    }
  }

  /** Creates a new, empty file readable only by its owner; fails if it exists. */
  public static void newFile(Path file) throws IOException {
    if (POSIX) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
  }

  /**
   * Moves {@code tmp} over {@code target} in one step (a crash leaves one or the other) and forces
   * the folder to disk where the file system can, so that the new name survives a power cut too.
   */
  public static void replace(Path tmp, Path target) throws IOException {
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Path folder = target.toAbsolutePath().getParent();
    if (POSIX && folder != null) {
      try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
        dir.force(true);
      } catch (IOException e) {
        // Some file systems cannot force a folder; the rename is then as durable as they make it.
        LOG.debug("Could not force {} to disk: {}", folder, e.getMessage());
      }
    }
  }

  /**
   * Takes read and write access to {@code file} away from everyone but its owner, if others have
   * any, and says so: for files written by hand or by older versions.
   */
  public static void restrict(Path file) throws IOException {
    if (!POSIX || !Files.exists(file)) {
      return;
    }
    Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
    Set<PosixFilePermission> owner =
        PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwx------" : "rw-------");
    if (!owner.containsAll(now)) {
      now.retainAll(owner);
      Files.setPosixFilePermissions(file, now);
      LOG.warn("{} could be read by other users; it is now readable by its owner only", file);
    }
  }
}
