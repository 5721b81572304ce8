package org.scimldap.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each configuration value came from, by dotted key path ({@code http.port}, {@code
 * ldap.urls[1]}): a file position ({@code config/gateway.yaml:9:3}) or an environment variable. A
 * key with no entry of its own is described by its nearest ancestor that has one, then by the
 * fallback (the file as a whole, or the defaults).
 */
final class ValueSources {
  private final Map<String, String> sources = new HashMap<>();
  private final String fallback;

  ValueSources(String fallback) {
    this.fallback = fallback;
  }

  /** Records where the value at {@code key} came from. */
  void put(String key, String source) {
    sources.put(key, source);
  }

  /** Records that the value at {@code key} and everything under it came from {@code source}. */
  void replace(String key, String source) {
    sources.keySet().removeIf(k -> k.startsWith(key + ".") || k.startsWith(key + "["));
    sources.put(key, source);
  }

  /** Where the value at {@code key} came from. */
  String of(String key) {
    String k = key;
    while (!k.isEmpty()) {
      String source = sources.get(k);
      if (source != null) {
        return source;
      }
      k = k.substring(0, Math.max(0, Math.max(k.lastIndexOf('.'), k.lastIndexOf('['))));
    }
    return fallback;
  }
}
