package org.scimldap.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.CompareOperator;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.scim.patch.PatchOperation;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Splits a group PATCH into membership changes that the directory can apply value by value (without
 * the gateway reading the member list) and the other operations. Recognised forms (RFC 7644 §3.5.2
 * and what Okta and Entra ID send): {@code add} of {@code members}; {@code remove} of {@code
 * members[value eq "id"]} (or several joined by {@code or}); {@code remove} of {@code members} with
 * a {@code value} list (only those); {@code remove} of {@code members} (all); {@code replace} of
 * {@code members}; and no-path {@code add}/{@code replace} whose value has only {@code members}.
 * Anything else about members leaves the request to the general path.
 */
final class MemberPatch {
  /** The membership changes, in order of the operations. */
  sealed interface Change {
    /** The member ids the change names. */
    List<String> ids();

    record Add(List<String> ids) implements Change {}

    record Remove(List<String> ids) implements Change {}

    record ReplaceAll(List<String> ids) implements Change {}
  }

  /** Membership changes and the remaining operations, which do not touch members. */
  record Split(List<Change> changes, List<PatchOperation> others) {}

  private MemberPatch() {}

  /**
   * The split, or empty when some operation touches members in a way only the general path handles.
   */
  static Optional<Split> split(List<PatchOperation> ops, ResourceSchema schema) {
    List<Change> changes = new ArrayList<>();
    List<PatchOperation> others = new ArrayList<>();
    for (PatchOperation op : ops) {
      if (op.path().isEmpty()) {
        JsonNode value = op.value().orElseThrow();
        JsonNode members = JsonFields.field(value, "members");
        if (members == null) {
          others.add(op);
          continue;
        }
        if (value.size() != 1) {
          return Optional.empty();
        }
        changes.add(
            op.op() == PatchOperation.Op.ADD
                ? new Change.Add(ids(members))
                : new Change.ReplaceAll(ids(members)));
        continue;
      }
      ScimPath path = op.path().get();
      if (!isCoreMembers(path, schema)) {
        others.add(op);
        continue;
      }
      if (path.attribute().hasSubAttribute() || path.subAttribute() != null) {
        return Optional.empty();
      }
      Optional<Change> change = change(op, path);
      if (change.isEmpty()) {
        return Optional.empty();
      }
      changes.add(change.get());
    }
    return Optional.of(new Split(changes, others));
  }

  /** {@code members}, or {@code members} qualified by the core schema's URN, with any suffix. */
  private static boolean isCoreMembers(ScimPath path, ResourceSchema schema) {
    String urn = path.attribute().schemaUrn();
    return path.attribute().name().equalsIgnoreCase("members")
        && (urn == null || urn.equalsIgnoreCase(schema.core().id()));
  }

  private static Optional<Change> change(PatchOperation op, ScimPath path) {
    if (path.hasValueFilter()) {
      if (op.op() != PatchOperation.Op.REMOVE) {
        return Optional.empty();
      }
      List<String> ids = new ArrayList<>();
      return valueEqualities(path.valueFilter(), ids)
          ? Optional.of(new Change.Remove(ids))
          : Optional.empty();
    }
    return switch (op.op()) {
      case ADD -> Optional.of(new Change.Add(ids(op.value().orElseThrow())));
      case REPLACE -> Optional.of(new Change.ReplaceAll(ids(op.value().orElseThrow())));
      case REMOVE ->
          Optional.of(
              op.value()
                  .filter(v -> !v.isNull())
                  .<Change>map(v -> new Change.Remove(ids(v)))
                  .orElse(new Change.ReplaceAll(List.of())));
    };
  }

  /**
   * The changes with each replace of all members spelled as the removal of the members SCIM sees
   * ({@code shown}: the group's members that are resources, before the first change) that it does
   * not keep, and the addition of its list. A replace then changes only what SCIM can see, as a PUT
   * does: member values that name no resource (entries outside the mapped containers or filter)
   * stay.
   */
  static List<Change> withoutReplaceAll(List<Change> changes, Set<String> shown) {
    List<Change> out = new ArrayList<>();
    Set<String> now = new LinkedHashSet<>();
    shown.forEach(id -> now.add(id.toLowerCase(Locale.ROOT)));
    for (Change change : changes) {
      Set<String> named = new LinkedHashSet<>();
      change.ids().forEach(id -> named.add(id.toLowerCase(Locale.ROOT)));
      if (change instanceof Change.ReplaceAll replace) {
        List<String> dropped = now.stream().filter(id -> !named.contains(id)).toList();
        if (!dropped.isEmpty()) {
          out.add(new Change.Remove(dropped));
        }
        if (!replace.ids().isEmpty()) {
          out.add(new Change.Add(replace.ids()));
        }
        now.clear();
        now.addAll(named);
      } else {
        if (change instanceof Change.Add) {
          now.addAll(named);
        } else {
          now.removeAll(named);
        }
        out.add(change);
      }
    }
    return out;
  }

  /** True when the filter is {@code value eq "x"} or an {@code or} of such; collects the ids. */
  private static boolean valueEqualities(ScimFilter filter, List<String> ids) {
    return filter.accept(new ValueEqualities(ids));
  }

  /** Whether each kind of node is {@code value eq "x"} or an {@code or} of such. */
  private static final class ValueEqualities implements ScimFilter.Visitor<Boolean> {
    private final List<String> ids;

    ValueEqualities(List<String> ids) {
      this.ids = ids;
    }

    @Override
    public Boolean and(ScimFilter.And and) {
      return false;
    }

    @Override
    public Boolean or(ScimFilter.Or or) {
      return or.left().accept(this) && or.right().accept(this);
    }

    @Override
    public Boolean not(ScimFilter.Not not) {
      return false;
    }

    @Override
    public Boolean present(ScimFilter.Present present) {
      return false;
    }

    @Override
    public Boolean compare(ScimFilter.Compare c) {
      if (c.operator() == CompareOperator.EQ
          && c.path().name().equalsIgnoreCase("value")
          && !c.path().hasSubAttribute()
          && c.value().isTextual()) {
        ids.add(c.value().asText());
        return true;
      }
      return false;
    }

    @Override
    public Boolean valuePath(ScimFilter.ValuePath valuePath) {
      return false;
    }
  }

  /** Member ids from a value: an array or a single element, each {@code {"value": id}} or an id. */
  private static List<String> ids(JsonNode value) {
    Set<String> ids = new LinkedHashSet<>();
    if (value == null || value.isNull()) {
      return List.of();
    }
    Iterable<JsonNode> items = value.isArray() ? value : List.of(value);
    for (JsonNode item : items) {
      JsonNode id = item.isObject() ? JsonFields.field(item, "value") : item;
      if (id == null || !id.isTextual() || id.asText().isBlank()) {
        throw ScimException.invalidValue(
            "members: each member needs a 'value' with the member's id");
      }
      ids.add(id.asText());
    }
    return List.copyOf(ids);
  }
}
