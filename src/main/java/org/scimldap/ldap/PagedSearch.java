package org.scimldap.ldap;

import com.unboundid.ldap.sdk.Entry;
import java.util.function.Consumer;

/**
 * A search read a page at a time, each page on a call of its own, with the directory keeping its
 * place in between (Simple Paged Results, RFC 2696): the next page costs the directory what a page
 * costs, where reading the same entries by their ids costs it a lookup of each id. Used by one
 * caller at a time; {@link #close} ends it.
 */
public interface PagedSearch extends AutoCloseable {

  /**
   * Hands the next {@code size} entries (fewer at the end) to {@code sink}, in the directory's
   * order; true when there are more after them. After false, or a failure, the search is over.
   *
   * @throws DirectoryException when the directory fails the page
   */
  boolean next(int size, Consumer<Entry> sink);

  /** Ends the search; what it held is released. */
  @Override
  void close();
}
