package org.scimldap.service;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.ToIntFunction;

/**
 * Values by key, the least recently used dropped first once there are more than {@code capacity} of
 * them or they take more than {@code budget} bytes together; a value larger than {@code largest}
 * bytes is not kept. Safe for concurrent use.
 */
final class BoundedCache<V> {
  private final int capacity;
  private final long budget;
  private final int largest;
  private final ToIntFunction<V> size;
  private final LinkedHashMap<String, V> byKey = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  /** {@code size} says how many bytes a value takes. */
  BoundedCache(int capacity, long budget, int largest, ToIntFunction<V> size) {
    this.capacity = capacity;
    this.budget = budget;
    this.largest = largest;
    this.size = size;
  }

  /** Keeps {@code value} under {@code key}, or forgets {@code key} when the value is too large. */
  synchronized void put(String key, V value) {
    if (size.applyAsInt(value) > largest) {
      remove(key);
      return;
    }
    dropped(byKey.put(key, value));
    bytes += size.applyAsInt(value);
    Iterator<V> eldest = byKey.values().iterator();
    while (byKey.size() > capacity || bytes > budget) {
      dropped(eldest.next());
      eldest.remove();
    }
  }

  /**
   * Keeps {@code value} under {@code key} if that drops nothing else: in place of the value kept
   * under {@code key}, or in room still free. False when it was not kept.
   */
  synchronized boolean putIfRoom(String key, V value) {
    int needs = size.applyAsInt(value);
    V old = byKey.get(key);
    long freed = old == null ? 0 : size.applyAsInt(old);
    if (needs > largest
        || bytes - freed + needs > budget
        || (old == null && byKey.size() >= capacity)) {
      return false;
    }
    put(key, value);
    return true;
  }

  /** True when a value of {@code bytes} bytes would not fit without dropping another. */
  synchronized boolean full(int bytes) {
    return byKey.size() >= capacity || this.bytes + bytes > budget;
  }

  /** The value kept under {@code key}, or null. */
  synchronized V get(String key) {
    return byKey.get(key);
  }

  synchronized void remove(String key) {
    dropped(byKey.remove(key));
  }

  /** Forgets every value. */
  synchronized void clear() {
    byKey.clear();
    bytes = 0;
  }

  private void dropped(V value) {
    if (value != null) {
      bytes -= size.applyAsInt(value);
    }
  }

  /** How many bytes the kept values take. */
  synchronized long bytes() {
    return bytes;
  }

  /** How many values are kept. */
  synchronized int size() {
    return byKey.size();
  }
}
