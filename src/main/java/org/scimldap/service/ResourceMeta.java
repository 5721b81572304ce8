package org.scimldap.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.scimldap.config.Sha256;
import org.scimldap.ldap.Timestamps;
import org.scimldap.mapping.entry.EntryMapper;

/**
 * The {@code meta} of a resource (RFC 7643 §3.1), taken from the directory's own bookkeeping:
 * {@code createTimestamp}, {@code modifyTimestamp} and a version derived from the entry's change
 * marker: {@code entryCSN} where the directory has it (OpenLDAP, the embedded directory), else
 * {@code uSNChanged} (Active Directory and Samba: it changes with every change of the entry, on the
 * domain controller that answers), else {@code modifyTimestamp} (which moves in whole seconds on
 * some directories, so two changes within a second may keep the version).
 */
final class ResourceMeta {
  private ResourceMeta() {}

  /** The attributes that mark a change of an entry, the most precise first. */
  static final List<String> MARKERS = List.of("entryCSN", "uSNChanged", "modifyTimestamp");

  /** The entry's change marker: the value of the first of {@link #MARKERS} it has. */
  static Optional<String> marker(Entry entry) {
    for (String marker : MARKERS) {
      String value = entry.getAttributeValue(marker);
      if (value != null) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /**
   * An assertion (RFC 4528) that the entry has not changed since it was read: its change marker is
   * still the same. Empty when the directory returned no marker.
   */
  static Optional<Filter> unchanged(Entry entry) {
    for (String marker : MARKERS) {
      String value = entry.getAttributeValue(marker);
      if (value != null) {
        return Optional.of(Filter.createEqualityFilter(marker, value));
      }
    }
    return Optional.empty();
  }

  static Optional<Instant> created(Entry entry) {
    return time(entry, "createTimestamp");
  }

  static Optional<Instant> lastModified(Entry entry) {
    return time(entry, "modifyTimestamp");
  }

  /**
   * A weak entity tag (RFC 7232 §2.3) that changes whenever the entry changes, or what the store
   * keeps of the resource does: its {@code externalId}, where the mapping shows it from the store,
   * and its {@code kept} parts (either may be null).
   */
  static String version(EntryMapper mapper, Entry entry, String externalId, String kept) {
    return version(entry, mapper.usesStore() ? externalId : null, kept);
  }

  private static String version(Entry entry, String externalId, String kept) {
    String marker = marker(entry).orElse(entry.getDN());
    byte[] digest =
        Sha256.of(
            entry.getDN()
                + "\n"
                + marker
                + (kept == null ? "" : "\n" + kept)
                + (externalId == null ? "" : "\n\u0000" + externalId));
    return "W/\"" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
  }

  /**
   * Adds {@code meta} to a resource; {@code location} is the resource's absolute URL and {@code
   * version} its {@link #version}.
   */
  static void put(
      ObjectNode resource, String resourceType, Entry entry, String location, String version) {
    ObjectNode meta = resource.putObject("meta");
    meta.put("resourceType", resourceType);
    Instant now = Instant.now();
    Instant created = created(entry).orElse(now);
    meta.put("created", Timestamps.iso(created));
    meta.put("lastModified", Timestamps.iso(lastModified(entry).orElse(created)));
    meta.put("location", location);
    meta.put("version", version);
  }

  private static Optional<Instant> time(Entry entry, String attribute) {
    String value = entry.getAttributeValue(attribute);
    return value == null ? Optional.empty() : Timestamps.parse(value);
  }
}
