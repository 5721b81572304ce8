package org.scimldap.config;

/**
 * A configuration value out of its range (a port above 65535, a DN that does not parse): thrown by
 * the configuration records themselves, naming the dotted key, so the loader can add where the
 * value came from (a file position or an environment variable).
 */
public final class InvalidValueException extends ConfigException {
  private final String key;

  InvalidValueException(String key, String problem) {
    super(key + " " + problem);
    this.key = key;
  }

  /** The dotted key path of the value, e.g. {@code http.port} or {@code ldap.urls[1]}. */
  public String key() {
    return key;
  }
}
