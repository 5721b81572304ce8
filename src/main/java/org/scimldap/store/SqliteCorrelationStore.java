package org.scimldap.store;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CorrelationStore} in an SQLite file through HikariCP. WAL journal, so readers never wait
 * for the writer; DNs are looked up by their normalized form (RFC 4514 equality).
 */
public final class SqliteCorrelationStore implements CorrelationStore {
  private static final int BATCH = 400;
  private static final String COLUMNS =
      "id, resource_type, immutable_id, dn, external_id, created, last_modified, version, kept";
  private static final String SAVE =
      "INSERT INTO correlation ("
          + COLUMNS
          + ", dn_norm) VALUES (?,?,?,?,?,?,?,?,?,?)"
          + " ON CONFLICT(id) DO UPDATE SET resource_type=excluded.resource_type,"
          + " immutable_id=excluded.immutable_id, dn=excluded.dn, dn_norm=excluded.dn_norm,"
          + " external_id=excluded.external_id, created=excluded.created,"
          + " last_modified=excluded.last_modified, version=excluded.version,"
          + " kept=excluded.kept";

  private final HikariDataSource dataSource;
  private final Writes writes;

  private SqliteCorrelationStore(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.writes = new Writes(dataSource);
  }

  /**
   * Opens (creating if needed) the store at {@code file}. The file, SQLite's {@code -wal} and
   * {@code -shm} files beside it, and a folder created for them are readable by their owner only.
   */
  public static SqliteCorrelationStore open(Path file) {
    try {
      OwnerOnlyFiles.folderOf(file);
    } catch (IOException e) {
      throw new StoreException("create the folder of " + file + ": " + e.getMessage(), e);
    }
    try {
      OwnerOnlyFiles.databaseFile(file);
    } catch (IOException e) {
      throw new StoreException("create " + file + " readable by its owner only: " + e, e);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
    config.setPoolName("correlation-store");
    // Four readers and the one connection that writes (Writes).
    config.setMaximumPoolSize(5);
    config.setConnectionTimeout(5_000);
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("busy_timeout", "5000");
    config.addDataSourceProperty("synchronous", "NORMAL");
    config.addDataSourceProperty("foreign_keys", "true");
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("open " + file + ": " + e.getMessage(), e);
    }
    SqliteCorrelationStore store = new SqliteCorrelationStore(dataSource);
    try {
      store.createSchema();
      OwnerOnlyFiles.restrict(file);
    } catch (StoreException e) {
      dataSource.close();
      throw e;
    } catch (IOException e) {
      dataSource.close();
      throw new StoreException("make " + file + " readable by its owner only: " + e, e);
    }
    return store;
  }

  private void createSchema() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "CREATE TABLE IF NOT EXISTS correlation ("
              + " id TEXT PRIMARY KEY,"
              + " resource_type TEXT NOT NULL,"
              + " immutable_id TEXT NOT NULL UNIQUE,"
              + " dn TEXT NOT NULL,"
              + " dn_norm TEXT NOT NULL,"
              + " external_id TEXT,"
              + " created TEXT NOT NULL,"
              + " last_modified TEXT NOT NULL,"
              + " version TEXT NOT NULL,"
              + " kept TEXT)");
      addKeptColumn(s);
      s.executeUpdate("CREATE INDEX IF NOT EXISTS correlation_dn ON correlation(dn_norm)");
      s.executeUpdate(
          "CREATE INDEX IF NOT EXISTS correlation_external ON correlation(resource_type, external_id)");
    } catch (SQLException e) {
      throw failure("create the correlation table", e);
    }
  }

  /** Stores written before kept parts existed get the column; their rows keep nothing yet. */
  private static void addKeptColumn(Statement s) throws SQLException {
    boolean present = false;
    try (ResultSet columns = s.executeQuery("PRAGMA table_info(correlation)")) {
      while (columns.next()) {
        present |= columns.getString("name").equals("kept");
      }
    }
    if (!present) {
      s.executeUpdate("ALTER TABLE correlation ADD COLUMN kept TEXT");
    }
  }

  @Override
  public Optional<Correlation> findById(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + COLUMNS + " FROM correlation WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read id " + id, e);
    }
  }

  @Override
  public Map<String, StoredParts> storedParts(Collection<String> ids) {
    Map<String, StoredParts> found = new HashMap<>();
    inBatches(
        "look up ids",
        "id, external_id, kept",
        "id",
        List.copyOf(new LinkedHashSet<>(ids)),
        rs -> found.put(rs.getString(1), new StoredParts(rs.getString(2), rs.getString(3))));
    return found;
  }

  @Override
  public Map<DN, Correlation> findByDns(Collection<DN> dns) {
    Map<String, DN> byNorm = new HashMap<>();
    dns.forEach(dn -> byNorm.put(dn.toNormalizedString(), dn));
    Map<DN, Correlation> found = new HashMap<>();
    inBatches(
        "look up DNs",
        COLUMNS + ", dn_norm",
        "dn_norm",
        List.copyOf(byNorm.keySet()),
        rs -> found.put(byNorm.get(rs.getString(10)), row(rs)));
    return found;
  }

  /** A row handler that may fail as JDBC does. */
  private interface RowSink {
    void accept(ResultSet row) throws SQLException;
  }

  /**
   * Selects {@code columns} of the rows whose {@code column} is one of {@code keys}, a few hundred
   * keys a query.
   */
  private void inBatches(
      String what, String columns, String column, List<String> keys, RowSink sink) {
    if (keys.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      for (int from = 0; from < keys.size(); from += BATCH) {
        List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
        String marks = String.join(",", Collections.nCopies(batch.size(), "?"));
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT "
                    + columns
                    + " FROM correlation WHERE "
                    + column
                    + " IN ("
                    + marks
                    + ")")) {
          for (int i = 0; i < batch.size(); i++) {
            ps.setString(i + 1, batch.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              sink.accept(rs);
            }
          }
        }
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  @Override
  public List<String> idsByExternalId(String resourceType, String externalId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id FROM correlation WHERE resource_type = ? AND external_id = ?")) {
      ps.setString(1, resourceType);
      ps.setString(2, externalId);
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw failure("look up externalId", e);
    }
  }

  @Override
  public void save(Correlation r) {
    try {
      writes.run(
          SAVE,
          ps -> {
            bindRow(ps, r);
            return ps.executeUpdate();
          });
    } catch (SQLException e) {
      throw failure("save id " + r.id(), e);
    }
  }

  @Override
  public boolean saveIfUnchanged(Correlation r, Optional<Correlation> read) {
    String sql =
        read.isEmpty()
            ? "INSERT INTO correlation ("
                + COLUMNS
                + ", dn_norm) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING"
            : "UPDATE correlation SET id=?, resource_type=?, immutable_id=?, dn=?, external_id=?,"
                + " created=?, last_modified=?, version=?, kept=?, dn_norm=?"
                + " WHERE id=? AND external_id IS ? AND kept IS ?";
    try {
      return writes.run(
              sql,
              ps -> {
                bindRow(ps, r);
                if (read.isPresent()) {
                  ps.setString(11, read.get().id());
                  ps.setString(12, read.get().externalId());
                  ps.setString(13, read.get().kept());
                }
                return ps.executeUpdate();
              })
          == 1;
    } catch (SQLException e) {
      throw failure("save id " + r.id(), e);
    }
  }

  /** Sets the first ten parameters: the columns of a row, then its normalised DN. */
  private static void bindRow(PreparedStatement ps, Correlation r) throws SQLException {
    ps.setString(1, r.id());
    ps.setString(2, r.resourceType());
    ps.setString(3, r.immutableId());
    ps.setString(4, r.dn().toString());
    ps.setString(5, r.externalId());
    ps.setString(6, r.created().toString());
    ps.setString(7, r.lastModified().toString());
    ps.setString(8, r.version());
    ps.setString(9, r.kept());
    ps.setString(10, r.dn().toNormalizedString());
  }

  @Override
  public void delete(String id) {
    try {
      writes.run(
          "DELETE FROM correlation WHERE id = ?",
          ps -> {
            ps.setString(1, id);
            return ps.executeUpdate();
          });
    } catch (SQLException e) {
      throw failure("delete id " + id, e);
    }
  }

  /** Inserts a row that no id can name, in a transaction that is rolled back. */
  @Override
  public void checkWritable() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate(
            "INSERT INTO correlation (id, resource_type, immutable_id, dn, dn_norm, created,"
                + " last_modified, version) VALUES ('', '', '', '', '', '', '', '')");
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("write a row", e);
    }
  }

  private static Correlation row(ResultSet rs) throws SQLException {
    try {
      return new Correlation(
          rs.getString(1),
          rs.getString(2),
          rs.getString(3),
          new DN(rs.getString(4)),
          rs.getString(5),
          StoredInstants.parse(rs.getString(6)),
          StoredInstants.parse(rs.getString(7)),
          rs.getString(8),
          rs.getString(9));
    } catch (LDAPException e) {
      throw new SQLException("stored DN is not valid: " + rs.getString(4), e);
    }
  }

  private static StoreException failure(String what, SQLException e) {
    return new StoreException(what, e);
  }

  /**
   * The one connection the store writes through, each statement prepared once on it. SQLite lets
   * one connection write at a time: writers wait their turn here, on a lock, rather than in
   * SQLite's busy handler, which tries again after sleeps that grow longer. After a failure the
   * connection goes back to the pool, and the next write takes another.
   */
  private static final class Writes {
    private final HikariDataSource dataSource;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;

    Writes(HikariDataSource dataSource) {
      this.dataSource = dataSource;
    }

    /** {@code call} with the statement of {@code sql}, its parameters cleared. */
    synchronized int run(String sql, StatementCall call) throws SQLException {
      try {
        if (connection == null) {
          connection = dataSource.getConnection();
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
          statement = connection.prepareStatement(sql);
          statements.put(sql, statement);
        }
        statement.clearParameters();
        return call.apply(statement);
      } catch (SQLException e) {
        close();
        throw e;
      }
    }

    /** Closes the statements and gives the connection back. */
    synchronized void close() {
      statements.clear();
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException e) {
          // Closing a connection whose write failed: the failure was reported already.
        }
        connection = null;
      }
    }
  }

  /** A write on a prepared statement, as JDBC may fail it; the number of rows it changed. */
  private interface StatementCall {
    int apply(PreparedStatement statement) throws SQLException;
  }

  @Override
  public void close() {
    writes.close();
    dataSource.close();
  }
}
