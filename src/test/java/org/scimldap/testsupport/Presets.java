package org.scimldap.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.MappingSpec;

/** The bundled mapping presets, as tests need them. */
public final class Presets {
  private Presets() {}

  /**
   * The OpenLDAP preset with {@code unmapped: ignore} instead of {@code keep}: what its rules alone
   * do, for tables that pin how each rule translates (with {@code keep}, conditions on attributes
   * the store may hold are re-checked in the gateway instead).
   */
  public static MappingSpec openLdapRulesOnly() {
    try {
      String text = Files.readString(Path.of("mappings/openldap.yaml"));
      if (!text.contains("unmapped: keep")) {
        throw new IllegalStateException("the preset no longer says unmapped: keep");
      }
      return MappingLoader.parse(
          "openldap.yaml (rules only)", text.replace("unmapped: keep", "unmapped: ignore"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The OpenLDAP preset's text with the first {@code from} in it replaced by {@code to}, as a test
   * or the bench runs a variant of it; fails when the preset no longer says {@code from}.
   */
  public static String openLdapWith(String from, String to) {
    try {
      String text = Files.readString(Path.of("mappings/openldap.yaml"));
      int at = text.indexOf(from);
      if (at < 0) {
        throw new IllegalStateException("the OpenLDAP preset no longer says '" + from + "'");
      }
      return text.substring(0, at) + to + text.substring(at + from.length());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The 1-based line of the OpenLDAP preset that first contains {@code fragment}, so that tests
   * naming places in the file do not break when it grows.
   */
  public static int openLdapLine(String fragment) {
    try {
      List<String> lines = Files.readAllLines(Path.of("mappings/openldap.yaml"));
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(fragment)) {
          return i + 1;
        }
      }
      throw new IllegalArgumentException("not in the preset: " + fragment);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code mappings/openldap.yaml:LINE:COLUMN} of the first line holding {@code fragment}. */
  public static String openLdapAt(String fragment, int column) {
    return "mappings/openldap.yaml:" + openLdapLine(fragment) + ":" + column;
  }
}
