package org.scimldap.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line: the command ({@code serve} when none is given), its options and its
 * operands. Options are {@code --name value}, {@code --name=value} or flags; each command accepts
 * its own, and anything else is a {@link UsageException}.
 *
 * @param command {@code serve}, {@code validate}, {@code explain}, {@code hash-token} or {@code
 *     rehearse}
 * @param options option names (with their dashes) to values; flags map to {@code ""}
 * @param operands the words that are not options, in order
 */
record Arguments(String command, Map<String, String> options, List<String> operands) {
  private static final Set<String> FLAGS = Set.of("--help", "--version");
  private static final Set<String> VALUED = Set.of("--config");
  private static final Map<String, Set<String>> COMMAND_FLAGS =
      Map.of(
          "serve",
          Set.of(),
          "validate",
          Set.of("--offline"),
          "explain",
          Set.of(),
          "hash-token",
          Set.of(),
          "rehearse",
          Set.of());
  private static final Map<String, Set<String>> COMMAND_VALUED =
      Map.of(
          "serve",
          Set.of(),
          "validate",
          Set.of(),
          "explain",
          Set.of("--mapping", "--operation", "--id", "--type", "--dn"),
          "hash-token",
          Set.of(),
          "rehearse",
          Set.of());
  private static final Map<String, Integer> MAX_OPERANDS =
      Map.of("serve", 0, "validate", 1, "explain", 1, "hash-token", 0, "rehearse", 0);

  Arguments {
    options = Map.copyOf(options);
    operands = List.copyOf(operands);
  }

  static Arguments parse(String... args) throws UsageException {
    int at = 0;
    String command = "serve";
    if (args.length > 0 && !args[0].startsWith("-")) {
      command = args[0];
      if (!COMMAND_FLAGS.containsKey(command)) {
        throw new UsageException("unknown command '" + command + "'");
      }
      at = 1;
    }
    Map<String, String> options = new LinkedHashMap<>();
    List<String> operands = new ArrayList<>();
    for (; at < args.length; at++) {
      String word = args[at];
      if (!word.startsWith("-") || word.equals("-")) {
        operands.add(word);
        continue;
      }
      String name = word.equals("-h") ? "--help" : word;
      String value = null;
      int equals = name.indexOf('=');
      if (name.startsWith("--") && equals > 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      boolean flag = FLAGS.contains(name) || COMMAND_FLAGS.get(command).contains(name);
      boolean valued = VALUED.contains(name) || COMMAND_VALUED.get(command).contains(name);
      if (!flag && !valued) {
        throw new UsageException(
            "unknown option '" + word + "'" + (command.equals("serve") ? "" : " for " + command));
      }
      if (flag && value != null) {
        throw new UsageException("option '" + name + "' takes no value");
      }
      if (valued && value == null) {
        if (at + 1 >= args.length) {
          throw new UsageException("option '" + name + "' needs a value");
        }
        value = args[++at];
      }
      if (options.put(name, flag ? "" : value) != null) {
        throw new UsageException("option '" + name + "' is given twice");
      }
    }
    boolean asksOnly = options.containsKey("--help") || options.containsKey("--version");
    if (!asksOnly && operands.size() > MAX_OPERANDS.get(command)) {
      throw new UsageException(
          "unexpected argument '" + operands.get(MAX_OPERANDS.get(command)) + "'");
    }
    return new Arguments(command, options, operands);
  }

  boolean has(String option) {
    return options.containsKey(option);
  }

  Optional<String> option(String option) {
    return Optional.ofNullable(options.get(option));
  }
}
