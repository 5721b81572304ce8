package org.scimldap.embedded;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.ldif.LDIFWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded directory's copy on disk, {@code directory.ldif}: every entry with its operational
 * attributes, after a comment with its generation, which counts the snapshots taken. The {@link
 * ChangeLog} names the generation its changes follow. A file without the comment (written by hand,
 * or before the change log existed) is generation 0.
 */
final class DirectorySnapshot {
  static final String FILE = "directory.ldif";
  private static final String HEADER = "# generation ";

  private DirectorySnapshot() {}

  /** Writes entries to an LDIF writer. */
  interface Contents {
    void writeTo(LDIFWriter writer) throws LDAPException, IOException;
  }

  /** The generation of the snapshot at {@code file}. */
  static long generation(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null || !first.startsWith(HEADER)) {
        return 0;
      }
      try {
        return Long.parseLong(first.substring(HEADER.length()).strip());
      } catch (NumberFormatException e) {
        throw new IOException(file + " names no generation number: " + first, e);
      }
    }
  }

  /** The entries of the snapshot at {@code file}, in its order. */
  static List<Entry> read(Path file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (LDIFReader reader = new LDIFReader(file.toFile())) {
      for (Entry e = reader.readEntry(); e != null; e = reader.readEntry()) {
        entries.add(e);
      }
    } catch (LDIFException e) {
      throw new IOException(file + " is not valid LDIF: " + e.getMessage(), e);
    }
    return entries;
  }

  /**
   * Writes a snapshot of {@code generation} to a temporary file readable only by its owner, forces
   * it to disk and moves it over {@code file}: a crash leaves the old snapshot or the new one.
   */
  static void write(Path file, long generation, Contents contents)
      throws IOException, LDAPException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    PrivateFiles.newFile(tmp);
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(channel);
      LDIFWriter writer = new LDIFWriter(out);
      writer.writeComment("generation " + generation, false, false);
      contents.writeTo(writer);
      writer.flush();
      channel.force(true);
    }
    PrivateFiles.replace(tmp, file);
  }
}
