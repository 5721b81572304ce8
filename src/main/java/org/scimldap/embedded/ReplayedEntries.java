package org.scimldap.embedded;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldif.LDIFAddChangeRecord;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFDeleteChangeRecord;
import com.unboundid.ldif.LDIFModifyDNChangeRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The entries of a snapshot with the change log applied, without a server. Records are states, not
 * operations: an add record holds the whole entry as it was after the write (its entryUUID and
 * timestamps too) and replaces whatever has its DN; a delete removes the entry and what is below
 * it; a modify DN moves the entry and what is below it. Deletes and moves change references in the
 * {@code referenceAttributes} as the directory's referential integrity did when they happened.
 */
final class ReplayedEntries {
  private final Map<DN, Entry> entries = new LinkedHashMap<>();
  private final Set<String> referenceAttributes;

  ReplayedEntries(List<Entry> snapshot, Set<String> referenceAttributes) {
    this.referenceAttributes =
        referenceAttributes.stream()
            .map(a -> a.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    for (Entry e : snapshot) {
      entries.put(parsedDn(e), e);
    }
  }

  /** Applies one change record. */
  void apply(LDIFChangeRecord record) throws LDAPException {
    if (record instanceof LDIFAddChangeRecord add) {
      Entry entry = add.getEntryToAdd();
      entries.put(parsedDn(entry), entry);
    } else if (record instanceof LDIFDeleteChangeRecord delete) {
      DN gone = delete.getParsedDN();
      entries.keySet().removeIf(dn -> dn.isDescendantOf(gone, true));
      rewriteReferences(dn -> dn.isDescendantOf(gone, true) ? null : dn);
    } else if (record instanceof LDIFModifyDNChangeRecord move) {
      DN from = move.getParsedDN();
      DN to = move.getNewDN();
      if (!entries.containsKey(from)) {
        return;
      }
      Function<DN, DN> rename = dn -> dn.isDescendantOf(from, true) ? rebase(dn, from, to) : dn;
      List<Entry> moved = new ArrayList<>();
      entries
          .entrySet()
          .removeIf(
              e -> {
                if (e.getKey().isDescendantOf(from, true)) {
                  Entry copy = e.getValue().duplicate();
                  copy.setDN(rename.apply(e.getKey()));
                  moved.add(copy);
                  return true;
                }
                return false;
              });
      moved.forEach(e -> entries.put(parsedDn(e), e));
      rewriteReferences(rename);
    } else {
      throw new LDAPException(
          ResultCode.DECODING_ERROR,
          "the change log holds a "
              + record.getChangeType()
              + " record; it writes adds,"
              + " deletes and modify DNs only");
    }
  }

  /** The entries, each after its parent, as an import needs them. */
  List<Entry> parentsFirst() {
    List<Entry> all = new ArrayList<>(entries.values());
    all.sort(Comparator.comparingInt(e -> parsedDn(e).getRDNs().length));
    return all;
  }

  /**
   * Maps every DN value of a reference attribute through {@code change}; a null result drops the
   * value, and an attribute left without values is removed.
   */
  private void rewriteReferences(Function<DN, DN> change) {
    for (Map.Entry<DN, Entry> e : entries.entrySet()) {
      Entry entry = e.getValue();
      Entry updated = null;
      for (Attribute attribute : entry.getAttributes()) {
        if (!referenceAttributes.contains(attribute.getBaseName().toLowerCase(Locale.ROOT))) {
          continue;
        }
        List<String> values = new ArrayList<>();
        boolean changed = false;
        for (String value : attribute.getValues()) {
          DN before = parsedOrNull(value);
          DN after = before == null ? null : change.apply(before);
          if (before != null && after != before) {
            changed = true;
            if (after != null) {
              values.add(after.toString());
            }
          } else {
            values.add(value);
          }
        }
        if (changed) {
          updated = updated == null ? entry.duplicate() : updated;
          if (values.isEmpty()) {
            updated.removeAttribute(attribute.getName());
          } else {
            updated.setAttribute(new Attribute(attribute.getName(), values));
          }
        }
      }
      if (updated != null) {
        e.setValue(updated);
      }
    }
  }

  private static DN rebase(DN dn, DN from, DN to) {
    RDN[] own = dn.getRDNs();
    int keep = own.length - from.getRDNs().length;
    List<RDN> rdns = new ArrayList<>(List.of(own).subList(0, keep));
    rdns.addAll(List.of(to.getRDNs()));
    return new DN(rdns);
  }

  private static DN parsedOrNull(String value) {
    try {
      return new DN(value);
    } catch (LDAPException e) {
      return null;
    }
  }

  private static DN parsedDn(Entry e) {
    try {
      return e.getParsedDN();
    } catch (LDAPException ex) {
      throw new IllegalArgumentException("an entry of the embedded directory has a bad DN", ex);
    }
  }
}
