package org.scimldap.cli;

/**
 * Keeps the admin tools' output clean: their log goes to stderr and shows warnings and errors only
 * (unless {@code GATEWAY_LOG_LEVEL} says otherwise), so that stdout holds only the LDIF, JSON or
 * findings. {@code logback.xml} reads the two properties set here; they take effect when logging
 * starts, which for the tools is after the command line is read.
 */
final class ToolLogging {
  static final String LEVEL = "scimldap.log.level";
  static final String TARGET = "scimldap.log.target";

  private ToolLogging() {}

  static void quiet() {
    if (System.getProperty(LEVEL) == null) {
      System.setProperty(LEVEL, "WARN");
    }
    if (System.getProperty(TARGET) == null) {
      System.setProperty(TARGET, "System.err");
    }
  }
}
