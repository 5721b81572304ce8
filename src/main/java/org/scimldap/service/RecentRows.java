package org.scimldap.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.scimldap.store.Correlation;
import org.scimldap.store.CorrelationStore;
import org.scimldap.store.ForwardingStore;
import org.scimldap.store.StoreException;
import org.scimldap.store.StoredParts;

/**
 * A {@link CorrelationStore} in front of another that answers lookups by id from memory for the ids
 * it wrote or looked up lately, so that reading or changing a resource costs no store query. It
 * relies on every write of the store passing through it, as it does while the gateway runs (a store
 * file changed by hand meanwhile calls for {@link #forgetAll}):
 *
 * <ul>
 *   <li>writes pass one at a time (as SQLite takes them anyway), and each keeps the row it wrote,
 *       or forgets it when the write failed or was refused, before the next write starts; so the
 *       kept rows change in the order the store's do;
 *   <li>a lookup that a write, of any id, overlapped is answered but not kept, so that a row read
 *       before a write finished never outlives it.
 * </ul>
 *
 * A kept row is therefore the store's own, or what it held at most one write ago while that write
 * is under way. The rows used last are kept, absent ones too, each with its DN as text, parsed
 * again when it is looked up (a parsed DN alone takes well over a kilobyte): at most {@link
 * #CAPACITY} of them and {@link #BUDGET} bytes together, none of more than {@link #LARGEST} bytes
 * (a row with large kept parts), nor under an id longer than {@link #LONGEST_ID} characters.
 */
public final class RecentRows extends ForwardingStore {
  /** Rows kept at most: all those of a directory of 100,000 users and groups. */
  public static final int CAPACITY = 100_000;

  /** Bytes the kept rows take together at most: about 400 bytes a row of a UUID-named user. */
  public static final long BUDGET = 48L << 20;

  /** Bytes of a row beyond which it is not kept. */
  static final int LARGEST = 4 << 10;

  /** Characters of an id beyond which nothing is kept under it. */
  static final int LONGEST_ID = 256;

  private static final KeptRow ABSENT = new KeptRow(null, null, null, null, null, null, null, null);

  private final BoundedCache<KeptRow> byId;
  private final Object oneWriteAtATime = new Object();
  private long writes;
  private volatile boolean closed;

  public RecentRows(CorrelationStore store) {
    this(store, CAPACITY, BUDGET);
  }

  RecentRows(CorrelationStore store, int capacity, long budget) {
    super(store);
    this.byId = new BoundedCache<>(capacity, budget, LARGEST, KeptRow::bytes);
  }

  @Override
  public Optional<Correlation> findById(String id) {
    if (closed) {
      return wrapped().findById(id);
    }
    long writesBefore;
    KeptRow kept;
    synchronized (this) {
      kept = byId.get(id);
      writesBefore = writes;
    }
    if (kept != null) {
      return kept.correlation(id);
    }
    Optional<Correlation> row = wrapped().findById(id);
    if (id.length() <= LONGEST_ID) {
      KeptRow keep = row.map(KeptRow::of).orElse(ABSENT);
      synchronized (this) {
        if (writes == writesBefore) {
          byId.put(id, keep);
        }
      }
    }
    return row;
  }

  /** The parts of the kept rows, and of the others from the store in one query. */
  @Override
  public Map<String, StoredParts> storedParts(Collection<String> ids) {
    if (closed) {
      return wrapped().storedParts(ids);
    }
    Map<String, StoredParts> found = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    synchronized (this) {
      for (String id : ids) {
        KeptRow row = byId.get(id);
        if (row == null) {
          unknown.add(id);
        } else if (row != ABSENT) {
          found.put(id, new StoredParts(row.externalId(), row.kept()));
        }
      }
    }
    if (!unknown.isEmpty()) {
      found.putAll(wrapped().storedParts(unknown));
    }
    return found;
  }

  @Override
  public void save(Correlation correlation) {
    writing(
        correlation.id(),
        Optional.empty(),
        () -> {
          wrapped().save(correlation);
          return KeptRow.of(correlation);
        });
  }

  /**
   * As the store saves it; the row read may be under another id (a conditional save can rename it),
   * which is forgotten too.
   */
  @Override
  public boolean saveIfUnchanged(Correlation correlation, Optional<Correlation> read) {
    return writing(
            correlation.id(),
            read.map(Correlation::id).filter(id -> !id.equals(correlation.id())),
            () -> wrapped().saveIfUnchanged(correlation, read) ? KeptRow.of(correlation) : null)
        != null;
  }

  @Override
  public void delete(String id) {
    writing(
        id,
        Optional.empty(),
        () -> {
          wrapped().delete(id);
          return ABSENT;
        });
  }

  /**
   * Runs a write of {@code id}, one write at a time, and before the next one keeps the row it
   * leaves: what {@code write} returns, or nothing (the row forgotten) when it returns null, fails
   * or was refused. {@code renamedFrom}, an id the write may have moved the row from, is forgotten.
   */
  private KeptRow writing(String id, Optional<String> renamedFrom, Supplier<KeptRow> write) {
    synchronized (oneWriteAtATime) {
      KeptRow now = null;
      try {
        now = write.get();
        return now;
      } finally {
        renamedFrom.ifPresent(old -> written(old, null));
        written(id, now);
      }
    }
  }

  /**
   * After a write of {@code id}: keeps its row as written, or forgets it when {@code now} is null.
   */
  private synchronized void written(String id, KeptRow now) {
    writes++;
    if (now == null || id.length() > LONGEST_ID) {
      byId.remove(id);
    } else {
      byId.put(id, now);
    }
  }

  /** Forgets every kept row: for when the store was changed other than through this one. */
  public synchronized void forgetAll() {
    writes++;
    byId.clear();
  }

  /** How many rows are kept. */
  int size() {
    return byId.size();
  }

  /** A row without its id (the key it is kept under) and with its DN as text. */
  private record KeptRow(
      String resourceType,
      String immutableId,
      String dn,
      String externalId,
      Instant created,
      Instant lastModified,
      String version,
      String kept) {
    static KeptRow of(Correlation row) {
      return new KeptRow(
          row.resourceType().intern(),
          row.immutableId().equals(row.id()) ? null : row.immutableId(),
          row.dn().toString(),
          row.externalId(),
          row.created(),
          row.lastModified(),
          row.version(),
          row.kept());
    }

    /**
     * About what it takes in memory, its key included: the objects around a UUID-named row, and two
     * bytes a character beyond.
     */
    int bytes() {
      return 240
          + 2
              * (length(immutableId)
                  + length(dn)
                  + length(externalId)
                  + length(version)
                  + length(kept));
    }

    private static int length(String s) {
      return s == null ? 0 : s.length();
    }

    Optional<Correlation> correlation(String id) {
      if (this == ABSENT) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new Correlation(
                id,
                resourceType,
                immutableId == null ? id : immutableId,
                new DN(dn),
                externalId,
                created,
                lastModified,
                version,
                kept));
      } catch (LDAPException e) {
        throw new StoreException("read the kept DN " + dn, e);
      }
    }
  }

  /** Forgets every kept row; lookups go to the store from now on, which fails them once closed. */
  @Override
  public void close() {
    closed = true;
    forgetAll();
    wrapped().close();
  }
}
