package org.scimldap.mapping.spec;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.scimldap.scim.path.ScimPath;

/**
 * Where new entries of a resource type go: one container, or a container chosen by the value of a
 * SCIM attribute ({@code container: {by: …, values: {…}, default: …}}). A change of that value
 * moves the entry (modify DN with a new superior, RFC 4511 §4.9).
 *
 * @param by the SCIM path whose value chooses the container; null for one container
 * @param targets the containers: for a rule, one per listed value and the default (if any) last;
 *     otherwise the one container, as its default
 */
public record Placement(ScimPath by, List<Target> targets) {

  /**
   * One container of a placement.
   *
   * @param value the SCIM value that chooses it (compared ignoring case); null for the default
   * @param template its DN template, e.g. {@code ou=Sales,ou=people,{baseDn}}
   * @param origin file, line and column of the template, for messages
   */
  public record Target(String value, String template, String origin) {
    public Target {
      Objects.requireNonNull(template);
      Objects.requireNonNull(origin);
    }

    public boolean isDefault() {
      return value == null;
    }
  }

  public Placement {
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("a placement needs a container");
    }
  }

  /** One container for every entry. */
  public static Placement fixed(String template, String origin) {
    return new Placement(null, List.of(new Target(null, template, origin)));
  }

  /** The SCIM path that chooses the container, when a rule does. */
  public Optional<ScimPath> rule() {
    return Optional.ofNullable(by);
  }

  /** The container for values no rule lists, or for every entry without a rule. */
  public Optional<Target> fallback() {
    return targets.stream().filter(Target::isDefault).findFirst();
  }

  /** The container for {@code value} (null: no value): the one listed for it, else the default. */
  public Optional<Target> targetFor(String value) {
    if (value != null) {
      String key = value.toLowerCase(Locale.ROOT);
      for (Target t : targets) {
        if (!t.isDefault() && t.value().toLowerCase(Locale.ROOT).equals(key)) {
          return Optional.of(t);
        }
      }
    }
    return fallback();
  }

  /**
   * The search base when the file names none: the one container, or the closest entry above every
   * container of a rule; empty when they have none in common below the root.
   */
  public Optional<String> defaultSearchBase() {
    return by == null
        ? Optional.of(targets.get(0).template())
        : DnTemplates.commonAncestor(templates());
  }

  /** Every container template, in the order of the file. */
  public List<String> templates() {
    return targets.stream().map(Target::template).toList();
  }
}
