package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.scimldap.scim.path.ScimPath;

/**
 * One operation of a SCIM PATCH request (RFC 7644 §3.5.2). Without a path, the target is the
 * resource itself (allowed for {@code add} and {@code replace} only). The value is deep-copied on
 * construction; callers must treat the node returned by {@link #value()} as read-only.
 *
 * @param op what to do
 * @param path the target, empty for the whole resource
 * @param value the value, empty only for {@code remove}; a JSON {@code null} is kept as a {@code
 *     NullNode} and means "unassigned" (RFC 7643 §2.5)
 */
public record PatchOperation(Op op, Optional<ScimPath> path, Optional<JsonNode> value) {

  /** The operation keywords of RFC 7644 §3.5.2; the wire form is case-insensitive here. */
  public enum Op {
    ADD,
    REPLACE,
    REMOVE;

    /**
     * Case-insensitive lookup: Entra ID sends {@code "Add"}, {@code "Replace"}, {@code "Remove"}.
     */
    public static Optional<Op> fromKeyword(String keyword) {
      for (Op op : values()) {
        if (op.name().equalsIgnoreCase(keyword)) {
          return Optional.of(op);
        }
      }
      return Optional.empty();
    }

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PatchOperation {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(value, "value");
    value = value.map(JsonNode::deepCopy);
    if (op == Op.REMOVE && path.isEmpty()) {
      throw new IllegalArgumentException("remove needs a path (RFC 7644 §3.5.2.2)");
    }
    if (op != Op.REMOVE && value.isEmpty()) {
      throw new IllegalArgumentException(op.keyword() + " needs a value (RFC 7644 §3.5.2)");
    }
  }

  /** {@code add} of the attributes in {@code value} to the resource itself. */
  public static PatchOperation add(JsonNode value) {
    return new PatchOperation(Op.ADD, Optional.empty(), Optional.of(value));
  }

  public static PatchOperation add(ScimPath path, JsonNode value) {
    return new PatchOperation(Op.ADD, Optional.of(path), Optional.of(value));
  }

  /** {@code replace} of the attributes in {@code value} on the resource itself. */
  public static PatchOperation replace(JsonNode value) {
    return new PatchOperation(Op.REPLACE, Optional.empty(), Optional.of(value));
  }

  public static PatchOperation replace(ScimPath path, JsonNode value) {
    return new PatchOperation(Op.REPLACE, Optional.of(path), Optional.of(value));
  }

  public static PatchOperation remove(ScimPath path) {
    return new PatchOperation(Op.REMOVE, Optional.of(path), Optional.empty());
  }

  /** {@code remove} of only the listed values of a multi-valued attribute. */
  public static PatchOperation remove(ScimPath path, JsonNode values) {
    return new PatchOperation(Op.REMOVE, Optional.of(path), Optional.of(values));
  }

  @Override
  public String toString() {
    return op.keyword() + path.map(p -> " " + p).orElse("") + value.map(v -> " " + v).orElse("");
  }
}
