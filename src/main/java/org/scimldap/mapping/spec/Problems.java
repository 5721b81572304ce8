package org.scimldap.mapping.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.scimldap.config.ConfigException;

/**
 * Collects the problems of a mapping file while it is read, so that each part is checked on its own
 * and one mistake does not hide the next. A part that fails is left out of the result; the caller
 * builds a mapping only when nothing was collected.
 */
final class Problems {
  private final List<ConfigException> found = new ArrayList<>();

  /** Runs one check; its failure is collected and gives an empty result. */
  <T> Optional<T> attempt(Supplier<T> part) {
    try {
      return Optional.ofNullable(part.get());
    } catch (ConfigException e) {
      found.add(e);
      return Optional.empty();
    }
  }

  /** Runs one check that gives nothing; true when it passed. */
  boolean check(Runnable part) {
    int before = found.size();
    attempt(
        () -> {
          part.run();
          return Boolean.TRUE;
        });
    return found.size() == before;
  }

  void add(ConfigException problem) {
    found.add(problem);
  }

  void addAll(List<? extends ConfigException> problems) {
    found.addAll(problems);
  }

  /** How many problems were collected so far; compare before and after a part. */
  int count() {
    return found.size();
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /**
   * The problems in the order of the file (those without a place first), as report entries; one
   * found twice (an unset variable is reported where it is written and where it is read) is listed
   * once.
   */
  List<MappingProblem> sorted() {
    return found.stream()
        .sorted(Comparator.comparingInt(Problems::line).thenComparingInt(Problems::column))
        .map(Problems::toProblem)
        .distinct()
        .toList();
  }

  private static int line(ConfigException e) {
    return e instanceof MappingFileException m ? m.line() : 0;
  }

  private static int column(ConfigException e) {
    return e instanceof MappingFileException m ? m.column() : 0;
  }

  private static MappingProblem toProblem(ConfigException e) {
    return e instanceof MappingFileException m
        ? m.toProblem()
        : MappingProblem.error("", e.getMessage());
  }
}
