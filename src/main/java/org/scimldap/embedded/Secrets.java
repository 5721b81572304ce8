package org.scimldap.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Generated secrets kept in files readable only by the owner; a file found readable by others is
 * restricted when read.
 */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** The secret stored in {@code file}, creating a random one (256 bits, hex) on first use. */
  public static String readOrCreate(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      PrivateFiles.restrict(file);
      String existing = Files.readString(file).trim();
      if (!existing.isEmpty()) {
        return existing;
      }
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = HexFormat.of().formatHex(bytes);
    PrivateFiles.folder(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    PrivateFiles.newFile(tmp);
    Files.writeString(tmp, secret + "\n");
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    return secret;
  }
}
