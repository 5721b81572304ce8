package org.scimldap.ops;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchScope;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.ldap.ForwardingDirectory;
import org.scimldap.ldap.PagedSearch;

/**
 * A {@link Directory} that times every operation of the one it wraps, as {@code ldap.operations} by
 * {@code operation} ({@code read}, {@code search}, {@code add}, {@code modify}, {@code rename},
 * {@code move}, {@code delete}) and {@code outcome}: {@code success}, or the LDAP result code of
 * the failure (e.g. {@code connect error}). A search is timed to its last entry.
 */
final class MeteredDirectory extends ForwardingDirectory {
  private final Timers timers;

  MeteredDirectory(Directory directory, MeterRegistry registry) {
    super(directory);
    this.timers =
        new Timers(
            "ldap.operations",
            "Directory operations, by type and outcome",
            registry,
            "operation",
            "outcome");
  }

  @Override
  public Optional<Entry> read(DN dn, List<String> attributes) {
    return timed("read", () -> wrapped().read(dn, attributes));
  }

  @Override
  public void search(
      DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
    timed("search", () -> wrapped().search(base, scope, filter, attributes, sink));
  }

  @Override
  public boolean searchFrom(
      DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
    return timed("search", () -> wrapped().searchFrom(base, scope, filter, attributes, sink));
  }

  /** Each page of a kept search is timed as a search. */
  @Override
  public Optional<PagedSearch> pagedSearch(
      DN base, SearchScope scope, Filter filter, List<String> attributes) {
    return wrapped()
        .pagedSearch(base, scope, filter, attributes)
        .map(
            search ->
                new PagedSearch() {
                  @Override
                  public boolean next(int size, Consumer<Entry> sink) {
                    return timed("search", () -> search.next(size, sink));
                  }

                  @Override
                  public void close() {
                    search.close();
                  }
                });
  }

  @Override
  public void add(Entry entry) {
    timed("add", () -> wrapped().add(entry));
  }

  @Override
  public void modify(
      DN dn, List<Modification> modifications, boolean permissive, Optional<Filter> assertion) {
    timed("modify", () -> wrapped().modify(dn, modifications, permissive, assertion));
  }

  @Override
  public Optional<Entry> addAndRead(Entry entry, List<String> attributes) {
    return timed("add", () -> wrapped().addAndRead(entry, attributes));
  }

  @Override
  public Optional<Entry> modifyAndRead(
      DN dn,
      List<Modification> modifications,
      boolean permissive,
      Optional<Filter> assertion,
      List<String> attributes) {
    return timed(
        "modify",
        () -> wrapped().modifyAndRead(dn, modifications, permissive, assertion, attributes));
  }

  @Override
  public void modifyAsRead(DN dn, List<Modification> modifications) {
    timed("modify", () -> wrapped().modifyAsRead(dn, modifications));
  }

  @Override
  public void rename(DN dn, RDN newRdn, Optional<Filter> assertion) {
    timed("rename", () -> wrapped().rename(dn, newRdn, assertion));
  }

  @Override
  public void move(DN dn, RDN newRdn, DN newSuperior, Optional<Filter> assertion) {
    timed("move", () -> wrapped().move(dn, newRdn, newSuperior, assertion));
  }

  @Override
  public void delete(DN dn) {
    timed("delete", () -> wrapped().delete(dn));
  }

  private void timed(String operation, Runnable call) {
    timed(
        operation,
        () -> {
          call.run();
          return null;
        });
  }

  private <T> T timed(String operation, Supplier<T> call) {
    long start = System.nanoTime();
    String outcome = "success";
    try {
      return call.get();
    } catch (DirectoryException e) {
      outcome = e.resultCode().getName();
      throw e;
    } catch (RuntimeException e) {
      outcome = "error";
      throw e;
    } finally {
      timers.with(operation, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }
}
