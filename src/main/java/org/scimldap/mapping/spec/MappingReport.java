package org.scimldap.mapping.spec;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.scimldap.config.ConfigException;

/**
 * What reading a mapping file found: the mapping, when the file has no problem, and every problem
 * it has, in the order of the file.
 */
public final class MappingReport {
  private final String source;
  private final MappingSpec spec;
  private final List<MappingProblem> problems;

  MappingReport(String source, MappingSpec spec, List<MappingProblem> problems) {
    this.source = source;
    this.spec = problems.isEmpty() ? spec : null;
    this.problems = List.copyOf(problems);
  }

  /** The file (or {@code preset:name}) the mapping was read from, as messages name it. */
  public String source() {
    return source;
  }

  /** The mapping; empty when the file has problems. */
  public Optional<MappingSpec> spec() {
    return Optional.ofNullable(spec);
  }

  public List<MappingProblem> problems() {
    return problems;
  }

  /**
   * The mapping, or a {@link ConfigException} whose message lists every problem, one per line (with
   * its hint), the first in the file first.
   */
  public MappingSpec orElseThrow() {
    if (spec != null) {
      return spec;
    }
    throw new ConfigException(
        problems.stream().map(MappingProblem::describe).collect(Collectors.joining("\n")));
  }
}
