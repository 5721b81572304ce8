package org.scimldap.config;

/** A configuration or mapping file that cannot be used; the message names the file and place. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
