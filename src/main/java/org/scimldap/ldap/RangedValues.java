package org.scimldap.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completes attributes that a directory hands out in slices: Active Directory returns at most
 * MaxValRange values (1,500 by default) of an attribute, as {@code member;range=0-1499} instead of
 * {@code member}, and the client asks for the rest, {@code member;range=1500-*}, until a slice ends
 * in {@code *} (MS-ADTS 3.1.1.3.1.3.3, "Range Retrieval of Attribute Values"). An entry comes out
 * with the plain attribute holding every value, in the directory's order; an entry without a range
 * option costs nothing.
 *
 * <p>The slices are separate reads, so a value added or removed between them may be missed or seen
 * twice; a slice that is no longer there (the values ran out) ends the attribute.
 */
final class RangedValues {
  private static final String RANGE = "range=";
  private static final Pattern BOUNDS = Pattern.compile("(\\d{1,9})-(\\d{1,9}|\\*)");

  /** Reads one entry (a base-scope search) with one attribute; empty when it is gone. */
  @FunctionalInterface
  interface SliceReader {
    Optional<Entry> read(String dn, String attribute);
  }

  private final SliceReader reader;

  RangedValues(SliceReader reader) {
    this.reader = reader;
  }

  /** True when the entry holds an attribute with a range option, which {@link #complete} reads. */
  static boolean ranged(Entry entry) {
    for (Attribute a : entry.getAttributes()) {
      if (Slice.of(a.getName()).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The entry with each ranged attribute replaced by the plain attribute holding all its values,
   * read slice by slice; the same entry when nothing is ranged; empty when the entry disappeared
   * while its slices were read.
   */
  Optional<Entry> complete(Entry entry) {
    if (!ranged(entry)) {
      return Optional.of(entry);
    }
    Map<String, Attribute> attributes = new LinkedHashMap<>();
    for (Attribute a : entry.getAttributes()) {
      Optional<Slice> slice = Slice.of(a.getName());
      Attribute whole = a;
      if (slice.isPresent()) {
        Optional<Attribute> read = allValues(entry.getDN(), slice.get(), a);
        if (read.isEmpty()) {
          return Optional.empty();
        }
        whole = read.get();
      }
      attributes.merge(whole.getName().toLowerCase(Locale.ROOT), whole, Attribute::mergeAttributes);
    }
    return Optional.of(new Entry(entry.getDN(), attributes.values()));
  }

  /** The first slice's values followed by those of the slices after it; empty when gone. */
  private Optional<Attribute> allValues(String dn, Slice first, Attribute firstValues) {
    List<byte[]> values = new ArrayList<>(List.of(firstValues.getValueByteArrays()));
    Slice slice = first;
    while (!slice.last()) {
      int next = slice.high() + 1;
      String request = first.attribute() + ";" + RANGE + next + "-*";
      Optional<Entry> answer = reader.read(dn, request);
      if (answer.isEmpty()) {
        return Optional.empty();
      }
      Optional<Attribute> found = sliceOf(answer.get(), first.attribute());
      if (found.isEmpty()) {
        break;
      }
      Slice following = Slice.of(found.get().getName()).orElseThrow();
      if (!following.last() && following.high() < next) {
        throw unreadable(dn, request, "the slice " + found.get().getName() + " does not advance");
      }
      values.addAll(List.of(found.get().getValueByteArrays()));
      slice = following;
    }
    return Optional.of(new Attribute(first.attribute(), values.toArray(byte[][]::new)));
  }

  /** The ranged attribute of {@code answer} whose plain name is {@code attribute}. */
  private static Optional<Attribute> sliceOf(Entry answer, String attribute) {
    for (Attribute a : answer.getAttributes()) {
      Optional<Slice> slice = Slice.of(a.getName());
      if (slice.isPresent() && slice.get().attribute().equalsIgnoreCase(attribute)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private static DirectoryException unreadable(String dn, String attribute, String why) {
    return new DirectoryException("read " + attribute + " of " + dn, ResultCode.OTHER, why, null);
  }

  /**
   * Where one slice of an attribute lies: its name without the range option (other options kept),
   * the index of its first value and of its last ({@code -1} for {@code *}, the last slice).
   */
  record Slice(String attribute, int low, int high) {
    /** The slice an attribute description names, when it has a range option. */
    static Optional<Slice> of(String description) {
      if (description.indexOf(';') < 0) {
        return Optional.empty();
      }
      String[] parts = description.split(";");
      StringBuilder plain = new StringBuilder(parts[0]);
      String range = null;
      for (int i = 1; i < parts.length; i++) {
        if (parts[i].regionMatches(true, 0, RANGE, 0, RANGE.length())) {
          range = parts[i].substring(RANGE.length());
        } else {
          plain.append(';').append(parts[i]);
        }
      }
      if (range == null) {
        return Optional.empty();
      }
      Matcher bounds = BOUNDS.matcher(range);
      if (!bounds.matches()) {
        throw new DirectoryException(
            "read " + description,
            ResultCode.OTHER,
            "the directory returned an unreadable range option",
            null);
      }
      int low = Integer.parseInt(bounds.group(1));
      int high = bounds.group(2).equals("*") ? -1 : Integer.parseInt(bounds.group(2));
      return Optional.of(new Slice(plain.toString(), low, high));
    }

    /** True for the slice that holds the attribute's last value ({@code range=low-*}). */
    boolean last() {
      return high < 0;
    }
  }
}
