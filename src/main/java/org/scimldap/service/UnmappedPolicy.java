package org.scimldap.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.scimldap.mapping.entry.UnmappedValues;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.schema.ScimSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a resource type does with the parts of a resource no rule maps ({@code unmapped:} in the
 * mapping file): keep them in the correlation store (as JSON, merged back on reads), drop them
 * (logging each attribute name once), or refuse the request with 400 naming them.
 */
final class UnmappedPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(UnmappedPolicy.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ResourceMapping mapping;
  private final UnmappedValues values;
  private final Set<String> dropped = ConcurrentHashMap.newKeySet();

  UnmappedPolicy(ResourceMapping mapping) {
    this.mapping = mapping;
    this.values = new UnmappedValues(mapping);
  }

  /** True when unmapped parts are kept, so reads need the store's rows. */
  boolean keeps() {
    return mapping.unmapped() == ResourceMapping.Unmapped.KEEP;
  }

  /**
   * The parts of {@code resource} to keep in the store, as JSON; null when there are none or the
   * policy keeps nothing. With {@code reject}, unmapped parts are a 400 invalidValue.
   */
  String keptFor(ObjectNode resource) {
    ObjectNode unmapped = values.of(resource);
    if (unmapped.isEmpty()) {
      return null;
    }
    switch (mapping.unmapped()) {
      case KEEP -> {
        return unmapped.toString();
      }
      case REJECT ->
          throw ScimException.invalidValue(
              mapping.name()
                  + " does not carry "
                  + String.join(", ", names(unmapped))
                  + ": the mapping maps no directory attribute to it");
      default -> {
        for (String name : names(unmapped)) {
          if (dropped.add(name.toLowerCase(Locale.ROOT))) {
            LOG.info(
                "{}: '{}' is not mapped, so it is not kept (unmapped: ignore)",
                mapping.name(),
                name);
          }
        }
        return null;
      }
    }
  }

  /**
   * Adds the kept parts in {@code keptJson} (may be null) to a resource read from the directory.
   */
  void mergeInto(ObjectNode resource, String keptJson) {
    if (keptJson == null || keptJson.isEmpty()) {
      return;
    }
    try {
      JsonNode kept = JSON.readTree(keptJson);
      if (kept instanceof ObjectNode object) {
        values.mergeInto(resource, object);
      }
    } catch (JsonProcessingException e) {
      LOG.warn("{}: kept values in the store are not JSON; left out", mapping.name());
    }
  }

  /** The paths of the unmapped parts, for messages: {@code nickName}, {@code name.middleName}. */
  private List<String> names(ObjectNode unmapped) {
    List<String> names = new ArrayList<>();
    for (ScimSchema s : mapping.schema().allSchemas()) {
      boolean extension = s != mapping.schema().core();
      JsonNode holder = extension ? unmapped.get(s.id()) : unmapped;
      if (holder == null) {
        continue;
      }
      holder
          .fields()
          .forEachRemaining(
              field -> {
                if (s.attribute(field.getKey()).isEmpty()) {
                  return;
                }
                String prefix = (extension ? s.id() + ":" : "") + field.getKey();
                if (field.getValue().isObject()
                    && s.attribute(field.getKey()).get().isComplex()
                    && !s.attribute(field.getKey()).get().multiValued()) {
                  field
                      .getValue()
                      .fieldNames()
                      .forEachRemaining(sub -> names.add(prefix + "." + sub));
                } else {
                  names.add(prefix);
                }
              });
    }
    return names;
  }
}
