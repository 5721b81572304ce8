package org.scimldap.embedded;

import com.unboundid.ldap.listener.Base64PasswordEncoderOutputFormatter;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.SaltedMessageDigestInMemoryPasswordEncoder;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scimldap.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default directory: an UnboundID in-memory server on loopback, seeded with the base
 * entry, {@code ou=people} and {@code ou=groups}. It is kept in the data folder in two files: a
 * {@link DirectorySnapshot} ({@code directory.ldif}) and a {@link ChangeLog} ({@code
 * directory-changes.ldif}) to which every write is appended, and forced to disk, before it is
 * answered, so that a write acknowledged survives the process being killed right afterwards. The
 * log is replayed at start and folded into a new snapshot once no write came for {@link
 * #SAVE_DELAY_MILLIS} (or the log outgrew {@link #LOG_LIMIT_BYTES}), and at shutdown. Anonymous
 * connections may read (without passwords); only the administrator may write. Users may bind with
 * their {@code userPassword} ({@code {SSHA}}, as OpenLDAP stores it) unless their account is locked
 * with {@code pwdAccountLockedTime}, as OpenLDAP's ppolicy does.
 */
public final class EmbeddedDirectory implements AutoCloseable {
  static final long SAVE_DELAY_MILLIS = 1_000;
  static final long LOG_LIMIT_BYTES = 64L << 20;
  private static final long RETRY_SAVE_SECONDS = 10;
  private static final long SNAPSHOT_WAIT_SECONDS = 30;
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDirectory.class);
  private static final String[] REFERENCE_ATTRIBUTES = {
    "member", "uniqueMember", "manager", "owner", "secretary"
  };

  private final InMemoryDirectoryServer server;
  private final Path ldifFile;
  private final DN adminDn;
  private final String adminPassword;
  private final ScheduledExecutorService saver;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private volatile long lastWriteNanos;
  private final long saveDelayMillis;
  private ChangeLog changeLog;
  private DurableWrites writes;
  private long generation;

  private EmbeddedDirectory(
      InMemoryDirectoryServer server,
      Path ldifFile,
      DN adminDn,
      String adminPassword,
      long saveDelayMillis) {
    this.server = server;
    this.saveDelayMillis = saveDelayMillis;
    this.ldifFile = ldifFile;
    this.adminDn = adminDn;
    this.adminPassword = adminPassword;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "embedded-ldap-saver");
              t.setDaemon(true);
              return t;
            });
    // close() takes the last snapshot itself
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.saver = executor;
  }

  /**
   * Starts the server on {@code 127.0.0.1:port} for the suffix {@code baseDn}, loading {@code
   * dataDir/directory.ldif} and the changes logged after it when they exist.
   */
  public static EmbeddedDirectory start(Path dataDir, String baseDn, int port) {
    return start(dataDir, baseDn, port, SAVE_DELAY_MILLIS);
  }

  /** As {@link #start(Path, String, int)}, with snapshots {@code saveDelayMillis} after a write. */
  static EmbeddedDirectory start(Path dataDir, String baseDn, int port, long saveDelayMillis) {
    try {
      PrivateFiles.folder(dataDir);
      DN suffix = new DN(baseDn);
      DN adminDn = new DN(new RDN("cn", "admin"), suffix);
      String adminPassword = Secrets.readOrCreate(dataDir.resolve("ldap-admin-password"));

      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(suffix);
      config.setSchema(EmbeddedSchema.schema());
      config.addAdditionalBindCredentials(adminDn.toString(), adminPassword);
      config.setPasswordAttributes("userPassword");
      config.setPasswordEncoders(
          new SaltedMessageDigestInMemoryPasswordEncoder(
              "{SSHA}",
              Base64PasswordEncoderOutputFormatter.getInstance(),
              MessageDigest.getInstance("SHA-1"),
              8,
              true,
              true));
      config.setAuthenticationRequiredOperationTypes(
          EnumSet.of(
              OperationType.ADD,
              OperationType.MODIFY,
              OperationType.MODIFY_DN,
              OperationType.DELETE));
      config.setListenerConfigs(
          InMemoryListenerConfig.createLDAPConfig(
              "loopback", InetAddress.getLoopbackAddress(), port, null));
      config.setEnforceSingleStructuralObjectClass(false);
      config.setMaxSizeLimit(0);
      config.setEqualityIndexAttributes(
          "entryUUID", "objectClass", "uid", "cn", "mail", "member", "manager", "displayName");
      config.setReferentialIntegrityAttributes(REFERENCE_ATTRIBUTES);

      EmbeddedDirectory[] self = new EmbeddedDirectory[1];
      WriteJournal journal =
          new WriteJournal() {
            @Override
            public void beforeWrite() throws LDAPException {
              self[0].writes.beforeWrite();
            }

            @Override
            public void afterWrite(Optional<Change> change) {
              self[0].writes.afterWrite(change);
            }
          };
      config.addInMemoryOperationInterceptor(
          new WriteGuard(adminDn, journal, dn -> self[0].entry(dn)));
      InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
      Path ldif = dataDir.resolve(DirectorySnapshot.FILE);
      self[0] = new EmbeddedDirectory(server, ldif, adminDn, adminPassword, saveDelayMillis);
      self[0].load(suffix);
      try {
        server.startListening();
      } catch (LDAPException e) {
        self[0].saver.shutdownNow();
        self[0].changeLog.close();
        throw e;
      }
      return self[0];
    } catch (LDAPException e) {
      throw new ConfigException(
          "Cannot start the embedded directory on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    } catch (IOException e) {
      throw new ConfigException("Cannot use the data folder " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads the snapshot and replays the change log on it (folding both into a new snapshot when the
   * log held changes), or seeds a new directory; then starts an empty log.
   */
  private void load(DN suffix) throws LDAPException, IOException {
    Path logFile = ldifFile.resolveSibling(ChangeLog.FILE);
    if (!Files.isRegularFile(ldifFile)) {
      seed(suffix);
      generation = 1;
      DirectorySnapshot.write(ldifFile, generation, this::export);
      startLog(logFile);
      LOG.info("Embedded directory seeded with {}, ou=people and ou=groups", suffix);
      return;
    }
    PrivateFiles.restrict(ldifFile);
    PrivateFiles.restrict(logFile);
    generation = DirectorySnapshot.generation(ldifFile);
    Optional<ChangeLog.Contents> logged = ChangeLog.read(logFile);
    if (logged.isPresent()
        && logged.get().generation() == generation
        && !logged.get().records().isEmpty()) {
      ReplayedEntries entries =
          new ReplayedEntries(DirectorySnapshot.read(ldifFile), Set.of(REFERENCE_ATTRIBUTES));
      for (LDIFChangeRecord record : logged.get().records()) {
        entries.apply(record);
      }
      generation++;
      DirectorySnapshot.write(
          ldifFile,
          generation,
          writer -> {
            for (Entry e : entries.parentsFirst()) {
              writer.writeEntry(e);
            }
          });
      LOG.info(
          "Embedded directory replayed {} logged changes from {}",
          logged.get().records().size(),
          logFile);
    } else if (logged.isPresent() && !logged.get().records().isEmpty()) {
      LOG.warn(
          "{} follows snapshot generation {}, not {} (generation {}): its {} changes are not"
              + " replayed",
          logFile,
          logged.get().generation(),
          ldifFile,
          generation,
          logged.get().records().size());
    }
    int count = server.importFromLDIF(true, ldifFile.toFile());
    startLog(logFile);
    LOG.info("Embedded directory loaded {} entries from {}", count, ldifFile);
  }

  private void startLog(Path logFile) throws IOException {
    changeLog = ChangeLog.start(logFile, generation);
    writes = new DurableWrites(changeLog, this::entry, this::markDirty);
  }

  private void seed(DN suffix) throws LDAPException {
    String top = suffix.getRDN().getAttributeValues()[0];
    server.add(
        new Entry(
            suffix,
            new Attribute("objectClass", "top", "domain"),
            new Attribute(suffix.getRDN().getAttributeNames()[0], top)));
    server.add(organizationalUnit("people", suffix));
    server.add(organizationalUnit("groups", suffix));
  }

  private void export(LDIFWriter writer) throws LDAPException {
    server.exportToLDIF(writer, false, true, false);
  }

  private static Entry organizationalUnit(String name, DN parent) {
    return new Entry(
        new DN(new RDN("ou", name), parent),
        new Attribute("objectClass", "top", "organizationalUnit"),
        new Attribute("ou", name));
  }

  private Entry entry(DN dn) {
    try {
      return server.getEntry(dn.toString(), "*", "+");
    } catch (LDAPException e) {
      return null;
    }
  }

  private void markDirty() {
    lastWriteNanos = System.nanoTime();
    if (dirty.compareAndSet(false, true)) {
      saver.schedule(this::saveWhenIdle, saveDelayMillis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Takes a snapshot once writes have paused for the save delay, since a snapshot holds writes off
   * while it is written; a log past {@link #LOG_LIMIT_BYTES} is folded in at once.
   */
  private void saveWhenIdle() {
    long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastWriteNanos);
    if (idleMillis < saveDelayMillis && changeLog.size() < LOG_LIMIT_BYTES) {
      saver.schedule(this::saveWhenIdle, saveDelayMillis - idleMillis, TimeUnit.MILLISECONDS);
      return;
    }
    saveQuietly();
  }

  private void saveQuietly() {
    try {
      save();
    } catch (LDAPException e) {
      LOG.error(
          "Could not save the embedded directory to {} ({}); its changes are kept in {};"
              + " trying again in {} s",
          ldifFile,
          e.getMessage(),
          ChangeLog.FILE,
          RETRY_SAVE_SECONDS);
      dirty.set(true);
      saver.schedule(this::saveQuietly, RETRY_SAVE_SECONDS, TimeUnit.SECONDS);
    }
  }

  /**
   * Writes the whole directory to a new snapshot now (atomically replacing the old copy) and starts
   * an empty change log after it, while writes wait.
   */
  public void save() throws LDAPException {
    try {
      boolean done =
          writes.exclusively(
              SNAPSHOT_WAIT_SECONDS,
              () -> {
                dirty.set(false);
                DirectorySnapshot.write(ldifFile, generation + 1, this::export);
                generation++;
                changeLog.restart(generation);
              });
      if (!done) {
        throw new LDAPException(
            ResultCode.BUSY,
            "writes in progress did not end within " + SNAPSHOT_WAIT_SECONDS + " s");
      }
    } catch (LDAPException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LDAPException(ResultCode.LOCAL_ERROR, "interrupted while saving", e);
    } catch (Exception e) {
      throw new LDAPException(
          ResultCode.LOCAL_ERROR, "cannot write " + ldifFile + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getListenPort();
  }

  public String url() {
    return "ldap://127.0.0.1:" + port();
  }

  public DN adminDn() {
    return adminDn;
  }

  public String adminPassword() {
    return adminPassword;
  }

  /** Where the administrator password is kept, for the start-up message. */
  public Path adminPasswordFile() {
    return ldifFile.resolveSibling("ldap-admin-password");
  }

  @Override
  /**
   * Stops listening, then folds the change log into a new snapshot. When that fails the log stays,
   * and is replayed at the next start.
   */
  public void close() {
    saver.shutdown();
    server.shutDown(true);
    try {
      saver.awaitTermination(5, TimeUnit.SECONDS);
      save();
    } catch (LDAPException e) {
      LOG.error(
          "Could not save the embedded directory on shutdown ({}); the next start replays {}",
          e.getMessage(),
          ChangeLog.FILE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    changeLog.close();
  }
}
