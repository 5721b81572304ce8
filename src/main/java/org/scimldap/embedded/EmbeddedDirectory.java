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
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scimldap.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default directory: an UnboundID in-memory server on loopback, seeded with the base
 * entry, {@code ou=people} and {@code ou=groups}, and kept in {@code data/directory.ldif}. Every
 * successful write schedules a save within {@link #SAVE_DELAY_MILLIS}; the file is written to a
 * temporary name and moved into place, so a crash leaves the previous or the new copy, never half
 * of one. Anonymous connections may read (without passwords); only the administrator may write.
 * Users may bind with their {@code userPassword} ({@code {SSHA}}, as OpenLDAP stores it) unless
 * their account is locked with {@code pwdAccountLockedTime}, as OpenLDAP's ppolicy does.
 */
public final class EmbeddedDirectory implements AutoCloseable {
  static final long SAVE_DELAY_MILLIS = 250;
  private static final long RETRY_SAVE_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDirectory.class);
  private static final String LDIF_FILE = "directory.ldif";

  private final InMemoryDirectoryServer server;
  private final Path ldifFile;
  private final DN adminDn;
  private final String adminPassword;
  private final ScheduledExecutorService saver;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final Object saveLock = new Object();

  private EmbeddedDirectory(
      InMemoryDirectoryServer server, Path ldifFile, DN adminDn, String adminPassword) {
    this.server = server;
    this.ldifFile = ldifFile;
    this.adminDn = adminDn;
    this.adminPassword = adminPassword;
    this.saver =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "embedded-ldap-saver");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts the server on {@code 127.0.0.1:port} for the suffix {@code baseDn}, loading {@code
   * dataDir/directory.ldif} when it exists.
   */
  public static EmbeddedDirectory start(Path dataDir, String baseDn, int port) {
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
      config.setReferentialIntegrityAttributes(
          "member", "uniqueMember", "manager", "owner", "secretary");

      EmbeddedDirectory[] self = new EmbeddedDirectory[1];
      config.addInMemoryOperationInterceptor(
          new WriteGuard(adminDn, () -> self[0].markDirty(), dn -> self[0].entry(dn)));
      InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
      Path ldif = dataDir.resolve(LDIF_FILE);
      self[0] = new EmbeddedDirectory(server, ldif, adminDn, adminPassword);
      self[0].load(suffix);
      server.startListening();
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

  private void load(DN suffix) throws LDAPException {
    if (Files.isRegularFile(ldifFile)) {
      int count = server.importFromLDIF(true, ldifFile.toFile());
      LOG.info("Embedded directory loaded {} entries from {}", count, ldifFile);
      return;
    }
    String top = suffix.getRDN().getAttributeValues()[0];
    server.add(
        new Entry(
            suffix,
            new Attribute("objectClass", "top", "domain"),
            new Attribute(suffix.getRDN().getAttributeNames()[0], top)));
    server.add(organizationalUnit("people", suffix));
    server.add(organizationalUnit("groups", suffix));
    save();
    LOG.info("Embedded directory seeded with {}, ou=people and ou=groups", suffix);
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
    if (dirty.compareAndSet(false, true)) {
      saver.schedule(this::saveQuietly, SAVE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void saveQuietly() {
    try {
      save();
    } catch (LDAPException e) {
      LOG.error(
          "Could not save the embedded directory to {} ({}); trying again in {} s",
          ldifFile,
          e.getMessage(),
          RETRY_SAVE_SECONDS);
      saver.schedule(this::saveQuietly, RETRY_SAVE_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** Writes the whole directory to the LDIF file now (atomically replacing the old copy). */
  public void save() throws LDAPException {
    synchronized (saveLock) {
      dirty.set(false);
      Path tmp = ldifFile.resolveSibling(LDIF_FILE + ".tmp");
      try {
        Files.deleteIfExists(tmp);
        PrivateFiles.newFile(tmp);
      } catch (IOException e) {
        throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot create " + tmp, e);
      }
      server.exportToLDIF(tmp.toString(), false, true);
      try {
        Files.move(
            tmp, ldifFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot replace " + ldifFile, e);
      }
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
  public void close() {
    saver.shutdown();
    try {
      saver.awaitTermination(5, TimeUnit.SECONDS);
      save();
    } catch (LDAPException e) {
      LOG.error("Could not save the embedded directory on shutdown: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.shutDown(true);
  }
}
