package org.scimldap.scim.filter;

/**
 * A {@link ScimFilter.Visitor} of one leaf, as {@link ScimFilter#leaves} and {@link
 * ScimFilter#mapLeaves} hand them out: a presence test or a comparison, and a value path where the
 * caller says what it means. The logical operators never reach it.
 */
public abstract class LeafVisitor<R> implements ScimFilter.Visitor<R> {

  @Override
  public final R and(ScimFilter.And filter) {
    throw notALeaf(filter);
  }

  @Override
  public final R or(ScimFilter.Or filter) {
    throw notALeaf(filter);
  }

  @Override
  public final R not(ScimFilter.Not filter) {
    throw notALeaf(filter);
  }

  /** A value path; by default not expected here. */
  @Override
  public R valuePath(ScimFilter.ValuePath filter) {
    throw new IllegalArgumentException("Expected a presence test or a comparison: " + filter);
  }

  private static IllegalArgumentException notALeaf(ScimFilter filter) {
    return new IllegalArgumentException("Expected a leaf of a filter: " + filter);
  }
}
