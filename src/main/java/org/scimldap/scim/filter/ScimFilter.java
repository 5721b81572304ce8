package org.scimldap.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.scimldap.scim.path.AttributePath;

/**
 * A parsed SCIM filter expression (RFC 7644 §3.4.2.2). Immutable tree; inside a {@link ValuePath}
 * the nested filter's paths are relative to the complex attribute (e.g. {@code type} in {@code
 * emails[type eq "work"]}).
 *
 * <p>Code that treats each kind of node differently implements a {@link Visitor}, so that a kind of
 * node it does not handle is a compile error rather than a forgotten branch. The helpers below walk
 * the logical operators {@code and}, {@code or} and {@code not}; every other node ({@link Present},
 * {@link Compare}, {@link ValuePath}) is a <em>leaf</em> to them, and they do not enter the filter
 * inside a value path's brackets.
 */
public sealed interface ScimFilter
    permits ScimFilter.And,
        ScimFilter.Or,
        ScimFilter.Not,
        ScimFilter.Present,
        ScimFilter.Compare,
        ScimFilter.ValuePath {

  /**
   * One method per kind of node. A method receives the node itself and decides whether and how to
   * visit the nodes below it.
   *
   * @param <R> what visiting a node yields
   */
  interface Visitor<R> {
    R and(And filter);

    R or(Or filter);

    R not(Not filter);

    R present(Present filter);

    R compare(Compare filter);

    R valuePath(ValuePath filter);
  }

  /** Calls the method of {@code visitor} for this kind of node. */
  <R> R accept(Visitor<R> visitor);

  /** The attribute a leaf (comparison, presence, value path) is about; empty for and/or/not. */
  static Optional<AttributePath> pathOf(ScimFilter filter) {
    return filter.accept(
        new Visitor<Optional<AttributePath>>() {
          @Override
          public Optional<AttributePath> and(And f) {
            return Optional.empty();
          }

          @Override
          public Optional<AttributePath> or(Or f) {
            return Optional.empty();
          }

          @Override
          public Optional<AttributePath> not(Not f) {
            return Optional.empty();
          }

          @Override
          public Optional<AttributePath> present(Present f) {
            return Optional.of(f.path());
          }

          @Override
          public Optional<AttributePath> compare(Compare f) {
            return Optional.of(f.path());
          }

          @Override
          public Optional<AttributePath> valuePath(ValuePath f) {
            return Optional.of(f.path());
          }
        });
  }

  /** The leaves of this filter, left to right; just this filter when it is a leaf. */
  default List<ScimFilter> leaves() {
    return List.of(this);
  }

  /** The attributes of the leaves, left to right (see {@link #pathOf}). */
  default List<AttributePath> leafPaths() {
    return leaves().stream().map(leaf -> pathOf(leaf).orElseThrow()).toList();
  }

  /** True when the attribute of some leaf satisfies {@code test}. */
  default boolean anyLeaf(Predicate<AttributePath> test) {
    return leafPaths().stream().anyMatch(test);
  }

  /**
   * The same {@code and}, {@code or} and {@code not} nodes with each leaf replaced by {@code
   * replace.apply(leaf)}, called left to right. An exception from {@code replace} propagates, so it
   * may also reject a leaf.
   */
  default ScimFilter mapLeaves(Function<ScimFilter, ScimFilter> replace) {
    return Objects.requireNonNull(replace.apply(this), "replacement");
  }

  /**
   * The operands of the {@code and} nodes at the top of this filter, left to right: {@code [a, b,
   * c]} for {@code a and b and c}, {@code [this]} when this is not an {@code and}.
   */
  default List<ScimFilter> conjuncts() {
    return List.of(this);
  }

  private static List<ScimFilter> concat(List<ScimFilter> left, List<ScimFilter> right) {
    List<ScimFilter> all = new ArrayList<>(left);
    all.addAll(right);
    return List.copyOf(all);
  }

  /** {@code left and right}. */
  record And(ScimFilter left, ScimFilter right) implements ScimFilter {
    public And {
      Objects.requireNonNull(left);
      Objects.requireNonNull(right);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.and(this);
    }

    /** In filter syntax (RFC 7644 §3.4.2.2), e.g. {@code (a eq "x") and (b pr)}. */
    @Override
    public String toString() {
      return "(" + left + ") and (" + right + ")";
    }

    @Override
    public List<ScimFilter> leaves() {
      return concat(left.leaves(), right.leaves());
    }

    @Override
    public ScimFilter mapLeaves(Function<ScimFilter, ScimFilter> replace) {
      return new And(left.mapLeaves(replace), right.mapLeaves(replace));
    }

    @Override
    public List<ScimFilter> conjuncts() {
      return concat(left.conjuncts(), right.conjuncts());
    }
  }

  /** {@code left or right}. */
  record Or(ScimFilter left, ScimFilter right) implements ScimFilter {
    public Or {
      Objects.requireNonNull(left);
      Objects.requireNonNull(right);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.or(this);
    }

    @Override
    public String toString() {
      return "(" + left + ") or (" + right + ")";
    }

    @Override
    public List<ScimFilter> leaves() {
      return concat(left.leaves(), right.leaves());
    }

    @Override
    public ScimFilter mapLeaves(Function<ScimFilter, ScimFilter> replace) {
      return new Or(left.mapLeaves(replace), right.mapLeaves(replace));
    }
  }

  /** {@code not (inner)}. */
  record Not(ScimFilter inner) implements ScimFilter {
    public Not {
      Objects.requireNonNull(inner);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.not(this);
    }

    @Override
    public String toString() {
      return "not (" + inner + ")";
    }

    @Override
    public List<ScimFilter> leaves() {
      return inner.leaves();
    }

    @Override
    public ScimFilter mapLeaves(Function<ScimFilter, ScimFilter> replace) {
      return new Not(inner.mapLeaves(replace));
    }
  }

  /** {@code path pr}. */
  record Present(AttributePath path) implements ScimFilter {
    public Present {
      Objects.requireNonNull(path);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.present(this);
    }

    @Override
    public String toString() {
      return path + " pr";
    }
  }

  /**
   * {@code path op value}; the value is a JSON literal: a text, boolean, number or null node.
   * Date-times arrive as text and are compared as instants where the attribute is a dateTime.
   */
  record Compare(AttributePath path, CompareOperator operator, JsonNode value)
      implements ScimFilter {
    public Compare {
      Objects.requireNonNull(path);
      Objects.requireNonNull(operator);
      Objects.requireNonNull(value);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.compare(this);
    }

    /** In filter syntax, e.g. {@code type eq "work"}: the value as its JSON literal. */
    @Override
    public String toString() {
      return path + " " + operator.keyword() + " " + value;
    }
  }

  /** {@code path[filter]}: some value of the multi-valued complex {@code path} matches. */
  record ValuePath(AttributePath path, ScimFilter filter) implements ScimFilter {
    public ValuePath {
      Objects.requireNonNull(path);
      Objects.requireNonNull(filter);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.valuePath(this);
    }

    @Override
    public String toString() {
      return path + "[" + filter + "]";
    }
  }
}
