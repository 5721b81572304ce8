package org.scimldap.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scimldap.scim.JsonFields;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.PathParser;
import org.scimldap.scim.path.ScimPath;

/**
 * Reads the body of a PATCH request (RFC 7644 §3.5.2) into {@link PatchOperation}s.
 *
 * <p>Strict where the RFC is clear and no identity provider deviates: the body must be an object
 * whose {@code schemas} names {@value #PATCH_OP_URN}; a missing {@code schemas} is {@code
 * invalidSyntax}. Lenient where providers deviate: member names ({@code Operations}, {@code op},
 * {@code path}, {@code value}) and op keywords are matched ignoring case (Entra ID sends {@code
 * "Replace"}), the URN is compared ignoring case and may be a bare string instead of an array, a
 * {@code "path": null} counts as no path, and {@code remove} may carry a {@code value} (Entra ID's
 * older member removal). A {@code remove} whose {@code value} is {@code null} or the empty string
 * {@code ""} carries no value: it removes the whole attribute, as conformance suites expect of
 * {@code {"op":"remove","path":"members","value":""}}. (An empty array still lists no values, so it
 * removes none.)
 *
 * <p>Error details name the operation, e.g. {@code Operations[2]: unknown op 'move'}.
 */
public final class PatchRequestParser {
  /** The longest {@code path} accepted, as long as the longest filter a list request takes. */
  public static final int MAX_PATH_LENGTH = 8_192;

  /** The message schema of a PATCH body (RFC 7644 §3.5.2). */
  public static final String PATCH_OP_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  /** The most operations one request may carry unless the caller says otherwise. */
  public static final int DEFAULT_MAX_OPERATIONS = 1000;

  private PatchRequestParser() {}

  /** Parses with at most {@link #DEFAULT_MAX_OPERATIONS} operations. */
  public static List<PatchOperation> parse(JsonNode body) {
    return parse(body, DEFAULT_MAX_OPERATIONS);
  }

  /**
   * Parses a PATCH body.
   *
   * @param maxOperations the most operations accepted; more is {@code invalidSyntax}
   * @throws ScimException {@code invalidSyntax} for a malformed message, {@code invalidValue} for
   *     {@code add}/{@code replace} without a value, {@code noTarget} for {@code remove} without a
   *     path, {@code invalidPath} for a path that does not parse
   */
  public static List<PatchOperation> parse(JsonNode body, int maxOperations) {
    if (body == null || !body.isObject()) {
      throw ScimException.invalidSyntax("the PATCH body must be a JSON object");
    }
    ObjectNode message = (ObjectNode) body;
    checkSchemas(member(message, "schemas", "the PATCH body"));
    JsonNode operations = member(message, "Operations", "the PATCH body");
    if (operations == null || !operations.isArray()) {
      throw ScimException.invalidSyntax("the PATCH body needs an 'Operations' array");
    }
    if (operations.isEmpty()) {
      throw ScimException.invalidSyntax("'Operations' must hold at least one operation");
    }
    if (operations.size() > maxOperations) {
      throw ScimException.invalidSyntax(
          "'Operations' holds "
              + operations.size()
              + " operations; at most "
              + maxOperations
              + " are accepted per request");
    }
    List<PatchOperation> ops = new ArrayList<>(operations.size());
    for (int i = 0; i < operations.size(); i++) {
      ops.add(operation(operations.get(i), "Operations[" + i + "]"));
    }
    return List.copyOf(ops);
  }

  private static void checkSchemas(JsonNode schemas) {
    if (schemas == null) {
      throw ScimException.invalidSyntax("the PATCH body needs 'schemas' with " + PATCH_OP_URN);
    }
    if (schemas.isTextual() && schemas.asText().equalsIgnoreCase(PATCH_OP_URN)) {
      return;
    }
    if (schemas.isArray()) {
      for (JsonNode urn : schemas) {
        if (urn.isTextual() && urn.asText().equalsIgnoreCase(PATCH_OP_URN)) {
          return;
        }
      }
    }
    throw ScimException.invalidSyntax("'schemas' must contain " + PATCH_OP_URN);
  }

  private static PatchOperation operation(JsonNode node, String where) {
    if (!node.isObject()) {
      throw ScimException.invalidSyntax(where + ": an operation must be a JSON object");
    }
    ObjectNode object = (ObjectNode) node;
    JsonNode opNode = member(object, "op", where);
    if (opNode == null || !opNode.isTextual()) {
      throw ScimException.invalidSyntax(
          where + ": 'op' must be \"add\", \"replace\" or \"remove\"");
    }
    PatchOperation.Op op =
        PatchOperation.Op.fromKeyword(opNode.asText())
            .orElseThrow(
                () ->
                    ScimException.invalidSyntax(where + ": unknown op '" + opNode.asText() + "'"));
    Optional<ScimPath> path = path(member(object, "path", where), where);
    Optional<JsonNode> value = Optional.ofNullable(member(object, "value", where));
    if (op == PatchOperation.Op.REMOVE) {
      value = value.filter(v -> !v.isNull() && !(v.isTextual() && v.textValue().isEmpty()));
    }
    if (op == PatchOperation.Op.REMOVE && path.isEmpty()) {
      throw ScimException.noTarget(where + ": remove needs a 'path' (RFC 7644 §3.5.2.2)");
    }
    if (op != PatchOperation.Op.REMOVE && value.isEmpty()) {
      throw ScimException.invalidValue(where + ": " + op.keyword() + " needs a 'value'");
    }
    return new PatchOperation(op, path, value);
  }

  private static Optional<ScimPath> path(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw ScimException.invalidSyntax(where + ": 'path' must be a string");
    }
    try {
      if (node.asText().length() > MAX_PATH_LENGTH) {
        throw ScimException.invalidPath("A path is longer than " + MAX_PATH_LENGTH + " characters");
      }
      return Optional.of(PathParser.parse(node.asText()));
    } catch (ScimException e) {
      throw new ScimException(
          e.status(), e.scimType().orElse(null), where + ": " + e.detail(), e, false);
    }
  }

  /** The member {@code name} in any case; two spellings of the same name are ambiguous. */
  private static JsonNode member(ObjectNode object, String name, String where) {
    List<String> keys = JsonFields.keysIgnoringCase(object, name);
    if (keys.size() > 1) {
      throw ScimException.invalidSyntax(where + ": '" + name + "' appears more than once");
    }
    return keys.isEmpty() ? null : object.get(keys.get(0));
  }
}
