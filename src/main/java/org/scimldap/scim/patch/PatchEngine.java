package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.PathParser;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.ScimSchema;

/**
 * Applies PATCH operations to a SCIM resource (RFC 7644 §3.5.2). Pure: the input is never modified;
 * the result is a new resource. Operations apply in order, and the request is atomic: if any
 * operation fails, a {@link ScimException} naming it ({@code Operations[i]: …}) is thrown and
 * nothing is returned.
 *
 * <p>An operation without a path targets the resource itself (§3.5.2.1, §3.5.2.3): each member of
 * its value object is applied as if it were the path. Members may be attribute names, paths ({@code
 * "name.givenName"}, {@code "emails[type eq \"work\"].value"}), URN-qualified paths or an extension
 * URN holding an object of that extension's attributes, as Entra ID sends them. Members naming
 * attributes the schema does not know are ignored, since providers send attributes that are not
 * mapped, as in a POST body.
 *
 * <p>An explicit {@code path} must name an attribute (or sub-attribute) of the resource type's core
 * schema or of one of its extensions; one that does not is {@code invalidPath}, with or without a
 * schema URN ({@code favoriteColor}, {@code urn:…:enterprise:2.0:User:employeNumber}). The one
 * exception is a path qualified by a schema URN the resource type does not have at all, such as a
 * tenant's custom extension: the operation is ignored ({@link PatchPaths#foreign} lists them).
 *
 * <p>Attribute names are case-insensitive and written with the schema's spelling; extension
 * attributes live under their extension URN. When an extension object appears or disappears, a
 * {@code schemas} array present in the resource gains or loses that URN.
 *
 * <p>The values the operations give one attribute are limited ({@link PatchValueLimit}), and values
 * already present are found by hash ({@link ValueIndex}), so the cost of a PATCH grows with its
 * size, not with its square.
 *
 * <p>To tell whether a PATCH changed anything, use {@link #changes(ObjectNode, ObjectNode)}: an
 * operation that sets what is already there leaves the result equal to the input.
 */
public final class PatchEngine {
  private PatchEngine() {}

  /**
   * Applies {@code ops} in order.
   *
   * @param resource the current resource, unchanged by this call
   * @param schema the schemas of the resource's type, used to resolve and type every value
   * @return the patched resource, a new object
   * @throws ScimException the first failing operation's error, its detail prefixed with its index
   */
  public static ObjectNode apply(
      ObjectNode resource, List<PatchOperation> ops, ResourceSchema schema) {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(schema, "schema");
    PatchValueLimit.requireWithin(ops);
    ObjectNode working = resource.deepCopy();
    for (int i = 0; i < ops.size(); i++) {
      MutabilityGuard guard = MutabilityGuard.snapshot(working, schema);
      try {
        applyOne(working, ops.get(i), schema);
        guard.check(working);
      } catch (ScimException e) {
        throw inOperation(i, e);
      }
    }
    ExtensionSchemas.tidy(resource, working, schema);
    return working;
  }

  /** True when {@code after} differs from {@code before}, i.e. the PATCH changed something. */
  public static boolean changes(ObjectNode before, ObjectNode after) {
    return !before.equals(after);
  }

  /** The error of operation {@code index}, its detail prefixed {@code Operations[index]: }. */
  static ScimException inOperation(int index, ScimException e) {
    return new ScimException(
        e.status(),
        e.scimType().orElse(null),
        "Operations[" + index + "]: " + e.detail(),
        e,
        e.retryable());
  }

  private static void applyOne(ObjectNode working, PatchOperation op, ResourceSchema schema) {
    boolean replace = op.op() == PatchOperation.Op.REPLACE;
    if (op.path().isEmpty()) {
      writeObject(working, op.value().orElseThrow(), replace, schema, null);
      return;
    }
    if (PatchTarget.inForeignSchema(op.path().get(), schema)) {
      return;
    }
    PatchTarget target = PatchTarget.require(op.path().get(), schema);
    if (op.op() == PatchOperation.Op.REMOVE) {
      if (target.wholeExtension()) {
        JsonFields.remove(working, target.schema().id());
      } else {
        ValueRemover.remove(working, target, op.value());
      }
    } else {
      write(working, target, op.value().orElseThrow(), replace, schema);
    }
  }

  private static void write(
      ObjectNode working,
      PatchTarget target,
      JsonNode value,
      boolean replace,
      ResourceSchema schema) {
    if (!target.wholeExtension()) {
      AttributeWriter.write(working, target, value, replace);
    } else if (JsonFields.isUnassigned(value)) {
      if (replace) {
        JsonFields.remove(working, target.schema().id());
      }
    } else {
      writeObject(working, value, replace, schema, target.schema());
    }
  }

  /**
   * Applies each member of {@code value} as a path: within {@code scope} (an extension) when given,
   * else within the whole resource.
   */
  private static void writeObject(
      ObjectNode working,
      JsonNode value,
      boolean replace,
      ResourceSchema schema,
      ScimSchema scope) {
    if (!value.isObject()) {
      throw ScimException.invalidValue(
          (scope == null ? "without a path" : "for the extension " + scope.id())
              + ", the value must be an object of attributes, got "
              + value.getNodeType());
    }
    Iterator<Map.Entry<String, JsonNode>> members = value.fields();
    while (members.hasNext()) {
      Map.Entry<String, JsonNode> member = members.next();
      Optional<PatchTarget> target = memberTarget(member.getKey(), schema, scope);
      if (target.isPresent()) {
        write(working, target.get(), member.getValue(), replace, schema);
      }
    }
  }

  /** Where a member of a value object points; empty for what the schema does not know. */
  private static Optional<PatchTarget> memberTarget(
      String key, ResourceSchema schema, ScimSchema scope) {
    if (scope == null) {
      Optional<ScimSchema> extension =
          schema.extensions().stream().filter(s -> s.id().equalsIgnoreCase(key)).findFirst();
      if (extension.isPresent()) {
        return Optional.of(new PatchTarget(extension.get(), true, null, null, null));
      }
    }
    Optional<ScimPath> path = parseMember(key);
    if (path.isEmpty()) {
      return Optional.empty();
    }
    ScimPath scoped = path.get();
    if (scope != null) {
      AttributePath a = scoped.attribute();
      if (a.schemaUrn() != null && !a.schemaUrn().equalsIgnoreCase(scope.id())) {
        return Optional.empty();
      }
      scoped =
          new ScimPath(
              new AttributePath(scope.id(), a.name(), a.subAttribute()),
              scoped.valueFilter(),
              scoped.subAttribute());
    }
    return PatchTarget.resolve(scoped, schema).filter(t -> scope == null || !t.wholeExtension());
  }

  private static Optional<ScimPath> parseMember(String key) {
    try {
      return Optional.of(PathParser.parse(key));
    } catch (ScimException e) {
      // A member that is not even a path cannot name a known attribute: ignore it like any
      // attribute the schema does not define.
      return Optional.empty();
    }
  }
}
