package org.scimldap.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The temp directory of one throwaway {@code slapd}: {@code slapd.d/} (its {@code cn=config},
 * loaded with {@code slapadd -n 0}), {@code db/} (the mdb database, loaded with the base entries by
 * {@code slapadd -n 1}), the LDIF it was loaded from, and {@code slapd.log} (slapd's output).
 */
final class SlapdDirectory {

  private static final System.Logger LOG = System.getLogger(SlapdDirectory.class.getName());
  private static final long SLAPADD_TIMEOUT_S = 30;

  private final Path root;

  private SlapdDirectory(Path root) {
    this.root = root;
  }

  /** Finds an executable in {@code /usr/sbin} or on PATH. */
  static Optional<Path> locate(String binary) {
    List<String> dirs = new ArrayList<>(List.of("/usr/sbin"));
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, binary))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Creates a new temp directory and loads it; deletes it again if loading fails. */
  static SlapdDirectory create(Path slapadd, String adminPassword) throws Exception {
    SlapdDirectory directory = new SlapdDirectory(Files.createTempDirectory("slapd-"));
    try {
      directory.load(slapadd, adminPassword);
      return directory;
    } catch (Exception | Error e) {
      directory.delete();
      throw e;
    }
  }

  Path root() {
    return root;
  }

  Path configDir() {
    return root.resolve("slapd.d");
  }

  Path log() {
    return root.resolve("slapd.log");
  }

  String readLog() {
    return read(log());
  }

  /** Deletes the directory and everything in it; logs what it could not delete. */
  void delete() {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete " + root, e);
    }
  }

  private void load(Path slapadd, String adminPassword) throws Exception {
    Files.createDirectories(configDir());
    Files.createDirectories(root.resolve("db"));
    Path config = root.resolve("config.ldif");
    Path base = root.resolve("base.ldif");
    Files.writeString(config, SlapdLdif.config(root, adminPassword, SlapdLdif.sssvlvInstalled()));
    Files.writeString(base, SlapdLdif.base());
    String configDir = configDir().toString();
    run(slapadd.toString(), "-q", "-n", "0", "-F", configDir, "-l", config.toString());
    run(slapadd.toString(), "-q", "-n", "1", "-F", configDir, "-l", base.toString());
  }

  private void run(String... command) throws IOException, InterruptedException {
    Path output = root.resolve("slapadd.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(SLAPADD_TIMEOUT_S, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " timed out:\n" + read(output));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited " + process.exitValue() + ":\n" + read(output));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(could not read " + file + ": " + e + ")";
    }
  }
}
