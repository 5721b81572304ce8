package org.scimldap.service;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.scimldap.mapping.entry.References;

/**
 * The JSON text of the resources of one type as reads lately answered them, each kept with
 * everything it was made from, so that the same inputs are not mapped and written out again: a
 * list, a filter and a GET read the entry from the directory each time, and most often find it as
 * it was. The inputs ({@link Inputs}) are the entry as the directory returned it (its DN, and every
 * attribute with every value, byte for byte and in order), what the store keeps of it (externalId,
 * kept parts), whether members were asked for, what each DN it refers to resolved to (id and type,
 * or nothing), and the groups it was found in. The mapping, the base URL and the policy for
 * unmapped values belong to the presenter that holds this, and a mapping reload builds a new one.
 * Nothing here is ever taken as true without comparing all of those: a change anyone makes
 * anywhere, including what an overlay maintains without a change marker, or a referenced entry
 * created again under another id, is a different input.
 *
 * <p>Bounded: the latest {@link #CAPACITY}, at most {@link #BUDGET} bytes of inputs and text
 * together (about a kilobyte and a half for a user), none larger than {@link #LARGEST} (a large
 * group is presented afresh each time, and what was kept of it before it grew is dropped). Reads of
 * one resource and the gateway's own writes drop the least recently used to make room; list pages
 * and scans only fill the room left, so that paging through more resources than fit neither churns
 * nor pushes out what single reads keep, and works out no inputs for resources it cannot keep.
 */
final class PresentedResources {
  static final int CAPACITY = 50_000;
  static final long BUDGET = 16L << 20;
  static final int LARGEST = 16 << 10;

  /**
   * The most DNs a resource kept refers to: a member takes more than a hundred bytes of text, so a
   * group with more members would not fit in {@link #LARGEST} anyway, and working out its inputs
   * would be wasted.
   */
  static final int MOST_REFERENCES = 128;

  /** About what a user takes kept: the room a resource needs, as far as one can tell before. */
  private static final int TYPICAL = 1_536;

  /** Bytes counted for a kept resource besides its inputs and text: the objects that hold them. */
  private static final int OVERHEAD = 160;

  /** A resource's text, version and location, with the inputs it was made from. */
  private record Kept(byte[] inputs, byte[] text, String version, String location) {
    int bytes() {
      return inputs.length + text.length + 2 * (version.length() + location.length()) + OVERHEAD;
    }
  }

  private final BoundedCache<Kept> byId;
  private final LongAdder reused = new LongAdder();

  PresentedResources() {
    this(CAPACITY, BUDGET);
  }

  PresentedResources(int capacity, long budget) {
    this.byId = new BoundedCache<>(capacity, budget, LARGEST, Kept::bytes);
  }

  /** The resource {@code id} as last presented, if it was presented from the same inputs. */
  Optional<Resource> reuse(String id, Inputs inputs) {
    Kept kept = byId.get(id);
    if (kept == null || !inputs.same(kept.inputs())) {
      return Optional.empty();
    }
    reused.increment();
    return Optional.of(new Resource(null, kept.text(), kept.version(), kept.location()));
  }

  /**
   * Keeps {@code text}, the whole answer's JSON of resource {@code id}, made from {@code inputs};
   * without {@code evicting}, only where that drops no other resource.
   */
  void keep(String id, Inputs inputs, byte[] text, Resource presented, boolean evicting) {
    Kept kept = new Kept(inputs.bytes(), text, presented.version(), presented.location());
    if (evicting) {
      byId.put(id, kept);
    } else {
      byId.putIfRoom(id, kept);
    }
  }

  /** Drops what is kept of resource {@code id}, if anything. */
  void forget(String id) {
    byId.remove(id);
  }

  /**
   * True when resource {@code id} could be kept without dropping another: something is kept for it,
   * or there is room left.
   */
  boolean roomFor(String id) {
    return byId.get(id) != null || !byId.full(TYPICAL);
  }

  /** How many times a kept resource was reused. */
  long reused() {
    return reused.sum();
  }

  /** How many resources are kept. */
  int size() {
    return byId.size();
  }

  /** How many bytes the kept resources are counted as. */
  long bytes() {
    return byId.bytes();
  }

  /**
   * What a resource is presented from, written out as bytes: strings in UTF-8 ended by a byte that
   * UTF-8 never holds, attribute values with their length. Comparing them with kept bytes writes
   * nothing: they are compared as they would be written, up to the first difference.
   */
  static final class Inputs {
    private static final byte END = (byte) 0xFF;
    private static final byte NONE = (byte) 0xFE;
    private static final byte NEXT = (byte) 0xFD;

    private final Entry entry;
    private final String externalId;
    private final String kept;
    private final boolean withMembers;
    private final List<References.Target> targets;
    private final List<References.Membership> groups;
    private byte[] written;

    /**
     * The inputs of presenting {@code entry} with the store's {@code externalId} and {@code kept}
     * (either may be null); {@code targets} are what the DNs it refers to resolved to, in the order
     * of {@code referencedDns} (null for one that resolved to nothing), and {@code groups} the
     * groups shown for it.
     */
    Inputs(
        Entry entry,
        String externalId,
        String kept,
        boolean withMembers,
        List<References.Target> targets,
        List<References.Membership> groups) {
      this.entry = entry;
      this.externalId = externalId;
      this.kept = kept;
      this.withMembers = withMembers;
      this.targets = targets;
      this.groups = groups;
    }

    /** Writes the inputs to {@code out}, or compares them, up to the first difference. */
    private void writeTo(Bytes out) {
      out.put(withMembers ? (byte) 1 : (byte) 0);
      out.text(entry.getDN());
      out.text(externalId);
      out.text(kept);
      for (Attribute a : entry.getAttributes()) {
        if (out.differs()) {
          return;
        }
        out.text(a.getName());
        ASN1OctetString[] values = a.getRawValues();
        out.number(values.length);
        for (ASN1OctetString v : values) {
          out.number(v.getValueLength());
          out.put(v.getValue());
        }
      }
      out.put(NEXT);
      for (References.Target t : targets) {
        if (out.differs()) {
          return;
        }
        if (t == null) {
          out.put(NONE);
        } else {
          out.text(t.id());
          out.text(t.resourceType());
        }
      }
      out.put(NEXT);
      for (References.Membership g : groups) {
        if (out.differs()) {
          return;
        }
        out.text(g.id());
        out.text(g.resourceType());
        out.text(g.display());
      }
    }

    /** Whether these inputs, written out, are {@code other}. */
    boolean same(byte[] other) {
      Bytes compared = Bytes.comparedWith(other);
      writeTo(compared);
      return compared.matchedAll();
    }

    /**
     * These inputs written out, once: the entry, targets and groups they were made of are read
     * then, so they must not have changed since.
     */
    byte[] bytes() {
      if (written == null) {
        Bytes out = Bytes.written();
        writeTo(out);
        written = out.toArray();
      }
      return written;
    }

    /** How many bytes the inputs take. */
    int length() {
      return bytes().length;
    }
  }

  /**
   * Where {@link Inputs} are written: into a growing array, or compared with bytes written before,
   * byte for byte, until the first that differs.
   */
  private static final class Bytes {
    private final boolean comparing;
    private byte[] bytes;
    private int position;
    private boolean differs;

    private Bytes(boolean comparing, byte[] bytes) {
      this.comparing = comparing;
      this.bytes = bytes;
    }

    static Bytes written() {
      return new Bytes(false, new byte[1024]);
    }

    static Bytes comparedWith(byte[] other) {
      return new Bytes(true, other);
    }

    /** True once a comparison found a difference: whatever follows is not looked at. */
    boolean differs() {
      return differs;
    }

    void put(byte b) {
      if (comparing) {
        if (differs || position == bytes.length || bytes[position] != b) {
          differs = true;
          return;
        }
        position++;
        return;
      }
      room(1);
      bytes[position++] = b;
    }

    void put(byte[] b) {
      if (comparing) {
        if (differs
            || b.length > bytes.length - position
            || !Arrays.equals(bytes, position, position + b.length, b, 0, b.length)) {
          differs = true;
          return;
        }
        position += b.length;
        return;
      }
      room(b.length);
      System.arraycopy(b, 0, bytes, position, b.length);
      position += b.length;
    }

    void number(int n) {
      put((byte) (n >>> 24));
      put((byte) (n >>> 16));
      put((byte) (n >>> 8));
      put((byte) n);
    }

    void text(String s) {
      if (differs) {
        return;
      }
      if (s == null) {
        put(Inputs.NONE);
      } else {
        put(s.getBytes(StandardCharsets.UTF_8));
        put(Inputs.END);
      }
    }

    boolean matchedAll() {
      return !differs && position == bytes.length;
    }

    byte[] toArray() {
      return Arrays.copyOf(bytes, position);
    }

    private void room(int more) {
      if (bytes.length - position < more) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + more));
      }
    }
  }
}
