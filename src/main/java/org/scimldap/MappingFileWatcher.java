package org.scimldap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the mapping file by polling its modification time, size and identity (the inode, where
 * the file system has one): one {@code stat} per interval, which works the same on every file
 * system and operating system, through symbolic links and mounted volumes alike. A change is handed
 * on, with the file's content, once the file has stayed as it is for a whole interval, so several
 * quick saves, or a file still being written, give one delivery of the final content. An editor
 * that saves by writing another file and renaming it over this one is a change like any other;
 * while the file is missing, nothing is delivered.
 *
 * <p>File systems that keep coarse times (whole seconds, or two on FAT) may not show a save made in
 * the same tick as the one seen before it; a file seen that fresh is read again once it is older,
 * and delivered again if its content differs from what was delivered.
 */
final class MappingFileWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MappingFileWatcher.class);
  private static final Duration COARSE_TIMES = Duration.ofSeconds(2);

  /** What a poll sees of the file. */
  private record Stamp(FileTime modified, long size, Object key) {}

  private final Path file;
  private final Duration interval;
  private volatile ScheduledExecutorService poller;
  private Consumer<byte[]> onChange;

  /** The file as last delivered (or as it was before the gateway first read it). */
  private Optional<Stamp> seen;

  /** A state differing from {@link #seen}, waiting to stay the same for one interval. */
  private Stamp settling;

  private byte[] delivered;
  private Instant readAgainAt;
  private boolean missingReported;

  /**
   * Takes the state of the file now: create the watcher before the file is first read, so that a
   * save in between is not missed.
   */
  MappingFileWatcher(Path file, Duration interval) {
    this.file = file;
    this.interval = interval;
    this.seen = stamp();
  }

  /**
   * Polls the file from now on, handing each change to {@code onChange} on the watcher's own
   * thread, one at a time (the state of a watcher is only ever touched by that thread once it
   * runs).
   *
   * @param served the content the gateway read at start
   */
  void start(byte[] served, Consumer<byte[]> onChange) {
    this.delivered = served.clone();
    this.onChange = onChange;
    seen.ifPresent(this::readAgainIfFresh);
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mapping-watch");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.error("Watching the mapping file {} failed; still watching", file, e);
    }
  }

  private void check() {
    Optional<Stamp> now = stamp();
    if (now.isEmpty()) {
      if (!missingReported) {
        LOG.warn("Mapping file {} is missing; still serving the mapping read before", file);
        missingReported = true;
      }
      settling = null;
      return;
    }
    missingReported = false;
    Stamp stamp = now.get();
    if (!now.equals(seen)) {
      if (!stamp.equals(settling)) {
        settling = stamp;
        return;
      }
      settling = null;
      seen = now;
      deliver(stamp, true);
    } else if (readAgainAt != null && !Instant.now().isBefore(readAgainAt)) {
      deliver(stamp, false);
    }
  }

  /** Reads the file and hands it on: always after a change, otherwise when the content differs. */
  private void deliver(Stamp stamp, boolean changed) {
    readAgainAt = null;
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      LOG.warn(
          "Cannot read the mapping file {} ({}); still serving the mapping read before",
          file,
          e.toString());
      return;
    }
    readAgainIfFresh(stamp);
    if (changed || !Arrays.equals(content, delivered)) {
      delivered = content;
      onChange.accept(content.clone());
    }
  }

  private void readAgainIfFresh(Stamp stamp) {
    Instant modified = stamp.modified().toInstant();
    if (Duration.between(modified, Instant.now()).compareTo(COARSE_TIMES) < 0) {
      readAgainAt = modified.plus(COARSE_TIMES);
    }
  }

  private Optional<Stamp> stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return Optional.of(new Stamp(a.lastModifiedTime(), a.size(), a.fileKey()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.debug("Cannot read the attributes of {}: {}", file, e.toString());
      return Optional.empty();
    }
  }

  /** Stops polling, waiting a moment for a change being handled to finish. */
  @Override
  public void close() {
    ScheduledExecutorService running = poller;
    if (running == null) {
      return;
    }
    running.shutdownNow();
    try {
      if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("The mapping file watcher did not stop within 5 seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
