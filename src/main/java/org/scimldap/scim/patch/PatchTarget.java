package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.ScimSchema;

/**
 * What a PATCH path addresses once resolved against the resource schema (RFC 7644 §3.5.2): a whole
 * extension object (a path that is just the extension URN), or an attribute with an optional value
 * filter and an optional sub-attribute.
 *
 * @param schema the schema defining the target
 * @param inExtension true when the target lives under the extension URN in the resource JSON
 * @param attribute the attribute, {@code null} for a whole extension
 * @param sub the sub-attribute addressed, or {@code null}
 * @param filter the value filter, or {@code null}
 */
record PatchTarget(
    ScimSchema schema,
    boolean inExtension,
    AttributeDefinition attribute,
    AttributeDefinition sub,
    ElementFilter filter) {

  /**
   * Resolves {@code path}; empty when it names an unknown schema, attribute or sub-attribute.
   * Whether an empty answer is an error is the caller's choice: see {@link #require} and {@link
   * #inForeignSchema}.
   *
   * @throws ScimException {@code invalidPath} when the path is known but malformed for the schema:
   *     a value filter on a single-valued attribute or the whole extension, or a filter naming an
   *     unknown sub-attribute
   */
  static Optional<PatchTarget> resolve(ScimPath path, ResourceSchema resourceSchema) {
    AttributePath attributePath = path.attribute();
    Optional<ScimSchema> extension = bareExtension(attributePath, resourceSchema);
    if (extension.isPresent()) {
      if (path.hasValueFilter()) {
        throw ScimException.invalidPath("a value filter cannot apply to a whole extension");
      }
      return Optional.of(new PatchTarget(extension.get(), true, null, null, null));
    }
    Optional<ResourceSchema.Resolved> resolved = resourceSchema.resolve(attributePath.parent());
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    AttributeDefinition attribute = resolved.get().attribute();
    AttributeDefinition sub = null;
    String subName = path.targetSubAttribute();
    if (subName != null) {
      Optional<AttributeDefinition> found = attribute.subAttribute(subName);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      sub = found.get();
    }
    ElementFilter filter = null;
    if (path.hasValueFilter()) {
      if (!attribute.multiValued()) {
        throw ScimException.invalidPath(
            "a value filter needs a multi-valued attribute; '"
                + attribute.name()
                + "' is single-valued");
      }
      filter = ElementFilter.of(path.valueFilter(), attribute, resourceSchema);
    }
    return Optional.of(
        new PatchTarget(
            resolved.get().schema(),
            resolved.get().inExtension(resourceSchema),
            attribute,
            sub,
            filter));
  }

  /**
   * Like {@link #resolve}, but a path that names nothing is {@code invalidPath} (RFC 7644 §3.12:
   * "the path attribute was invalid") with a detail saying what is unknown. An attribute that the
   * schema defines but the resource lacks is a target; a name the schema does not define is not.
   */
  static PatchTarget require(ScimPath path, ResourceSchema resourceSchema) {
    return resolve(path, resourceSchema)
        .orElseThrow(() -> ScimException.invalidPath(unknown(path, resourceSchema)));
  }

  /**
   * True when {@code path} is qualified by a schema URN that is none of the resource type's
   * schemas, such as a tenant's custom extension that the gateway does not carry. Nothing can be
   * checked about such a path, and identity providers send them routinely.
   */
  static boolean inForeignSchema(ScimPath path, ResourceSchema resourceSchema) {
    AttributePath attribute = path.attribute();
    return attribute.schemaUrn() != null
        && resourceSchema.schema(attribute.schemaUrn()).isEmpty()
        && resourceSchema.schema(attribute.schemaUrn() + ":" + attribute.name()).isEmpty();
  }

  /** What makes {@code path} name nothing in the resource type's schemas. */
  private static String unknown(ScimPath path, ResourceSchema resourceSchema) {
    AttributePath attribute = path.attribute();
    String quoted = "path '" + path + "'";
    if (attribute.schemaUrn() != null
        && resourceSchema.schema(attribute.schemaUrn() + ":" + attribute.name()).isPresent()) {
      return quoted + " names the core schema, not an attribute";
    }
    Optional<ResourceSchema.Resolved> named = resourceSchema.resolve(attribute.parent());
    if (named.isEmpty()) {
      String owner =
          attribute.schemaUrn() == null
              ? resourceSchema.name()
              : "schema "
                  + resourceSchema
                      .schema(attribute.schemaUrn())
                      .map(ScimSchema::id)
                      .orElse(attribute.schemaUrn());
      return quoted + ": " + owner + " has no attribute '" + attribute.name() + "'";
    }
    return quoted
        + ": attribute '"
        + named.get().attribute().name()
        + "' has no sub-attribute '"
        + path.targetSubAttribute()
        + "'";
  }

  /**
   * The attribute as a client writes its path, for error details: {@code emails}, or {@code
   * urn:…:User:manager} in an extension.
   */
  String attributePath() {
    return inExtension ? schema.id() + ":" + attribute.name() : attribute.name();
  }

  /** The sub-attribute addressed as a client writes its path, e.g. {@code emails.value}. */
  String subPath() {
    return attributePath() + "." + sub.name();
  }

  /** A target that is the whole extension object. */
  boolean wholeExtension() {
    return attribute == null;
  }

  /**
   * The object holding the attribute: the resource itself, or the extension object under its URN.
   * With {@code create}, a missing extension object is added under the canonical URN; otherwise
   * {@code null} when it is missing.
   */
  ObjectNode container(ObjectNode resource, boolean create) {
    if (!inExtension) {
      return resource;
    }
    JsonNode existing = JsonFields.get(resource, schema.id());
    if (existing != null && existing.isObject()) {
      if (create) {
        JsonFields.put(resource, schema.id(), existing);
      }
      return (ObjectNode) existing;
    }
    if (!create) {
      return null;
    }
    ObjectNode created = resource.objectNode();
    JsonFields.put(resource, schema.id(), created);
    return created;
  }

  /** The current value of the attribute, or {@code null}. */
  JsonNode current(ObjectNode resource) {
    ObjectNode container = container(resource, false);
    return container == null ? null : JsonFields.get(container, attribute.name());
  }

  /** The path naming just an extension URN, which the path parser splits at its last colon. */
  private static Optional<ScimSchema> bareExtension(AttributePath path, ResourceSchema schema) {
    if (path.schemaUrn() == null || path.hasSubAttribute()) {
      return Optional.empty();
    }
    return schema
        .schema(path.schemaUrn() + ":" + path.name())
        .filter(s -> !s.id().equalsIgnoreCase(schema.core().id()));
  }
}
