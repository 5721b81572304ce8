package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * A search over every resource type at once (RFC 7644 §3.4.3, {@code POST /.search} on the root):
 * one filter, one list, types in mapping order. A comparison on an attribute that a type does not
 * have is false for that type; a filter whose attributes no type has is a 400.
 */
public final class CrossTypeSearch {
  private final List<ResourceService> types;

  public CrossTypeSearch(List<ResourceService> types) {
    this.types = List.copyOf(types);
  }

  /** One resource found, with the service of its type (to project it). */
  public record Found(ResourceService type, ObjectNode resource) {}

  /** One page of the search. */
  public record Page(long totalResults, int startIndex, List<Found> resources) {}

  /**
   * @param filter the filter, or {@code null} for everything
   * @param withMembers whether results of a type need their members
   */
  public Page search(
      ScimFilter filter, int startIndex, int count, Predicate<ResourceService> withMembers) {
    int skip = Math.max(1, startIndex) - 1;
    int wanted = Math.max(0, count);
    long total = 0;
    List<Found> found = new ArrayList<>();
    ScimException firstInvalid = null;
    int searched = 0;
    for (ResourceService type : types) {
      Narrowed narrowed = narrow(filter, type.schema());
      if (narrowed instanceof Narrowed.Nothing) {
        continue;
      }
      ScimFilter own = narrowed instanceof Narrowed.To to ? to.filter() : null;
      ListPage counted;
      try {
        counted = type.list(new ListQuery(own, 1, 0, false));
      } catch (ScimException e) {
        if (e.scimType().orElse(null) != ScimType.INVALID_FILTER) {
          throw e;
        }
        firstInvalid = firstInvalid == null ? e : firstInvalid;
        continue;
      }
      searched++;
      total += counted.totalResults();
      if (skip >= counted.totalResults()) {
        skip -= counted.totalResults();
        continue;
      }
      if (wanted > 0) {
        ListPage page = type.list(new ListQuery(own, skip + 1, wanted, withMembers.test(type)));
        page.resources().forEach(r -> found.add(new Found(type, r)));
        wanted -= page.resources().size();
      }
      skip = 0;
    }
    if (searched == 0 && firstInvalid != null) {
      throw firstInvalid;
    }
    if (filter != null && unknownEverywhere(filter)) {
      throw ScimException.invalidFilter("No resource type has an attribute this filter names");
    }
    return new Page(total, Math.max(1, startIndex), found);
  }

  /** True when some attribute the filter names belongs to no resource type. */
  private boolean unknownEverywhere(ScimFilter filter) {
    return filter.anyLeaf(
        path -> types.stream().noneMatch(t -> t.schema().resolve(path.parent()).isPresent()));
  }

  /** A filter narrowed to one resource type. */
  private sealed interface Narrowed {
    record Everything() implements Narrowed {}

    record Nothing() implements Narrowed {}

    record To(ScimFilter filter) implements Narrowed {}
  }

  /** Replaces the comparisons on attributes the type does not have by "false", and simplifies. */
  private static Narrowed narrow(ScimFilter filter, ResourceSchema schema) {
    if (filter == null) {
      return new Narrowed.Everything();
    }
    return filter.accept(new Narrowing(schema));
  }

  /** The narrowing of each kind of node. */
  private static final class Narrowing implements ScimFilter.Visitor<Narrowed> {
    private final ResourceSchema schema;

    Narrowing(ResourceSchema schema) {
      this.schema = schema;
    }

    @Override
    public Narrowed and(ScimFilter.And and) {
      Narrowed l = and.left().accept(this);
      Narrowed r = and.right().accept(this);
      if (l instanceof Narrowed.Nothing || r instanceof Narrowed.Nothing) {
        return new Narrowed.Nothing();
      }
      return combine(l, r, (a, b) -> new ScimFilter.And(a, b));
    }

    @Override
    public Narrowed or(ScimFilter.Or or) {
      Narrowed l = or.left().accept(this);
      Narrowed r = or.right().accept(this);
      if (l instanceof Narrowed.Everything || r instanceof Narrowed.Everything) {
        return new Narrowed.Everything();
      }
      if (l instanceof Narrowed.Nothing) {
        return r;
      }
      return r instanceof Narrowed.Nothing ? l : combine(l, r, (a, b) -> new ScimFilter.Or(a, b));
    }

    @Override
    public Narrowed not(ScimFilter.Not not) {
      Narrowed inner = not.inner().accept(this);
      if (inner instanceof Narrowed.To to) {
        return new Narrowed.To(new ScimFilter.Not(to.filter()));
      }
      return inner instanceof Narrowed.Everything
          ? new Narrowed.Nothing()
          : new Narrowed.Everything();
    }

    @Override
    public Narrowed present(ScimFilter.Present present) {
      return leaf(present);
    }

    @Override
    public Narrowed compare(ScimFilter.Compare compare) {
      return leaf(compare);
    }

    @Override
    public Narrowed valuePath(ScimFilter.ValuePath valuePath) {
      return leaf(valuePath);
    }

    /** The leaf itself when the type has its attribute, otherwise "false". */
    private Narrowed leaf(ScimFilter leaf) {
      AttributePath path = ScimFilter.pathOf(leaf).orElseThrow();
      return schema.resolve(path.parent()).isPresent()
          ? new Narrowed.To(leaf)
          : new Narrowed.Nothing();
    }
  }

  private static Narrowed combine(Narrowed l, Narrowed r, BinaryOperator<ScimFilter> join) {
    if (l instanceof Narrowed.Everything) {
      return r;
    }
    if (r instanceof Narrowed.Everything) {
      return l;
    }
    return new Narrowed.To(join.apply(((Narrowed.To) l).filter(), ((Narrowed.To) r).filter()));
  }
}
