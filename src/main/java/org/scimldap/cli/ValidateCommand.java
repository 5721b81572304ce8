package org.scimldap.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimldap.config.GatewayConfig;
import org.scimldap.embedded.EmbeddedSchema;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.ldap.DirectoryUnusableException;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.DirectorySchemaCheck;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.MappingProblem;
import org.scimldap.mapping.spec.MappingReport;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.service.DirectoryCheck;

/**
 * {@code validate [MAPPING]}: every problem of a mapping file, and (unless {@code --offline}) of
 * the mapping against the configured directory, one per line as {@code file:line:column: message}
 * with a hint where one helps, then a summary line. Exit status 0 when there is nothing to report,
 * 1 otherwise, and also when the directory answers but cannot be used as configured (its
 * certificate or the bind refused), which is said on the error stream.
 */
final class ValidateCommand {
  private final CommandLine.ConfigSource configs;
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private Optional<String> configFile = Optional.empty();
  private GatewayConfig config;
  private boolean directoryUnusable;

  /**
   * @param env the environment, for {@code ${NAME}} references in the mapping file
   */
  ValidateCommand(
      CommandLine.ConfigSource configs, Map<String, String> env, PrintStream out, PrintStream err) {
    this.configs = configs;
    this.env = env;
    this.out = out;
    this.err = err;
  }

  int run(Arguments arguments) {
    configFile = arguments.option("--config");
    boolean offline = arguments.has("--offline");
    String location =
        arguments.operands().isEmpty() ? config().mapping() : arguments.operands().get(0);
    MappingReport report = MappingLoader.read(location, env);
    List<MappingProblem> problems = new ArrayList<>(report.problems());
    String checked = "the mapping file only";
    if (report.spec().isPresent() && !offline) {
      Checked against = againstDirectory(report.spec().get());
      problems.addAll(against.problems());
      checked = against.what();
    }
    problems.forEach(p -> out.println(p.describe()));
    out.println(summary(report.source(), problems, checked));
    return problems.isEmpty() && !directoryUnusable ? CommandLine.OK : CommandLine.PROBLEMS;
  }

  /** What a check against the directory found, and what it was checked against. */
  private record Checked(List<MappingProblem> problems, String what) {}

  private Checked againstDirectory(MappingSpec spec) {
    GatewayConfig config = config();
    if (config.ldap().usesEmbedded()) {
      return new Checked(
          DirectorySchemaCheck.check(spec, EmbeddedSchema.schema()),
          "the embedded directory's schema");
    }
    List<EntryMapper> mappers =
        EntryMapper.forSpec(spec, config.ldap().baseDn(), config.ldap().containers());
    Directory opened;
    try {
      opened = ToolDirectory.open(config);
    } catch (DirectoryUnusableException e) {
      err.println("error: " + e.getMessage());
      directoryUnusable = true;
      return new Checked(List.of(), "the mapping file only (the directory could not be used)");
    }
    try (Directory directory = opened) {
      try {
        return new Checked(
            new DirectoryCheck(directory, spec, mappers, config.ldap()).run(),
            directory.describe());
      } catch (DirectoryException e) {
        err.println(
            "note: "
                + directory.describe()
                + " could not be read ("
                + e.getMessage()
                + "); the mapping was checked without it");
        return new Checked(List.of(), "the mapping file only (the directory could not be read)");
      }
    }
  }

  private static String summary(String source, List<MappingProblem> problems, String checked) {
    if (problems.isEmpty()) {
      return "OK: " + source + ", checked against " + checked;
    }
    long errors = problems.stream().filter(MappingProblem::isError).count();
    long warnings = problems.size() - errors;
    return count(problems.size(), "problem")
        + " in "
        + source
        + " ("
        + count(errors, "error")
        + ", "
        + count(warnings, "warning")
        + "), checked against "
        + checked;
  }

  private static String count(long n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private GatewayConfig config() {
    if (config == null) {
      config = configs.load(configFile);
    }
    return config;
  }
}
