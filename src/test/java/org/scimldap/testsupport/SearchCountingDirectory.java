package org.scimldap.testsupport;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.ForwardingDirectory;

/** A directory that counts the searches under the bases {@code counted} accepts. */
public class SearchCountingDirectory extends ForwardingDirectory {
  private final Predicate<DN> counted;
  private final AtomicInteger searches;

  /** Counts in {@code searches} every search whose base {@code counted} accepts. */
  public SearchCountingDirectory(Directory real, Predicate<DN> counted, AtomicInteger searches) {
    super(real);
    this.counted = counted;
    this.searches = searches;
  }

  @Override
  public void search(
      DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
    if (counted.test(base)) {
      searches.incrementAndGet();
    }
    super.search(base, scope, filter, attributes, sink);
  }
}
