package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.PathParser;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * What the paths of a PATCH request (RFC 7644 §3.5.2) name in a resource type's schemas, known
 * before the resource is read: {@link PatchEngine#apply} makes the same decisions operation by
 * operation, so a caller can refuse a request early and report what the engine will ignore.
 */
public final class PatchPaths {
  private PatchPaths() {}

  /**
   * Checks that every {@code path} names an attribute of the type's schemas, or lies in a schema
   * the type does not have (which the engine ignores).
   *
   * @throws ScimException {@code invalidPath} for the first operation whose path names nothing, its
   *     detail prefixed {@code Operations[i]: } like the engine's
   */
  public static void requireKnown(List<PatchOperation> ops, ResourceSchema schema) {
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).path().isEmpty()) {
        continue;
      }
      ScimPath path = ops.get(i).path().get();
      try {
        if (!PatchTarget.inForeignSchema(path, schema)) {
          PatchTarget.require(path, schema);
        }
      } catch (ScimException e) {
        throw PatchEngine.inOperation(i, e);
      }
    }
  }

  /**
   * The paths, and the members of no-path values, that are qualified by a schema URN the type does
   * not have (a tenant's custom extension): the engine ignores them. In the order they appear.
   */
  public static List<String> foreign(List<PatchOperation> ops, ResourceSchema schema) {
    List<String> foreign = new ArrayList<>();
    for (PatchOperation op : ops) {
      if (op.path().isPresent()) {
        if (PatchTarget.inForeignSchema(op.path().get(), schema)) {
          foreign.add(op.path().get().toString());
        }
        continue;
      }
      JsonNode value = op.value().orElseThrow();
      Iterator<String> keys = value.isObject() ? value.fieldNames() : List.<String>of().iterator();
      while (keys.hasNext()) {
        String key = keys.next();
        if (isForeignKey(key, schema)) {
          foreign.add(key);
        }
      }
    }
    return List.copyOf(foreign);
  }

  private static boolean isForeignKey(String key, ResourceSchema schema) {
    if (schema.schema(key).isPresent()) {
      return false;
    }
    try {
      return PatchTarget.inForeignSchema(PathParser.parse(key), schema);
    } catch (ScimException e) {
      // Not a path at all: an unknown attribute like any other, not a schema's.
      return false;
    }
  }
}
