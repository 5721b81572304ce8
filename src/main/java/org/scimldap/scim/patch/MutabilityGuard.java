package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.schema.AttributeDefinition;
import org.scimldap.scim.schema.Mutability;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.scim.schema.ScimSchema;

/**
 * Checks one operation's effect on the top-level attributes whose characteristics restrict change,
 * by comparing them before and after the operation (RFC 7644 §3.5.2: "Each operation against an
 * attribute MUST be compatible with the attribute's mutability"):
 *
 * <ul>
 *   <li>{@code readOnly} ({@code id}, {@code meta}, {@code groups}): any change is {@code
 *       mutability}; writing the value it already has is not a change, so Okta's {@code
 *       {"id":"<same id>","displayName":"…"}} passes;
 *   <li>{@code immutable}: a change of a value that was assigned is {@code mutability}; a first
 *       value may be added;
 *   <li>{@code required}: unassigning it is {@code mutability} (RFC 7644 §3.5.2.2: "If an attribute
 *       is removed or becomes unassigned and is defined as a required attribute or a read-only
 *       attribute, ... 'mutability'"). An attribute that was already unassigned is left alone.
 * </ul>
 *
 * Snapshots only the restricted attributes, so checking each operation stays cheap.
 */
final class MutabilityGuard {
  private record Watched(
      ScimSchema schema, boolean inExtension, AttributeDefinition def, JsonNode before) {}

  private final List<Watched> watched;

  private MutabilityGuard(List<Watched> watched) {
    this.watched = watched;
  }

  /** Records the restricted attributes of {@code resource} as they are now. */
  static MutabilityGuard snapshot(ObjectNode resource, ResourceSchema schema) {
    List<Watched> watched = new ArrayList<>();
    for (ScimSchema s : schema.allSchemas()) {
      boolean inExtension = !s.id().equalsIgnoreCase(schema.core().id());
      for (AttributeDefinition def : s.attributes()) {
        if (def.required()
            || def.mutability() == Mutability.READ_ONLY
            || def.mutability() == Mutability.IMMUTABLE) {
          JsonNode before = value(resource, s, inExtension, def);
          watched.add(new Watched(s, inExtension, def, before == null ? null : before.deepCopy()));
        }
      }
    }
    return new MutabilityGuard(watched);
  }

  /** Throws {@code mutability} when {@code after} changed a restricted attribute. */
  void check(ObjectNode after) {
    for (Watched w : watched) {
      JsonNode now = value(after, w.schema(), w.inExtension(), w.def());
      boolean wasAssigned = !JsonFields.isUnassigned(w.before());
      boolean isAssigned = !JsonFields.isUnassigned(now);
      boolean same = wasAssigned ? w.before().equals(now) : !isAssigned;
      String name = "'" + w.def().name() + "'";
      if (w.def().mutability() == Mutability.READ_ONLY && !same) {
        throw ScimException.mutability("attribute " + name + " is readOnly");
      }
      if (w.def().mutability() == Mutability.IMMUTABLE && wasAssigned && !same) {
        throw ScimException.mutability(
            "attribute " + name + " is immutable and already has a value");
      }
      if (w.def().required() && wasAssigned && !isAssigned) {
        throw ScimException.mutability("attribute " + name + " is required and cannot be removed");
      }
    }
  }

  private static JsonNode value(
      ObjectNode resource, ScimSchema schema, boolean inExtension, AttributeDefinition def) {
    JsonNode container = inExtension ? JsonFields.get(resource, schema.id()) : resource;
    if (container == null || !container.isObject()) {
      return null;
    }
    return JsonFields.get((ObjectNode) container, def.name());
  }
}
