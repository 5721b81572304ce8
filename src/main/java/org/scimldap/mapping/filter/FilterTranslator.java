package org.scimldap.mapping.filter;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.CompareOperator;
import org.scimldap.scim.filter.LeafVisitor;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Translates a SCIM filter (RFC 7644 §3.4.2.2) into one LDAP filter (RFC 4515) that the directory
 * evaluates, through the mapping rules, so that it agrees with the resources {@link
 * EntryMapper#toScim} builds from the entries. Values go into the filter as assertion values built
 * with UnboundID's factory methods, never by string concatenation, so {@code * ( ) \ NUL} and
 * non-ASCII characters come out as RFC 4515 §3 escapes and match literally.
 *
 * <p>Where LDAP cannot say a part exactly (case-exact comparisons, ordering on strings, several
 * conditions on one element of a multi-valued attribute, the first of several values), the
 * translation is a superset and {@link Translation#exact()} is false: the caller then evaluates the
 * SCIM filter on each candidate too. {@code and} and {@code or} of supersets are supersets; {@code
 * not} of a superset is not, so it becomes "every entry". An exact translation selects exactly the
 * matches, taking the directory's case-insensitive matching rules as the case-insensitive
 * comparison of RFC 7644 §3.4.2.2.
 *
 * <p>Filtering on an attribute that is not in the resource type's schemas, that no rule reads, or
 * that is never returned ({@code password}) is a 400 {@code invalidFilter} naming it.
 */
public final class FilterTranslator {

  /**
   * An LDAP filter that selects exactly what the SCIM filter does, or a superset. {@code
   * exactWhenSingle} names the LDAP attributes whose repeated values are all that makes it a
   * superset (SCIM shows the first of several, LDAP compares any): it decides exactly on an entry
   * with at most one value of each. The empty set when it is exact; no set at all when it is a
   * superset for another reason too.
   */
  public record Translation(Filter ldap, Optional<Set<String>> exactWhenSingle) {
    public Translation {
      Objects.requireNonNull(ldap);
      exactWhenSingle = exactWhenSingle.map(Set::copyOf);
    }

    /** Exact, or a superset for a reason that no entry's values take away. */
    public Translation(Filter ldap, boolean exact) {
      this(ldap, exact ? Optional.of(Set.of()) : Optional.empty());
    }

    /** Whether it selects exactly what the SCIM filter does. */
    public boolean exact() {
      return exactWhenSingle.filter(Set::isEmpty).isPresent();
    }
  }

  /** Looks up ids by a store-kept attribute value (externalId), compared exactly. */
  public interface StoreLookup {
    List<String> idsWithExternalId(String externalId);
  }

  private final ResourceMapping mapping;
  private final LeafTranslator leaves;
  private final ElementTranslator elements;

  /**
   * A translator that knows nothing of the directory's schema (every attribute may repeat). {@code
   * refs} holds the filter's {@link #referencedIds}, resolved.
   */
  public FilterTranslator(EntryMapper mapper, References refs, StoreLookup store) {
    this(mapper, refs, store, DirectoryAttributes.unknown());
  }

  /**
   * A translator that reads the directory's schema (RFC 4512 §4.2): filters on SCIM attributes
   * whose LDAP attribute is SINGLE-VALUE can then be exact, and comparisons are not pushed down to
   * attributes whose matching rules cannot answer them.
   */
  public FilterTranslator(
      EntryMapper mapper, References refs, StoreLookup store, Schema directorySchema) {
    this(mapper, refs, store, DirectoryAttributes.of(directorySchema));
  }

  private FilterTranslator(
      EntryMapper mapper, References refs, StoreLookup store, DirectoryAttributes directory) {
    this.mapping = mapper.mapping();
    RuleValues values = new RuleValues(refs, directory);
    CommonAttributeTranslator common = new CommonAttributeTranslator(mapping, store);
    this.elements = new ElementTranslator(mapping, mapper.readRuleIndex(), values);
    this.leaves =
        new LeafTranslator(
            mapping,
            mapper.readRuleIndex(),
            mapper.unmappedValues(),
            new RuleTranslator(values, common),
            elements,
            common);
  }

  /**
   * The literals of a filter that may be ids of resources, which a comparison with a reference
   * attribute of {@code mapping} ({@code manager.value eq "…"}, {@code members[value eq "…"]})
   * turns into DNs: the strings compared with {@code eq} or {@code ne} on those attributes, as
   * written and in lower case (ids are lower case; reference values compare case-insensitively).
   */
  public static Set<String> referencedIds(ScimFilter filter, EntryMapper mapper) {
    ResourceMapping mapping = mapper.mapping();
    Set<String> references = new HashSet<>(mapper.readRuleIndex().referenceNames());
    mapping.membersRule().ifPresent(m -> references.add("members"));
    mapping.groupsRule().ifPresent(g -> references.add("groups"));
    Set<String> ids = new LinkedHashSet<>();
    new EqualityLiterals(
            ids, path -> references.contains(path.name().toLowerCase(Locale.ROOT)), path -> true)
        .collect(filter);
    return ids;
  }

  /**
   * The literals a filter compares {@code groups.display} with ({@code eq}, {@code ne}, also inside
   * {@code groups[…]}), as written and in lower case: the display names whose groups a filter on an
   * entry's attribute of group DNs ({@code groups: {from: memberOf}}) needs resolved.
   */
  public static Set<String> groupDisplays(ScimFilter filter, ResourceMapping mapping) {
    Set<String> displays = new LinkedHashSet<>();
    if (mapping.groupsRule().isEmpty()) {
      return displays;
    }
    new EqualityLiterals(
            displays,
            path -> path.name().equalsIgnoreCase("groups") && isDisplay(path.subAttribute()),
            path -> path.name().equalsIgnoreCase("groups") && !path.hasSubAttribute(),
            path -> !path.hasSubAttribute() && isDisplay(path.name()))
        .collect(filter);
    return displays;
  }

  private static boolean isDisplay(String name) {
    return name != null && name.equalsIgnoreCase("display");
  }

  /**
   * Adds the text literals of {@code eq} and {@code ne} on the attributes {@code wanted} accepts,
   * and every such literal inside the brackets of a value path on one of them.
   */
  private static final class EqualityLiterals extends LeafVisitor<Void> {
    private final Set<String> into;
    private final Predicate<AttributePath> wanted;
    private final Predicate<AttributePath> brackets;
    private final Predicate<AttributePath> inside;

    /**
     * @param wanted the compared paths whose literals count
     * @param brackets the value paths whose inside counts
     * @param inside the paths inside those brackets whose literals count
     */
    EqualityLiterals(
        Set<String> into,
        Predicate<AttributePath> wanted,
        Predicate<AttributePath> brackets,
        Predicate<AttributePath> inside) {
      this.into = into;
      this.wanted = wanted;
      this.brackets = brackets;
      this.inside = inside;
    }

    EqualityLiterals(
        Set<String> into, Predicate<AttributePath> wanted, Predicate<AttributePath> inside) {
      this(into, wanted, wanted, inside);
    }

    void collect(ScimFilter filter) {
      filter.leaves().forEach(leaf -> leaf.accept(this));
    }

    @Override
    public Void present(ScimFilter.Present present) {
      return null;
    }

    @Override
    public Void compare(ScimFilter.Compare c) {
      if ((c.operator() == CompareOperator.EQ || c.operator() == CompareOperator.NE)
          && c.value().isTextual()
          && wanted.test(c.path())) {
        into.add(c.value().textValue());
        into.add(c.value().textValue().toLowerCase(Locale.ROOT));
      }
      return null;
    }

    @Override
    public Void valuePath(ScimFilter.ValuePath vp) {
      if (brackets.test(vp.path())) {
        new EqualityLiterals(into, inside, path -> false).collect(vp.filter());
      }
      return null;
    }
  }

  /**
   * True when what the correlation store keeps of a resource (its kept parts, a value a rule reads
   * from the store) may decide whether it meets {@code filter}, or where it sorts by {@code sortBy}
   * (may be null): the candidates checked here then need the store's rows.
   */
  public boolean readsStore(ScimFilter filter, AttributePath sortBy) {
    return (filter != null && filter.anyLeaf(leaves::readsStore))
        || (sortBy != null && leaves.readsStore(sortBy));
  }

  /** The LDAP filter for {@code filter}, ANDed with the mapping's entry filter. */
  public Translation translate(ScimFilter filter) {
    Translation t = node(filter);
    List<Filter> all = new ArrayList<>();
    Filter inner = t.ldap();
    if (inner.getFilterType() == Filter.FILTER_TYPE_AND) {
      all.addAll(List.of(inner.getComponents()));
    } else if (!inner.equals(Translations.ALWAYS)) {
      all.add(inner);
    }
    // The selective part first: some directories (the in-memory one) use only the first
    // component's index.
    all.add(mapping.entryFilter());
    Filter ldap = all.size() == 1 ? all.get(0) : Filter.createANDFilter(all);
    return new Translation(ldap, t.exactWhenSingle());
  }

  private Translation node(ScimFilter filter) {
    return filter.accept(new Nodes());
  }

  /** The translation of each kind of node; leaves go to the {@link LeafTranslator}. */
  private final class Nodes implements ScimFilter.Visitor<Translation> {
    @Override
    public Translation and(ScimFilter.And and) {
      return Translations.and(and.left().accept(this), and.right().accept(this));
    }

    @Override
    public Translation or(ScimFilter.Or or) {
      return Translations.or(or.left().accept(this), or.right().accept(this));
    }

    @Override
    public Translation not(ScimFilter.Not not) {
      return Translations.not(not.inner().accept(this));
    }

    @Override
    public Translation present(ScimFilter.Present present) {
      return leaves.translate(present);
    }

    @Override
    public Translation compare(ScimFilter.Compare compare) {
      return leaves.translate(compare);
    }

    @Override
    public Translation valuePath(ScimFilter.ValuePath vp) {
      return FilterTranslator.this.valuePath(vp);
    }
  }

  /**
   * {@code attr[filter]}: on a multi-valued complex attribute, some one element satisfies the whole
   * filter ({@link ElementTranslator}); on a single-valued one (its only element), the attribute is
   * present and the filter holds with its paths read as {@code attr.sub}.
   */
  private Translation valuePath(ScimFilter.ValuePath vp) {
    ResourceSchema.Resolved r = leaves.resolve(vp.path());
    if (!r.attribute().isComplex() || r.sub() != null) {
      throw ScimException.invalidFilter(
          "'" + vp.path() + "[…]' needs a complex attribute before the brackets");
    }
    if (r.attribute().multiValued()) {
      if (leaves.keptInStore(r, vp.filter()) || leaves.computedByGateway(r)) {
        // An element kept in the store, or a group the gateway finds, may match: the gateway
        // checks every candidate.
        for (AttributePath inner : vp.filter().leafPaths()) {
          if (inner.hasSubAttribute() || r.attribute().subAttribute(inner.name()).isEmpty()) {
            throw ScimException.invalidFilter(
                "Unknown attribute '" + vp.path() + "." + inner + "' in filter");
          }
        }
        return Translations.superset(Translations.ALWAYS);
      }
      return elements.translate(r, vp.filter(), vp.path().toString());
    }
    Translation present = leaves.translate(new ScimFilter.Present(vp.path()));
    return Translations.and(present, node(qualify(vp.filter(), vp.path())));
  }

  /** The filter inside brackets with each path {@code sub} read as {@code attr.sub}. */
  private static ScimFilter qualify(ScimFilter f, AttributePath attr) {
    Qualified qualified = new Qualified(attr);
    return f.mapLeaves(leaf -> leaf.accept(qualified));
  }

  /** One leaf inside {@code attr[…]}, its path {@code sub} read as {@code attr.sub}. */
  private static final class Qualified extends LeafVisitor<ScimFilter> {
    private final AttributePath attr;

    Qualified(AttributePath attr) {
      this.attr = attr;
    }

    @Override
    public ScimFilter present(ScimFilter.Present p) {
      return new ScimFilter.Present(sub(attr, p.path()));
    }

    @Override
    public ScimFilter compare(ScimFilter.Compare c) {
      return new ScimFilter.Compare(sub(attr, c.path()), c.operator(), c.value());
    }

    @Override
    public ScimFilter valuePath(ScimFilter.ValuePath vp) {
      throw ScimException.invalidFilter("Value paths cannot be nested inside '" + attr + "[…]'");
    }
  }

  private static AttributePath sub(AttributePath attr, AttributePath inner) {
    if (inner.hasSubAttribute() || inner.schemaUrn() != null) {
      throw ScimException.invalidFilter("Unknown attribute '" + attr + "." + inner + "' in filter");
    }
    return new AttributePath(attr.schemaUrn(), attr.name(), inner.name());
  }
}
