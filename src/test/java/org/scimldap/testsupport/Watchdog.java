package org.scimldap.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Stops a throwaway server when the JVM that started it dies without running its shutdown hooks
 * (SIGKILL, crash): a shell waits for end of input on a pipe that only this JVM holds, then stops
 * the server (TERM, KILL after 5 s) and deletes its folder. Destroying the returned process disarms
 * it.
 */
final class Watchdog {
  private static final System.Logger LOG = System.getLogger(Watchdog.class.getName());

  private Watchdog() {}

  static Optional<Process> watch(String name, Process server, Path dir) {
    Path sh = Path.of("/bin/sh");
    if (!Files.isExecutable(sh)) {
      LOG.log(System.Logger.Level.WARNING, "no /bin/sh: {0} outlives a killed JVM", name);
      return Optional.empty();
    }
    String script =
        "read -r line\n"
            + "kill -TERM \"$1\" 2>/dev/null\n"
            + "i=0\n"
            + "while kill -0 \"$1\" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done\n"
            + "kill -KILL \"$1\" 2>/dev/null\n"
            + "rm -rf -- \"$2\"\n";
    try {
      return Optional.of(
          new ProcessBuilder(
                  sh.toString(),
                  "-c",
                  script,
                  name + "-watchdog",
                  String.valueOf(server.pid()),
                  dir.toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start());
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "no watchdog: " + name + " outlives a killed JVM", e);
      return Optional.empty();
    }
  }
}
