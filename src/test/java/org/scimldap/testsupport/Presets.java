package org.scimldap.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
