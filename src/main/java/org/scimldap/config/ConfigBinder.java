package org.scimldap.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Binds a complete configuration tree (defaults, file and environment laid over each other) into
 * {@link GatewayConfig} and its records. Unknown keys, values of the wrong type and values the
 * records refuse all become a {@link ConfigException} that names the key and, from {@link
 * ValueSources}, where its value came from. Messages quote no value but the numbers and DNs the
 * records themselves quote: a value may be a secret.
 */
final class ConfigBinder {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .addModule(new SimpleModule().addDeserializer(Path.class, new PathDeserializer()))
          .build();

  private ConfigBinder() {}

  static GatewayConfig bind(ObjectNode tree, ValueSources sources) {
    try {
      return MAPPER.treeToValue(tree, GatewayConfig.class);
    } catch (JsonProcessingException e) {
      InvalidValueException invalid = causes(e, InvalidValueException.class);
      if (invalid != null) {
        throw new ConfigException(sources.of(invalid.key()) + ": " + invalid.getMessage(), e);
      }
      String key = key(e);
      String where = sources.of(key);
      if (e instanceof UnrecognizedPropertyException u) {
        throw new ConfigException(
            where
                + ": unknown key '"
                + u.getPropertyName()
                + "' at '"
                + key
                + "'; expected one of "
                + u.getKnownPropertyIds(),
            e);
      }
      String what = key.isEmpty() ? "the configuration" : "the value of '" + key + "'";
      if (causes(e, InputCoercionException.class) != null) {
        throw new ConfigException(where + ": " + what + " is a number out of range", e);
      }
      if (e instanceof MismatchedInputException m) {
        throw new ConfigException(
            where + ": " + what + " must be " + expected(m.getTargetType()), e);
      }
      throw new ConfigException(where + ": " + what + " is not valid", e);
    }
  }

  /** The first exception of {@code type} in the cause chain of {@code e}, or null. */
  private static <T extends Throwable> T causes(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /**
   * The dotted path of the key an error is about, e.g. {@code http.port} or {@code ldap.urls[0]}.
   */
  private static String key(JsonProcessingException e) {
    StringBuilder path = new StringBuilder();
    if (e instanceof JsonMappingException mapping) {
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        if (ref.getFieldName() != null) {
          path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
    }
    return path.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "a whole number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class || type == Path.class) {
      return "text";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return Map.class.isAssignableFrom(type) || type.isRecord()
        ? "a mapping of keys to values"
        : "a " + type.getSimpleName();
  }

  /** A path as {@link Path#of} reads it (Jackson's own would take text with a colon for a URI). */
  private static final class PathDeserializer extends FromStringDeserializer<Path> {
    PathDeserializer() {
      super(Path.class);
    }

    @Override
    protected Path _deserialize(String value, DeserializationContext context) {
      return Path.of(value);
    }
  }
}
