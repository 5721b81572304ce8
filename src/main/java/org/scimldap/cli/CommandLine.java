package org.scimldap.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.scimldap.config.ConfigException;
import org.scimldap.config.ConfigLoader;
import org.scimldap.config.GatewayConfig;
import org.scimldap.ldap.DirectoryUnusableException;

/**
 * The gateway's command line: {@code serve} (the default), the admin tools {@code validate}, {@code
 * explain} and {@code hash-token}, {@code rehearse} (for the build's class archive), {@code --help}
 * and {@code --version}. Parsed by hand ({@link Arguments}); output goes to the given streams and
 * the exit status is returned, so that everything runs in-process. Nothing is started or written
 * before the command line is understood.
 */
public final class CommandLine {
  /**
   * Starts the SCIM server; provided by the composition root, which owns what it builds. A port of
   * 0 in the configuration is any free one.
   */
  @FunctionalInterface
  public interface Server {
    /** Starts everything and returns the running gateway; fails when it cannot start. */
    Running start(GatewayConfig config);
  }

  /** A started SCIM server: the port its HTTP server listens on; closing stops it. */
  public interface Running extends AutoCloseable {
    int httpPort();

    @Override
    void close();
  }

  /** Exit status: done, or serving. */
  public static final int OK = 0;

  /** Exit status: problems found, a request the gateway would refuse, or a failed start. */
  public static final int PROBLEMS = 1;

  /** Exit status: a command line or configuration the gateway does not understand. */
  public static final int USAGE = 2;

  static final String USAGE_TEXT =
      """
      Usage: scim-ldap-gateway [serve] [--config FILE]
             scim-ldap-gateway validate [--config FILE] [--offline] [MAPPING]
             scim-ldap-gateway explain [--config FILE] [--mapping FILE] [--type TYPE]
                                       --operation create|replace|patch [--id ID] REQUEST.json
             scim-ldap-gateway explain [--config FILE] [--mapping FILE] --dn DN
             scim-ldap-gateway hash-token < TOKEN-FILE
             scim-ldap-gateway rehearse
             scim-ldap-gateway --help | --version

      Commands:
        serve       Run the SCIM server (the default). It reads config/gateway.yaml (or --config)
                    and the GATEWAY_* environment variables.
        validate    Check a mapping file (default: the configured one) and print each problem as
                    file:line:column: message. Unless --offline, also check the mapping against
                    the configured directory: its base DN and containers, and its schema (for the
                    embedded directory, its built-in schema).
        explain     Print the LDAP operations the gateway would perform for a SCIM request, as
                    LDIF, writing nothing. A create needs no directory (references to other
                    resources are then shown as unresolved=<id>); replace and patch read the
                    resource --id from the configured directory. With --dn, print the SCIM
                    resource that entry is.
        hash-token  Read a client's token (or Basic password) from standard input, one line,
                    and print its SHA-256 for auth.clients (tokenHashes, passwordHash). Refuses
                    one shorter than 32 characters.
        rehearse    Start the gateway on a throwaway embedded directory (a temporary folder,
                    free loopback ports, the built-in defaults), send it one request of each
                    common kind, and stop. The build runs it under -XX:ArchiveClassesAtExit to
                    write the class archive that a start with -XX:SharedArchiveFile maps.

      Options:
        --config FILE       configuration file, instead of GATEWAY_CONFIG or config/gateway.yaml
        --offline           validate: check the mapping file only
        --mapping FILE      explain: mapping file or bundled preset (default: the configured one)
        --operation OP      explain: create, replace or patch
        --id ID             explain: SCIM id of the resource to replace or patch
        --type TYPE         explain: resource type, e.g. User (default: named by the request's
                            schemas, or the type that has the id)
        --dn DN             explain: the entry to show as a SCIM resource
        -h, --help          print this help and exit
        --version           print the version and exit

      Exit status: 0 done (or serving); 1 problems found, a request the gateway would refuse,
      or a failed start; 2 a command line or configuration error.
      """;

  private final Map<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Server server;
  private final Server rehearsed;

  /**
   * @param env the environment ({@code GATEWAY_*} variables)
   * @param out where results go
   * @param err where errors and notes go
   * @param server starts the SCIM server for {@code serve}, to run until the process ends
   * @param rehearsed starts the SCIM server for {@code rehearse}, which stops it itself
   */
  public CommandLine(
      Map<String, String> env, PrintStream out, PrintStream err, Server server, Server rehearsed) {
    this(env, System.in, out, err, server, rehearsed);
  }

  /**
   * @param in where {@code hash-token} reads the secret
   */
  public CommandLine(
      Map<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Server server,
      Server rehearsed) {
    this.env = Map.copyOf(env);
    this.in = in;
    this.out = out;
    this.err = err;
    this.server = server;
    this.rehearsed = rehearsed;
  }

  /** Runs one command line and returns its exit status. */
  public int run(String... args) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.print(USAGE_TEXT);
      return USAGE;
    }
    if (arguments.has("--help")) {
      out.print(USAGE_TEXT);
      return OK;
    }
    if (arguments.has("--version")) {
      out.println(Version.describe());
      return OK;
    }
    try {
      return switch (arguments.command()) {
        case "validate" -> {
          ToolLogging.quiet();
          yield new ValidateCommand(this::config, env, out, err).run(arguments);
        }
        case "explain" -> {
          ToolLogging.quiet();
          yield new ExplainCommand(this::config, env, out, err).run(arguments);
        }
        case "hash-token" -> new HashTokenCommand(in, out, err).run();
        case "rehearse" -> {
          if (arguments.option("--config").isPresent()) {
            throw new UsageException("rehearse reads no configuration: it uses the defaults");
          }
          ToolLogging.quiet();
          yield new RehearseCommand(rehearsed, out, err).run();
        }
        default -> serve(arguments);
      };
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println("Run scim-ldap-gateway --help for the usage.");
      return USAGE;
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return USAGE;
    } catch (DirectoryUnusableException e) {
      err.println("error: " + e.getMessage());
      return PROBLEMS;
    }
  }

  private int serve(Arguments arguments) {
    GatewayConfig config;
    try {
      config = config(arguments.option("--config"));
    } catch (ConfigException e) {
      err.println("Cannot start: " + e.getMessage());
      return USAGE;
    }
    try {
      server.start(config);
      return OK;
    } catch (ConfigException e) {
      err.println("Cannot start: " + e.getMessage());
      return USAGE;
    } catch (RuntimeException e) {
      err.println("Cannot start: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return PROBLEMS;
    }
  }

  /** The configuration as the server loads it, from {@code configFile} when one is given. */
  private GatewayConfig config(Optional<String> configFile) {
    Map<String, String> withFile = new HashMap<>(env);
    if (configFile.isPresent()) {
      Path file = Path.of(configFile.get());
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("--config names " + file + ", which is not a readable file");
      }
      withFile.put("GATEWAY_CONFIG", file.toString());
    }
    return new ConfigLoader(withFile).load();
  }

  /** Loads the configuration for a tool, from {@code --config} when given. */
  @FunctionalInterface
  interface ConfigSource {
    GatewayConfig load(Optional<String> configFile);
  }
}
