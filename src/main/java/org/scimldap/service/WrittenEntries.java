package org.scimldap.service;

import com.unboundid.asn1.ASN1Buffer;
import com.unboundid.asn1.ASN1BufferSequence;
import com.unboundid.asn1.ASN1Exception;
import com.unboundid.asn1.ASN1StreamReader;
import com.unboundid.asn1.ASN1StreamReaderSequence;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Entries of one resource type as the gateway's own writes last left them (the directory's answer
 * to the write, RFC 4527 Post-Read), the latest {@link #CAPACITY} of them, so that a PATCH soon
 * after a create or another PATCH of the same resource need not read its entry again: IdPs send a
 * create and then a few PATCHes of the same user, and change the same attributes of it again and
 * again.
 *
 * <p>Such an entry is only ever taken as a guess of what the directory holds. The write it leads to
 * asserts (RFC 4528) that the entry's change marker is still the one remembered, so a change made
 * meanwhile by anyone else fails that write. The assertion also says that the entry still meets the
 * type's filter and is not protected, what finding it would have checked: what an overlay
 * maintains, such as OpenLDAP's {@code memberOf}, changes without the marker. Whatever a request
 * decides on a remembered entry without a modify to check it (no change to make, or none for the
 * directory; a version that does not match; an operation that finds nothing) is decided again on a
 * fresh read ({@link ResourceService#patch}, {@link EntryWriter#write}), and the groups an answer
 * shows are read again. Only entries with a marker that changes with every change ({@code
 * entryCSN}, {@code uSNChanged}) are kept, and only where the directory takes the assertion.
 *
 * <p>Each is kept encoded as LDAP sends an entry (a DN and its attributes, RFC 4511 §4.5.2), about
 * a kilobyte for a user, where the decoded entry takes six: decoding one again costs far less than
 * the read it saves. Besides their number, the bytes they take together are bounded, and an entry
 * larger than {@link #LARGEST} (a photo, certificates) is not kept.
 */
final class WrittenEntries {
  /** How many entries are kept at most; the least recently used go first. */
  static final int CAPACITY = 10_000;

  /** How many bytes the kept entries take together at most. */
  static final int BUDGET = 16 << 20;

  /** The largest entry kept, encoded. */
  static final int LARGEST = 16 << 10;

  private final BoundedCache<byte[]> byId;

  WrittenEntries(int capacity) {
    this(capacity, BUDGET);
  }

  WrittenEntries(int capacity, long budget) {
    this.byId = new BoundedCache<>(capacity, budget, LARGEST, encoded -> encoded.length);
  }

  /**
   * Remembers {@code entry} as the one of resource {@code id}, if its change marker is precise and
   * it is not too large; otherwise forgets what was remembered for {@code id}.
   */
  void remember(String id, Entry entry) {
    if (entry.hasAttribute("entryCSN") || entry.hasAttribute("uSNChanged")) {
      byId.put(id, encode(entry));
    } else {
      byId.remove(id);
    }
  }

  /** The entry last remembered for {@code id}, if it is still kept. */
  Optional<Entry> recall(String id) {
    byte[] encoded = byId.get(id);
    return encoded == null ? Optional.empty() : Optional.of(decode(encoded));
  }

  void forget(String id) {
    byId.remove(id);
  }

  private static byte[] encode(Entry entry) {
    ASN1Buffer buffer = new ASN1Buffer();
    ASN1BufferSequence whole = buffer.beginSequence();
    buffer.addOctetString(entry.getDN());
    ASN1BufferSequence attributes = buffer.beginSequence();
    for (Attribute a : entry.getAttributes()) {
      a.writeTo(buffer);
    }
    attributes.end();
    whole.end();
    return buffer.toByteArray();
  }

  private static Entry decode(byte[] encoded) {
    try (ASN1StreamReader reader = new ASN1StreamReader(new ByteArrayInputStream(encoded))) {
      reader.beginSequence();
      String dn = reader.readString();
      List<Attribute> attributes = new ArrayList<>();
      ASN1StreamReaderSequence each = reader.beginSequence();
      while (each.hasMoreElements()) {
        attributes.add(Attribute.readFrom(reader));
      }
      return new Entry(dn, attributes);
    } catch (IOException | ASN1Exception | LDAPException e) {
      // Encoded here a moment ago: it cannot be malformed.
      throw new IllegalStateException("a remembered entry does not decode", e);
    }
  }

  /** How many bytes the kept entries take, encoded. */
  long bytes() {
    return byId.bytes();
  }

  /** How many entries are kept. */
  int size() {
    return byId.size();
  }
}
