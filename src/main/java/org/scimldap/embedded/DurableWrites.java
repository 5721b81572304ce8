package org.scimldap.embedded;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldif.LDIFAddChangeRecord;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFDeleteChangeRecord;
import com.unboundid.ldif.LDIFModifyDNChangeRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * Makes each write of the embedded directory durable before it is answered: its result is appended
 * to the {@link ChangeLog} and forced to disk. What is logged is the state the write left, read
 * back while the log is held, so that log order is the order of those states even when writes of
 * several connections overlap. Writes hold a shared lock from before they are applied until they
 * are logged; {@link #exclusively} takes it alone, so that a snapshot never holds a change the log
 * it starts has too.
 */
final class DurableWrites implements WriteJournal {
  private final ChangeLog log;
  private final Function<DN, Entry> stored;
  private final Runnable afterChange;
  private final ReentrantReadWriteLock writes = new ReentrantReadWriteLock();

  /**
   * @param stored reads an entry exactly as the directory stores it (null when absent)
   * @param afterChange told after each logged change (to schedule a snapshot)
   */
  DurableWrites(ChangeLog log, Function<DN, Entry> stored, Runnable afterChange) {
    this.log = log;
    this.stored = stored;
    this.afterChange = afterChange;
  }

  /** Refuses writes while the log cannot be written, until a snapshot starts it again. */
  @Override
  public void beforeWrite() throws LDAPException {
    Optional<IOException> failure = log.failure();
    if (failure.isPresent()) {
      afterChange.run();
      throw new LDAPException(
          ResultCode.UNAVAILABLE,
          "the embedded directory cannot write its change log ("
              + failure.get().getMessage()
              + "); writes are refused until a snapshot succeeds");
    }
    writes.readLock().lock();
  }

  @Override
  public void afterWrite(Optional<Change> change) {
    try {
      if (change.isPresent()) {
        synchronized (log) {
          log.append(records(change.get()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the change could not be written to the change log", e);
    } finally {
      writes.readLock().unlock();
      if (change.isPresent()) {
        afterChange.run();
      }
    }
  }

  private List<LDIFChangeRecord> records(Change change) {
    List<LDIFChangeRecord> records = new ArrayList<>();
    if (change instanceof Change.Written written) {
      records.add(state(written.dn()));
    } else if (change instanceof Change.Deleted deleted) {
      records.add(new LDIFDeleteChangeRecord(deleted.dn().toString()));
      presentState(deleted.dn()).ifPresent(records::add);
    } else if (change instanceof Change.Renamed renamed) {
      DN to = renamed.to();
      records.add(
          new LDIFModifyDNChangeRecord(
              renamed.from().toString(), to.getRDN().toString(), false, to.getParentString()));
      records.add(state(to));
      presentState(renamed.from()).ifPresent(records::add);
    }
    return records;
  }

  /** The entry at {@code dn} as it is now: the whole entry, or its absence. */
  private LDIFChangeRecord state(DN dn) {
    Entry entry = stored.apply(dn);
    return entry == null
        ? new LDIFDeleteChangeRecord(dn.toString())
        : new LDIFAddChangeRecord(entry);
  }

  /**
   * The entry at {@code dn}, when another write has put one there since this one was applied (its
   * own record may be in the log already, before this one).
   */
  private Optional<LDIFChangeRecord> presentState(DN dn) {
    return Optional.ofNullable(stored.apply(dn)).map(LDIFAddChangeRecord::new);
  }

  /** An action that runs while no write is between being applied and being logged. */
  interface Exclusive {
    void run() throws Exception;
  }

  /**
   * Runs {@code action} with writes held off; false, without running it, when writes in progress do
   * not end within {@code seconds}.
   */
  boolean exclusively(long seconds, Exclusive action) throws Exception {
    if (!writes.writeLock().tryLock(seconds, TimeUnit.SECONDS)) {
      return false;
    }
    try {
      action.run();
      return true;
    } finally {
      writes.writeLock().unlock();
    }
  }
}
