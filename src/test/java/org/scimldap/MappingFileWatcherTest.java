package org.scimldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher hands on each change of the file once it has settled, whichever way it was saved, and
 * nothing while it is unchanged or missing.
 */
class MappingFileWatcherTest {
  private static final Duration INTERVAL = Duration.ofMillis(100);

  @TempDir Path dir;
  private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
  private MappingFileWatcher watcher;

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
  }

  private Path watch(String content) throws Exception {
    return watch(content, Duration.ZERO);
  }

  /** Watches a new file, whose modification time is set {@code age} back first. */
  private Path watch(String content, Duration age) throws Exception {
    Path file = Files.writeString(dir.resolve("mapping.yaml"), content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    watcher = new MappingFileWatcher(file, INTERVAL);
    watcher.start(
        content.getBytes(StandardCharsets.UTF_8),
        bytes -> delivered.add(new String(bytes, StandardCharsets.UTF_8)));
    return file;
  }

  private String next() throws InterruptedException {
    return delivered.poll(5, TimeUnit.SECONDS);
  }

  /** Nothing more within a few intervals. */
  private void nothingMore() throws InterruptedException {
    assertNull(delivered.poll(INTERVAL.toMillis() * 4, TimeUnit.MILLISECONDS));
  }

  @Test
  void quickSavesAreHandedOnOnceWithTheLastContent() throws Exception {
    Path file = watch("v1");
    Files.writeString(file, "v2 half");
    Files.writeString(file, "v2 done");
    Files.writeString(file, "v3, the last");
    assertEquals("v3, the last", next());
    nothingMore();
  }

  @Test
  void aFileReplacedByRenameIsAChange() throws Exception {
    Path file = watch("v1");
    Path swap = Files.writeString(dir.resolve(".mapping.yaml.swp"), "v2");
    Files.move(swap, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertEquals("v2", next());
  }

  @Test
  void aMissingFileIsWaitedForAndReadWhenItIsBack() throws Exception {
    Path file = watch("v1");
    Files.delete(file);
    nothingMore();
    Files.writeString(file, "v2");
    assertEquals("v2", next());
  }

  @Test
  void aSaveWithoutChangeIsHandedOnAsIs() throws Exception {
    Path file = watch("v1");
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    assertEquals("v1", next(), "a touch is a change; the reloader sees that nothing differs");
    nothingMore();
  }

  @Test
  void aSaveTheFileTimesCannotShowIsFoundByReadingAgain() throws Exception {
    // modified 1.5 s ago: read again about 0.5 s from now, once older than coarse file times (2 s)
    Path file = watch("v1", Duration.ofMillis(1500));
    FileTime before = Files.getLastModifiedTime(file);
    Files.writeString(file, "v2");
    Files.setLastModifiedTime(file, before);
    assertEquals("v2", next(), "same time, size and inode: found by reading it again");
    nothingMore();
  }
}
