package org.scimldap.embedded;

import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded directory's change log: LDIF change records (RFC 2849) appended to {@code
 * directory-changes.ldif} and forced to disk before the write they record is answered. It starts
 * with a comment naming the {@link DirectorySnapshot} generation its changes follow; a log whose
 * generation is not the snapshot's is already part of it. Records are separated by an empty line,
 * so a record cut short by a crash (one that was never answered) is recognised and dropped.
 */
final class ChangeLog implements AutoCloseable {
  static final String FILE = "directory-changes.ldif";
  private static final Logger LOG = LoggerFactory.getLogger(ChangeLog.class);
  private static final String HEADER = "# generation ";

  private final Path file;
  private FileChannel channel;
  private IOException broken;
  private long size;

  private ChangeLog(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** What a change log on disk holds. */
  record Contents(long generation, List<LDIFChangeRecord> records) {
    Contents {
      records = List.copyOf(records);
    }
  }

  /**
   * Starts an empty log at {@code file} for changes after snapshot {@code generation}, replacing
   * any log there (atomically, so a crash leaves the old log or the new one).
   */
  static ChangeLog start(Path file, long generation) throws IOException {
    return new ChangeLog(file, fresh(file, generation));
  }

  private static FileChannel fresh(Path file, long generation) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    PrivateFiles.newFile(tmp);
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      write(out, HEADER + generation + "\n\n");
      out.force(true);
    }
    PrivateFiles.replace(tmp, file);
    return FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /** Why the last append or restart failed, until a restart succeeds. */
  synchronized Optional<IOException> failure() {
    return Optional.ofNullable(broken);
  }

  /** Begins again, empty, for changes after snapshot {@code generation}. */
  synchronized void restart(long generation) throws IOException {
    closeChannel();
    try {
      channel = fresh(file, generation);
      broken = null;
      size = 0;
    } catch (IOException e) {
      broken = e;
      throw e;
    }
  }

  /**
   * Appends {@code records} and forces them to disk. After a failed append the log may end in a
   * partial record, so it refuses further appends until {@link #restart}.
   */
  synchronized void append(List<LDIFChangeRecord> records) throws IOException {
    if (broken != null) {
      throw new IOException("the change log failed earlier: " + broken.getMessage(), broken);
    }
    if (channel == null) {
      broken = new IOException(file + " is closed");
      throw broken;
    }
    StringBuilder text = new StringBuilder();
    for (LDIFChangeRecord record : records) {
      text.append(String.join("\n", record.toLDIF())).append("\n\n");
    }
    try {
      size += write(channel, text.toString());
      channel.force(false);
    } catch (IOException e) {
      broken = e;
      throw e;
    }
  }

  /** Writes {@code text} whole and returns its length in bytes. */
  private static int write(FileChannel out, String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
    return bytes.capacity();
  }

  /** How many bytes of records were appended since the log started. */
  synchronized long size() {
    return size;
  }

  /**
   * Reads the log at {@code file}, if there is one. A last record without its closing empty line
   * was being written when the process stopped, and was never answered: it is left out.
   */
  static Optional<Contents> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    List<String> blocks = new ArrayList<>(List.of(text.split("\n\n")));
    if (!text.endsWith("\n\n") && !blocks.isEmpty()) {
      String torn = blocks.remove(blocks.size() - 1);
      if (!torn.isBlank()) {
        LOG.warn("{} ends in a record cut short (never acknowledged); it is ignored", file);
      }
    }
    long generation = -1;
    List<LDIFChangeRecord> records = new ArrayList<>();
    for (String block : blocks) {
      String trimmed = block.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.startsWith(HEADER) && generation < 0 && records.isEmpty()) {
        generation = parseGeneration(file, trimmed.substring(HEADER.length()));
        continue;
      }
      try {
        records.add(LDIFReader.decodeChangeRecord(trimmed.split("\n")));
      } catch (LDIFException e) {
        throw new IOException(
            file + " holds a record that is not LDIF (" + e.getMessage() + "):\n" + trimmed, e);
      }
    }
    if (generation < 0) {
      throw new IOException(file + " does not start with \"" + HEADER + "<number>\"");
    }
    return Optional.of(new Contents(generation, records));
  }

  private static long parseGeneration(Path file, String value) throws IOException {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IOException(file + " names no generation number: " + value, e);
    }
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warn("Could not close {}: {}", file, e.getMessage());
      }
      channel = null;
    }
  }

  @Override
  public synchronized void close() {
    closeChannel();
  }
}
