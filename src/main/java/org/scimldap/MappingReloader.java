package org.scimldap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.scimldap.config.ConfigException;
import org.scimldap.config.LdapConfig;
import org.scimldap.http.ScimServer;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.MappingProblem;
import org.scimldap.mapping.spec.MappingReport;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.service.DirectoryCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a new version of the mapping file without a restart. The new text is checked as a start
 * checks it: completely by the {@link MappingLoader}, then, when the directory answers, against the
 * directory ({@link DirectoryCheck}: base DN, containers, schema). A version with any error is
 * refused, with every problem logged, and the mapping served so far stays. A good one is built
 * whole (mappers, services, discovery documents) and put in place of the old one at once ({@link
 * ScimServer#replace}): requests under way finish with the mapping they started with.
 *
 * <p>When the directory cannot be asked (down, or the bind refused), the new mapping is served
 * unchecked and checked in the background once the directory answers, as at start.
 */
final class MappingReloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MappingReloader.class);

  private final String location;
  private final LdapConfig ldap;
  private final Directory directory;
  private final MappingAssembler assembler;
  private final ScimServer server;
  private String served;
  private boolean refused;
  private StartupChecks checks;

  /**
   * @param location the mapping file, as the configuration names it (and messages name it)
   * @param served the text of the mapping being served
   * @param checks the background checks of the mapping being served, if any still run
   */
  MappingReloader(
      String location,
      LdapConfig ldap,
      Directory directory,
      MappingAssembler assembler,
      ScimServer server,
      String served,
      StartupChecks checks) {
    this.location = location;
    this.ldap = ldap;
    this.directory = directory;
    this.assembler = assembler;
    this.server = server;
    this.served = served;
    this.checks = checks;
  }

  /** The content of a mapping file. */
  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException("Cannot read mapping file " + file + ": " + e.getMessage(), e);
    }
  }

  /** A mapping file's content as text; it must be UTF-8. */
  static String text(Path file, byte[] content) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(
          "Cannot read mapping file " + file + ": it is not UTF-8 text (" + e.getMessage() + ")",
          e);
    }
  }

  /**
   * Serves {@code content} as the mapping when it is valid and fits the directory; otherwise logs
   * why not and keeps the mapping served so far.
   */
  synchronized void reload(byte[] content) {
    try {
      String text = text(Path.of(location), content);
      if (text.equals(served)) {
        if (refused) {
          LOG.info("Mapping {} is back to the version being served", location);
        }
        refused = false;
        return;
      }
      MappingReport report = MappingLoader.check(location, text);
      if (report.spec().isEmpty()) {
        refuse(report.problems());
        return;
      }
      MappingSpec spec = report.spec().get();
      List<EntryMapper> mappers = MappingAssembler.mappers(spec, ldap);
      DirectoryCheck check = new DirectoryCheck(directory, spec, mappers, ldap);
      Optional<List<MappingProblem>> found = checkNow(check);
      List<MappingProblem> errors =
          found.orElse(List.of()).stream().filter(MappingProblem::isError).toList();
      if (!errors.isEmpty()) {
        refuse(errors);
        return;
      }
      found.orElse(List.of()).stream()
          .filter(p -> !p.isError())
          .forEach(p -> LOG.warn("{} and the mapping: {}", check.describe(), p.describe()));
      server.replace(assembler.services(mappers), assembler.discovery(spec));
      assembler.forgetLists();
      served = text;
      refused = false;
      if (checks != null) {
        checks.close();
      }
      checks = found.isPresent() ? null : StartupChecks.later(check, StartupChecks.FIRST_RETRY);
      LOG.info(
          "Mapping {} reloaded: {}",
          location,
          spec.resources().stream().map(ResourceMapping::name).toList());
    } catch (ConfigException e) {
      refuse(List.of(MappingProblem.error("", e.getMessage())));
    } catch (RuntimeException e) {
      refused = true;
      LOG.error("Mapping {} refused ({}); still serving the previous one", location, e, e);
    }
  }

  /**
   * What the directory says of the mapping; empty when it cannot be asked now (down, or the bind
   * refused).
   */
  private Optional<List<MappingProblem>> checkNow(DirectoryCheck check) {
    try {
      return Optional.of(check.run());
    } catch (DirectoryException e) {
      if (e.isOutage() || e.isBindRefused()) {
        LOG.warn(
            "Cannot check {} against the mapping {} now ({}); serving it, and checking it once the"
                + " directory answers",
            check.describe(),
            location,
            e.resultCode().getName());
        return Optional.empty();
      }
      return Optional.of(
          List.of(
              MappingProblem.error(
                  "",
                  "the mapping could not be checked against "
                      + check.describe()
                      + ": "
                      + e.getMessage())));
    }
  }

  private void refuse(List<MappingProblem> problems) {
    refused = true;
    LOG.error(
        "Mapping {} refused ({} {}); still serving the previous one:\n{}",
        location,
        problems.size(),
        problems.size() == 1 ? "problem" : "problems",
        problems.stream()
            .map(p -> "  " + p.describe().replace("\n", "\n  "))
            .collect(Collectors.joining("\n")));
  }

  /** Stops the background checks of the mapping served, if they still run. */
  @Override
  public synchronized void close() {
    if (checks != null) {
      checks.close();
    }
  }
}
