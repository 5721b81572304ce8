package org.scimldap.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.unboundid.ldap.sdk.DN;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.scimldap.config.ConfigException;
import org.scimldap.embedded.PrivateFiles;
import org.scimldap.ldap.Directory;
import org.slf4j.LoggerFactory;

/**
 * The audit log: one JSON line per SCIM write (create, replace, patch, delete, member changes),
 * written through Logback to a file of its own (JSON Lines). Each line says when, who (client name
 * and address, request id), what (resource type and id, operation, the entry's DN, the names of the
 * LDAP attributes changed — never a value) and how it ended (the HTTP status).
 *
 * <p>The directory writes of a request are collected by the directory that {@link #audited} wraps,
 * between {@link #begin()} and {@link #finish}/{@link #discard()}, on the thread that serves the
 * request. Lines go to the logger {@code audit.<n>} and never reach the root logger: a Logback
 * configuration may give the logger {@code audit} appenders of its own (e.g. syslog), which then
 * get every line too.
 */
public final class AuditTrail implements AutoCloseable {
  private static final JsonStringEncoder JSON_TEXT = JsonStringEncoder.getInstance();

  private final Logger logger;
  private final FileAppender<ILoggingEvent> file;
  private final Clock clock;
  private final ThreadLocal<List<LdapWrite>> writes = new ThreadLocal<>();

  private AuditTrail(Logger logger, FileAppender<ILoggingEvent> file, Clock clock) {
    this.logger = logger;
    this.file = file;
    this.clock = clock;
  }

  /**
   * Appends to {@code path}, creating it (and its folder) readable by its owner only when missing.
   *
   * @throws ConfigException when the file cannot be created or opened
   */
  public static AuditTrail open(Path path) {
    createPrivately(path);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("audit-file");
    appender.setFile(path.toAbsolutePath().toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    if (!appender.isStarted()) {
      throw new ConfigException("Cannot open the audit log " + path + " (auditLog) for writing");
    }
    context.getLogger("audit").setAdditive(false);
    Logger logger =
        context.getLogger("audit." + Integer.toHexString(System.identityHashCode(appender)));
    logger.setLevel(Level.INFO);
    logger.addAppender(appender);
    return new AuditTrail(logger, appender, Clock.systemUTC());
  }

  private static void createPrivately(Path path) {
    Path file = path.toAbsolutePath();
    try {
      if (!Files.isDirectory(file.getParent())) {
        PrivateFiles.folder(file.getParent());
      }
      if (!Files.exists(file)) {
        PrivateFiles.newFile(file);
      }
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot create the audit log " + path + " (auditLog): " + e.getMessage(), e);
    }
  }

  /** The directory, with each write it takes during a request collected for that request's line. */
  public Directory audited(Directory directory) {
    return new AuditedDirectory(directory, this::collect);
  }

  /** Starts collecting the directory writes of the request served on this thread. */
  public void begin() {
    writes.set(new ArrayList<>());
  }

  /** Writes the line of a SCIM write that has been answered, with the directory writes it made. */
  public void finish(WriteRequest request) {
    List<LdapWrite> made = writes.get();
    writes.remove();
    logger.info(line(request, made == null ? List.of() : made, clock.instant()));
  }

  /** Forgets what was collected for a request that writes nothing (a read, a search). */
  public void discard() {
    writes.remove();
  }

  private void collect(LdapWrite write) {
    List<LdapWrite> made = writes.get();
    if (made != null) {
      made.add(write);
    }
  }

  /**
   * The JSON line. {@code dn} and {@code attributes} are those of the resource's own entry (the one
   * added for a create, deleted or moved for a delete, otherwise the first written), followed
   * through renames and moves: its name at the end, and the attributes changed on it under any
   * name. {@code changes} lists every directory write, other entries' too (e.g. group memberships
   * removed with a deleted user), with {@code newDn} where a write renamed or moved its entry.
   */
  static String line(WriteRequest request, List<LdapWrite> made, Instant time) {
    LdapWrite own = own(request.operation(), made);
    DN ownDn = own == null ? null : own.dn();
    Set<String> attributes = new LinkedHashSet<>();
    for (LdapWrite write : made) {
      if (write.dn().equals(ownDn)) {
        attributes.addAll(write.attributes());
        ownDn = write.newDn();
      }
    }
    StringBuilder line = new StringBuilder(256).append('{');
    field(line, "time", time.toString()).append(',');
    field(line, "client", request.client()).append(',');
    field(line, "source", request.source()).append(',');
    field(line, "requestId", request.requestId()).append(',');
    field(line, "resourceType", request.resourceType()).append(',');
    field(line, "id", request.id()).append(',');
    field(line, "operation", request.operation()).append(',');
    line.append("\"status\":").append(request.status()).append(',');
    field(line, "dn", ownDn == null ? "" : ownDn.toString()).append(',');
    strings(line, "attributes", attributes).append(",\"changes\":[");
    for (int i = 0; i < made.size(); i++) {
      LdapWrite write = made.get(i);
      line.append(i == 0 ? "{" : ",{");
      field(line, "ldap", write.operation()).append(',');
      field(line, "dn", write.dn().toString()).append(',');
      if (!write.newDn().equals(write.dn())) {
        field(line, "newDn", write.newDn().toString()).append(',');
      }
      strings(line, "attributes", write.attributes()).append('}');
    }
    return line.append("]}").toString();
  }

  /** Appends {@code "name":"value"}, the value escaped as JSON (RFC 8259 §7). */
  private static StringBuilder field(StringBuilder line, String name, String value) {
    line.append('"').append(name).append("\":");
    return text(line, value);
  }

  /** Appends a JSON string, or {@code null}. */
  private static StringBuilder text(StringBuilder line, String value) {
    if (value == null) {
      return line.append("null");
    }
    line.append('"');
    JSON_TEXT.quoteAsString(value, line);
    return line.append('"');
  }

  /** Appends {@code "name":["value",…]}. */
  private static StringBuilder strings(StringBuilder line, String name, Collection<String> values) {
    line.append('"').append(name).append("\":[");
    boolean first = true;
    for (String value : values) {
      if (!first) {
        line.append(',');
      }
      text(line, value);
      first = false;
    }
    return line.append(']');
  }

  private static LdapWrite own(String operation, List<LdapWrite> made) {
    String wanted =
        switch (operation) {
          case "create" -> "add";
          case "delete" -> "delete";
          default -> null;
        };
    for (LdapWrite write : made) {
      if (wanted == null
          || write.operation().equals(wanted)
          || (wanted.equals("delete") && write.operation().equals("move"))) {
        return write;
      }
    }
    return made.isEmpty() ? null : made.get(0);
  }

  @Override
  public void close() {
    logger.detachAppender(file);
    file.stop();
  }
}
