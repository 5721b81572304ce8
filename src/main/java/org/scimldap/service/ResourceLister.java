package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.ldap.PagedSearch;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.mapping.filter.FilterTranslator;
import org.scimldap.scim.filter.CompareOperator;
import org.scimldap.scim.filter.FilterEvaluator;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.Uniqueness;
import org.scimldap.store.CorrelationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists and searches one resource type (RFC 7644 §3.4.2): filter, sort, page. */
final class ResourceLister {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceLister.class);

  private static final int FETCH_BATCH = 100;

  private static final int PRESENT_BATCH = 200;

  /** The most entries a selective query's scan keeps whole for its page. */
  private static final int KEPT_WHOLE = 200;

  private final EntryMapper mapper;
  private final Directory directory;
  private final CorrelationStore store;
  private final ReferenceResolver resolver;
  private final ResourcePresenter presenter;
  private final ListSnapshots snapshots;

  ResourceLister(
      EntryMapper mapper,
      Directory directory,
      CorrelationStore store,
      ReferenceResolver resolver,
      ResourcePresenter presenter,
      ListSnapshots snapshots) {
    this.mapper = mapper;
    this.directory = directory;
    this.store = store;
    this.resolver = resolver;
    this.presenter = presenter;
    this.snapshots = snapshots;
  }

  private ResourceSchema schema() {
    return mapper.mapping().schema();
  }

  /**
   * GET with filter, sorting and paging (RFC 7644 §3.4.2). The LDAP filter does the selecting, in
   * the directory; parts it cannot say exactly are checked here on each candidate, before counting,
   * so {@code totalResults} and the pages stay exact. Without a filter or a sort key, the ids come
   * from those kept current by following the directory's changes where it offers that, without a
   * scan. Pages after the first reuse the first page's ordered ids (see {@link ListSnapshots}).
   */
  ListPage list(ListQuery query) {
    AttributeDefinition sortDef =
        query.sortBy() == null ? null : SortKeys.check(schema(), query.sortBy());
    FilterTranslator translator = query.filter() == null ? null : translator(query.filter());
    FilterTranslator.Translation translation =
        translator == null
            ? new FilterTranslator.Translation(mapper.mapping().entryFilter(), true)
            : translator.translate(query.filter());
    // Only the store's rows can say whether a candidate meets a condition on what the store keeps;
    // a sort key alone is taken to need them (the presenter reads them only where the type keeps
    // something in the store).
    boolean readsStore =
        translator == null || translator.readsStore(query.filter(), query.sortBy());
    // The key of the query's snapshot, worked out only for a page after the first, or for a first
    // page that leaves more to come.
    Supplier<String> key =
        () ->
            translation.ldap().toNormalizedString()
                + "|"
                + translation.exact()
                + "|"
                + query.filter()
                + "|"
                + query.sortBy()
                + "|"
                + query.descending();
    Map<String, Entry> read = new HashMap<>();
    Map<String, Resource> shown = new HashMap<>();
    boolean listOrder = inListOrder(query, sortDef);
    List<String> ids =
        (query.startIndex() > 1
                ? snapshots.reusable(key.get(), query.startIndex())
                : Optional.<ListSnapshots.Snapshot>empty())
            .map(ListSnapshots.Snapshot::ids)
            .orElseGet(
                () -> {
                  long generation = snapshots.generation();
                  Optional<List<String>> followed =
                      query.filter() == null && sortDef == null
                          ? snapshots.followedIds(mapper)
                          : Optional.empty();
                  List<String> fresh =
                      followed.orElseGet(
                          () ->
                              scan(
                                  query, translation, readsStore, sortDef, listOrder, read, shown));
                  if (fresh.size() > query.startIndex() - 1L + query.count()) {
                    snapshots.keep(
                        key.get(),
                        new ListSnapshots.Snapshot(fresh, generation, System.currentTimeMillis()));
                  }
                  return fresh;
                });
    List<String> pageIds = slice(ids, query);
    if (listOrder) {
      readInListOrder(pageIds, ids.size(), query, key.get(), read);
    }
    return new ListPage(ids.size(), query.startIndex(), page(pageIds, query, read, shown));
  }

  /**
   * True for a list without a filter or a sort key of a type whose entries are followed: it comes
   * in the directory's order, the order of the followed ids, also when it scans (the followed ids
   * lag behind, or are being read again), so that its pages are slices of one order.
   */
  private boolean inListOrder(ListQuery query, AttributeDefinition sortDef) {
    return query.filter() == null && sortDef == null && snapshots.followed(mapper).isPresent();
  }

  /**
   * For a page after the first of an unfiltered list of a followed type: reads its entries into
   * {@code read} with a search of the type kept from the page before ({@link ListCursors}), or one
   * started at the second page, which first passes over as many entries as the first page showed.
   * Followed ids, and the scans of a followed type's unfiltered lists, are in the order such a
   * search returns the entries ({@link FollowedIds}), so its next page holds this page's entries,
   * and costs the directory none of the lookups of a read by ids. What it does not bring (an entry
   * deleted, or sent in another order, since the ids were taken) is read by id ({@link #fetch});
   * what it brings that the page does not show is left out. A search whose page brought fewer than
   * half of the page's entries no longer follows the list, and is ended; one that fails is ended
   * too, and the page read by ids. (A first page starts none: many lists are asked for their first
   * page only.)
   */
  private void readInListOrder(
      List<String> pageIds, int total, ListQuery query, String listKey, Map<String, Entry> read) {
    int start = query.startIndex();
    if (pageIds.isEmpty() || start == 1) {
      return;
    }
    List<String> attributes = mapper.attributesToFetch(query.withMembers(), query.hidden());
    String key = listKey + "|" + attributes;
    Optional<PagedSearch> kept = snapshots.cursors().take(key, start);
    boolean passOver = kept.isEmpty() && start - 1 <= query.count();
    if (passOver) {
      kept = snapshots.pagedSearch(mapper, attributes);
    }
    if (kept.isEmpty()) {
      return;
    }
    PagedSearch search = kept.get();
    boolean keep = false;
    try {
      if (passOver && !search.next(start - 1, e -> {})) {
        return;
      }
      Set<String> wanted = new HashSet<>(pageIds);
      int[] found = {0};
      boolean left =
          search.next(
              query.count(),
              e ->
                  mapper
                      .immutableId(e)
                      .filter(wanted::contains)
                      .ifPresent(
                          id -> {
                            if (read.putIfAbsent(id, e) == null) {
                              found[0]++;
                            }
                          }));
      keep = left && start - 1L + query.count() < total && 2 * found[0] >= pageIds.size();
    } catch (DirectoryException e) {
      LOG.debug("A page read in list order failed; reading it by ids: {}", e.getMessage());
    } finally {
      if (keep) {
        snapshots.cursors().keep(key, start + query.count(), search);
      } else {
        search.close();
      }
    }
  }

  /**
   * The resources with these ids, in this order: those the scan presented already ({@code shown})
   * as they are, the others read ({@link #fetch}) and presented.
   */
  private List<Resource> page(
      List<String> ids, ListQuery query, Map<String, Entry> read, Map<String, Resource> shown) {
    List<String> unseen = ids.stream().filter(id -> !shown.containsKey(id)).toList();
    Map<String, Resource> byId = new HashMap<>(shown);
    Map<String, Entry> fetched = fetch(unseen, query, read);
    List<String> found = List.copyOf(fetched.keySet());
    List<Entry> entries = List.copyOf(fetched.values());
    // A page without some attributes is read without them: nothing to keep or reuse.
    List<Resource> presented =
        query.hidden().isEmpty()
            ? presenter.answerAll(entries, found, query.withMembers())
            : presenter.presentAll(entries, query.withMembers(), true);
    for (int i = 0; i < found.size(); i++) {
      byId.put(found.get(i), presented.get(i));
    }
    return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
  }

  private record Row(String id, String dn, String key) {}

  /**
   * The ids of every match, in order: by the sort key, then by DN; or, with {@code directoryOrder},
   * as the directory sent them. The candidates checked here are presented with what the store keeps
   * of them only where that may decide ({@code readsStore}). A query that names one resource
   * ({@link #selective}) reads the entries whole, into {@code read}, so that its page needs no
   * second search; where the filter is checked here, the candidates are presented as the page shows
   * them, and those that match are kept in {@code shown}, so that they are not presented twice.
   */
  private List<String> scan(
      ListQuery query,
      FilterTranslator.Translation translation,
      boolean readsStore,
      AttributeDefinition sortDef,
      boolean directoryOrder,
      Map<String, Entry> read,
      Map<String, Resource> shown) {
    boolean postFilter = !translation.exact();
    boolean needScim = postFilter || sortDef != null;
    boolean whole = sortDef == null && selective(query.filter());
    boolean members =
        postFilter && (mentions(query.filter(), "members") || mentions(query.filter(), "groups"));
    List<String> attributes;
    if (whole) {
      attributes = mapper.attributesToFetch(members || query.withMembers());
    } else if (needScim) {
      // Only what the filter and the sort key name is needed to check and order the candidates.
      List<AttributePath> named = new ArrayList<>();
      if (query.filter() != null) {
        named.addAll(query.filter().leafPaths());
      }
      if (query.sortBy() != null) {
        named.add(query.sortBy());
      }
      Set<String> hidden = mapper.hiddenBut(named);
      attributes =
          namesMetaOrRefs(query)
              ? mapper.attributesToFetch(members, hidden)
              : mapper.attributesToCheck(members, hidden);
    } else {
      attributes = List.of(mapper.mapping().idAttribute());
    }
    // Where the directory's answer is exact for a candidate with at most one value of some
    // attributes (it compares any value, SCIM the first), such a candidate needs no check here: it
    // is kept as read, and presented once, for the page. (Checking a resource answered from kept
    // text would parse that text back into a tree.)
    DecidedWhenSingle decidedWhenSingle =
        postFilter && sortDef == null && !members
            ? translation.exactWhenSingle().map(DecidedWhenSingle::new).orElse(null)
            : null;
    List<Row> rows = new ArrayList<>();
    List<Entry> pending = new ArrayList<>();
    List<String> pendingIds = new ArrayList<>();
    // A resource presented as the page shows it, to be checked, can be the page's own: when the
    // check does not need members that the page leaves out.
    boolean asShown = whole && (!members || query.withMembers());
    Runnable flush =
        () -> {
          if (asShown) {
            List<Resource> presented =
                presenter.answerAll(pending, pendingIds, query.withMembers());
            for (int i = 0; i < pending.size(); i++) {
              Resource r = presented.get(i);
              if (FilterEvaluator.matches(query.filter(), r.body(), schema())) {
                String id = pendingIds.get(i);
                rows.add(new Row(id, dnKey(pending.get(i)), null));
                if (shown.size() < KEPT_WHOLE) {
                  shown.put(id, r);
                }
              }
            }
            pending.clear();
            pendingIds.clear();
            return;
          }
          List<ObjectNode> presented =
              presenter.candidates(pending, members, readsStore, namesMetaOrRefs(query));
          for (int i = 0; i < pending.size(); i++) {
            ObjectNode r = presented.get(i);
            if (postFilter && !FilterEvaluator.matches(query.filter(), r, schema())) {
              continue;
            }
            String sortKey = sortDef == null ? null : SortKeys.of(r, schema(), query.sortBy());
            rows.add(new Row(r.path("id").asText(), dnKey(pending.get(i)), sortKey));
            if (whole && read.size() < KEPT_WHOLE) {
              read.put(r.path("id").asText(), pending.get(i));
            }
          }
          pending.clear();
          pendingIds.clear();
        };
    directory.search(
        mapper.searchBase(),
        SearchScope.SUB,
        translation.ldap(),
        attributes,
        e -> {
          Optional<String> id = mapper.immutableId(e);
          if (id.isEmpty()) {
            return;
          }
          if (!needScim || (decidedWhenSingle != null && decidedWhenSingle.heldBy(e))) {
            rows.add(new Row(id.get(), dnKey(e), null));
            if (whole && read.size() < KEPT_WHOLE) {
              read.put(id.get(), e);
            }
            return;
          }
          pending.add(e);
          pendingIds.add(id.get());
          if (pending.size() >= PRESENT_BATCH) {
            flush.run();
          }
        });
    flush.run();
    if (directoryOrder) {
      return rows.stream().map(Row::id).toList();
    }
    Comparator<Row> order = Comparator.comparing(Row::dn);
    if (sortDef != null) {
      Comparator<String> keys = SortKeys.comparator(sortDef);
      Comparator<Row> byKey =
          Comparator.comparing(
              Row::key, query.descending() ? Comparator.nullsLast(keys.reversed()) : keys);
      order = byKey.thenComparing(order);
    }
    rows.sort(order);
    return rows.stream().map(Row::id).toList();
  }

  /**
   * The key that orders entries without a sort key: the DN as the directory wrote it, in lower
   * case. Stable from one scan to the next, and cheap for a scan of every entry (no DN is parsed).
   */
  static String dnKey(Entry entry) {
    return entry.getDN().toLowerCase(Locale.ROOT);
  }

  /**
   * LDAP attributes of which a candidate must hold at most one value for the directory's answer to
   * be SCIM's (LDAP compares any value, SCIM shows the first), and none under the same attribute
   * with other options ({@code givenName;lang-de}), which an LDAP filter on the attribute may
   * compare but the mapping does not read. Checked for every entry a scan reads, so the names are
   * taken apart once, not for each entry.
   */
  private static final class DecidedWhenSingle {
    private final String[] names;

    /** The length of each name without its options. */
    private final int[] baseLengths;

    DecidedWhenSingle(Set<String> attributes) {
      this.names = attributes.toArray(String[]::new);
      this.baseLengths = new int[names.length];
      for (int i = 0; i < names.length; i++) {
        baseLengths[i] = baseLength(names[i]);
      }
    }

    /** True when {@code entry} holds each of the attributes as the directory's answer needs. */
    boolean heldBy(Entry entry) {
      for (Attribute a : entry.getAttributes()) {
        String name = a.getName();
        int base = baseLength(name);
        for (int i = 0; i < names.length; i++) {
          if (base == baseLengths[i]
              && name.regionMatches(true, 0, names[i], 0, base)
              && (a.size() > 1 || !name.equalsIgnoreCase(names[i]))) {
            return false;
          }
        }
      }
      return true;
    }

    private static int baseLength(String attribute) {
      int semicolon = attribute.indexOf(';');
      return semicolon < 0 ? attribute.length() : semicolon;
    }
  }

  /**
   * True for a filter that names at most a few resources: {@code eq} on a single-valued attribute
   * whose values are unique ({@code userName}, or one the mapping makes unique), on {@code id} or
   * on {@code externalId}: what an identity provider asks before it creates or links a resource.
   */
  private boolean selective(ScimFilter filter) {
    if (!(filter instanceof ScimFilter.Compare c) || c.operator() != CompareOperator.EQ) {
      return false;
    }
    String name = c.path().name();
    if (!c.path().hasSubAttribute()
        && (name.equalsIgnoreCase("id") || name.equalsIgnoreCase("externalId"))) {
      return true;
    }
    return schema()
        .resolve(c.path())
        .filter(r -> r.sub() == null && !r.attribute().multiValued())
        .filter(r -> r.attribute().uniqueness() != Uniqueness.NONE)
        .isPresent();
  }

  /**
   * True when the filter or the sort key names {@code meta} or a {@code $ref}, which only a
   * resource presented whole has.
   */
  private static boolean namesMetaOrRefs(ListQuery query) {
    return (query.filter() != null && query.filter().anyLeaf(ResourceLister::metaOrRef))
        || (query.sortBy() != null && metaOrRef(query.sortBy()));
  }

  private static boolean metaOrRef(AttributePath path) {
    return path.name().equalsIgnoreCase("meta")
        || path.name().equalsIgnoreCase("$ref")
        || "$ref".equalsIgnoreCase(path.subAttribute());
  }

  /** True when a filter names the attribute {@code name} anywhere. */
  private static boolean mentions(ScimFilter filter, String name) {
    return filter.anyLeaf(path -> path.name().equalsIgnoreCase(name));
  }

  private static <T> List<T> slice(List<T> all, ListQuery query) {
    int from = Math.min(all.size(), query.startIndex() - 1);
    int to = (int) Math.min(all.size(), (long) from + query.count());
    return List.copyOf(all.subList(from, to));
  }

  /**
   * The entries with these ids that exist, by id, in this order: those the scan read whole ({@code
   * read}) as they are, the others read with one search per hundred ids, without the attributes
   * that only the query's hidden ones need.
   */
  private Map<String, Entry> fetch(List<String> ids, ListQuery query, Map<String, Entry> read) {
    Map<String, Entry> byId = new HashMap<>(2 * (ids.size() + read.size()));
    byId.putAll(read);
    List<String> missing = ids.stream().filter(id -> !byId.containsKey(id)).toList();
    // Where the type's entries are followed, those of the ids it follows meet the type's filter:
    // the directory need not check it again, which costs it a read of every entry of the type in
    // its index. An entry found elsewhere than where it was followed (renamed meanwhile, or another
    // entry with the same id) is not taken; it, and the ids not followed (an entry the stream has
    // not brought yet), are asked for with the filter.
    Map<String, String> followed =
        snapshots.followed(mapper).flatMap(f -> f.known(missing)).orElse(Map.of());
    List<String> attributes = mapper.attributesToFetch(query.withMembers(), query.hidden());
    searchInBatches(
        missing.stream().filter(followed::containsKey).toList(),
        any -> any,
        attributes,
        e ->
            mapper
                .immutableId(e)
                .filter(id -> dnKey(e).equals(followed.get(id)))
                .ifPresent(id -> byId.put(id, e)));
    Filter type = mapper.mapping().entryFilter();
    searchInBatches(
        missing.stream().filter(id -> !byId.containsKey(id)).toList(),
        any -> Filter.createANDFilter(any, type),
        attributes,
        e -> mapper.immutableId(e).ifPresent(id -> byId.put(id, e)));
    Map<String, Entry> found = new LinkedHashMap<>();
    for (String id : ids) {
      Entry e = byId.get(id);
      if (e != null) {
        found.put(id, e);
      }
    }
    return found;
  }

  /**
   * Searches for the entries with {@code ids}, a hundred ids a search, each search's filter {@code
   * within} the one that asks for any of its ids.
   */
  private void searchInBatches(
      List<String> ids,
      UnaryOperator<Filter> within,
      List<String> attributes,
      Consumer<Entry> sink) {
    for (int from = 0; from < ids.size(); from += FETCH_BATCH) {
      List<Filter> any =
          ids.subList(from, Math.min(ids.size(), from + FETCH_BATCH)).stream()
              .map(mapper::idFilter)
              .toList();
      directory.search(
          mapper.searchBase(),
          SearchScope.SUB,
          within.apply(Filter.createORFilter(any)),
          attributes,
          sink);
    }
  }

  /** A translator for {@code filter}, with the ids its literals may refer to resolved. */
  private FilterTranslator translator(ScimFilter filter) {
    FilterTranslator.StoreLookup byExternalId =
        ext -> store.idsByExternalId(mapper.mapping().name(), ext);
    References refs =
        resolver
            .forIds(FilterTranslator.referencedIds(filter, mapper))
            .and(
                resolver.groupsDisplayed(
                    mapper, FilterTranslator.groupDisplays(filter, mapper.mapping())));
    return directory
        .schema()
        .map(schema -> new FilterTranslator(mapper, refs, byExternalId, schema))
        .orElseGet(() -> new FilterTranslator(mapper, refs, byExternalId));
  }
}
