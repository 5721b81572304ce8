package org.scimldap.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Objects;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Where a rule takes its value from when its own SCIM path has none (for attributes the object
 * class requires): another SCIM path, or a template such as {@code "{name.givenName}
 * {name.familyName}"} that yields a value only when every path in it has one.
 */
public sealed interface Fallback permits Fallback.FromPath, Fallback.FromTemplate {

  /** The values this fallback yields for a resource; empty when it has none. */
  List<JsonNode> values(
      com.fasterxml.jackson.databind.node.ObjectNode resource, ResourceSchema schema);

  /** The values at another SCIM path. */
  record FromPath(ScimPath path) implements Fallback {
    public FromPath {
      Objects.requireNonNull(path);
    }

    @Override
    public List<JsonNode> values(
        com.fasterxml.jackson.databind.node.ObjectNode resource, ResourceSchema schema) {
      return ScimValues.select(resource, path, schema);
    }
  }

  /** Literal text and SCIM paths, joined; {@code parts} alternate text and paths. */
  record FromTemplate(String template, List<Object> parts) implements Fallback {
    public FromTemplate {
      parts = List.copyOf(parts);
    }

    @Override
    public List<JsonNode> values(
        com.fasterxml.jackson.databind.node.ObjectNode resource, ResourceSchema schema) {
      StringBuilder out = new StringBuilder();
      for (Object part : parts) {
        if (part instanceof ScimPath path) {
          List<JsonNode> v = ScimValues.select(resource, path, schema);
          if (v.isEmpty() || v.get(0).asText().isBlank()) {
            return List.of();
          }
          out.append(v.get(0).asText());
        } else {
          out.append(part);
        }
      }
      String text = out.toString().trim();
      return text.isEmpty() ? List.of() : List.of(TextNode.valueOf(text));
    }
  }
}
