package org.scimldap.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The timers of one metric, one per combination of its tag values, each registered once: recording
 * a request or an operation then costs a map look-up, not a meter built and looked up in the
 * registry. The tag values come from bounded sets (resource types, methods, statuses, operations,
 * outcomes), so the map stays small.
 */
final class Timers {
  private final String name;
  private final String description;
  private final List<String> tagKeys;
  private final MeterRegistry registry;
  private final ConcurrentMap<List<String>, Timer> timers = new ConcurrentHashMap<>();

  Timers(String name, String description, MeterRegistry registry, String... tagKeys) {
    this.name = name;
    this.description = description;
    this.registry = registry;
    this.tagKeys = List.of(tagKeys);
  }

  /** The timer with these tag values, in the order of the tag keys. */
  Timer with(String... tagValues) {
    return timers.computeIfAbsent(List.of(tagValues), this::register);
  }

  private Timer register(List<String> values) {
    Timer.Builder builder = GatewayMetrics.timer(name, description);
    for (int i = 0; i < tagKeys.size(); i++) {
      builder.tag(tagKeys.get(i), values.get(i));
    }
    return builder.register(registry);
  }
}
