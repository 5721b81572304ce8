package org.scimldap.mapping.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scimldap.config.ConfigException;
import org.scimldap.mapping.spec.DnTemplates;
import org.scimldap.mapping.spec.Placement;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.scim.ScimException;

/**
 * Where one resource type's entries live, as DNs under the configured base DN: the container a
 * resource goes to (chosen by a rule, or the one container), the search base that covers them all,
 * and the leavers' container that a retained DELETE moves entries to. Pure: it reads resources,
 * never the directory.
 */
public final class Containers {

  /**
   * One container.
   *
   * @param dn its DN
   * @param origin where the mapping file names it ({@code file:line:column}); empty when the
   *     configuration ({@code ldap.containers}) does
   * @param value the SCIM value that chooses it; null for the default or only container
   */
  public record Container(DN dn, String origin, String value) {}

  private final ResourceMapping mapping;
  private final Placement placement;
  private final List<Container> all;
  private final DN searchBase;
  private final Optional<DN> leavers;

  private Containers(
      ResourceMapping mapping,
      Placement placement,
      List<Container> all,
      DN searchBase,
      Optional<DN> leavers) {
    this.mapping = mapping;
    this.placement = placement;
    this.all = List.copyOf(all);
    this.searchBase = searchBase;
    this.leavers = leavers;
  }

  /**
   * The containers of {@code mapping} under {@code baseDn}. An {@code override} (the type's {@code
   * ldap.containers} setting) replaces the placement with one container, which is then also the
   * search base unless the file names one.
   *
   * @throws ConfigException when a DN is invalid, or a container lies outside the search base (or
   *     the leavers' container inside it) once the base DN is known
   */
  public static Containers resolve(ResourceMapping mapping, String baseDn, String override) {
    Placement placement = mapping.placement();
    try {
      List<Container> all = new ArrayList<>();
      if (override != null) {
        placement = Placement.fixed(override, "");
        all.add(new Container(new DN(override), "", null));
      } else {
        for (Placement.Target t : placement.targets()) {
          all.add(new Container(DnTemplates.resolve(t.template(), baseDn), t.origin(), t.value()));
        }
      }
      boolean derived =
          mapping.placement().defaultSearchBase().map(mapping.searchBase()::equals).orElse(false);
      DN searchBase =
          override != null && derived
              ? all.get(0).dn()
              : DnTemplates.resolve(mapping.searchBase(), baseDn);
      Optional<DN> leavers = Optional.empty();
      if (mapping.delete().leavers().isPresent()) {
        leavers = Optional.of(DnTemplates.resolve(mapping.delete().leavers().get(), baseDn));
      }
      Containers containers = new Containers(mapping, placement, all, searchBase, leavers);
      if (override == null) {
        containers.check();
      }
      return containers;
    } catch (LDAPException e) {
      throw new ConfigException(
          "Invalid container for " + mapping.name() + ": " + e.getMessage(), e);
    }
  }

  /** What the mapping file could not check before the base DN was known. */
  private void check() {
    for (Container c : all) {
      if (!c.dn().isDescendantOf(searchBase, true)) {
        throw new ConfigException(
            c.origin()
                + ": the container '"
                + c.dn()
                + "' of "
                + mapping.name()
                + " is outside its search base '"
                + searchBase
                + "'; entries placed there would never be found");
      }
    }
    leavers
        .filter(l -> l.isDescendantOf(searchBase, true))
        .ifPresent(
            l -> {
              throw new ConfigException(
                  mapping.delete().origin()
                      + ": the leavers' container '"
                      + l
                      + "' of "
                      + mapping.name()
                      + " is inside its search base '"
                      + searchBase
                      + "'; a leaver there would still be found");
            });
  }

  /** Every container, in the order of the mapping file; the default (if any) last. */
  public List<Container> all() {
    return all;
  }

  /** Where existing entries of the type are searched for. */
  public DN searchBase() {
    return searchBase;
  }

  /** Where a retained DELETE moves entries to, when the type keeps leavers. */
  public Optional<DN> leavers() {
    return leavers;
  }

  /** The container a new resource goes to; 400 when the rule has none for its value. */
  public DN forNew(ObjectNode resource) {
    return placed(resource).orElseThrow(() -> unplaceable(resource));
  }

  /**
   * The container an entry moves to when a write turns {@code before} into {@code after}: only when
   * the rule's outcome changed and the entry is not there already ({@code parent}); 400 when the
   * rule has no container for the new value.
   */
  public Optional<DN> moveTo(ObjectNode before, ObjectNode after, DN parent) {
    if (placement.rule().isEmpty()) {
      return Optional.empty();
    }
    Optional<DN> now = placed(after);
    if (now.equals(placed(before))) {
      return Optional.empty();
    }
    DN target = now.orElseThrow(() -> unplaceable(after));
    return target.equals(parent) ? Optional.empty() : Optional.of(target);
  }

  /** The container the placement gives a resource; empty when a rule has none for its value. */
  private Optional<DN> placed(ObjectNode resource) {
    String value = ruleValue(resource);
    return placement
        .targetFor(value)
        .flatMap(t -> all.stream().filter(c -> sameTarget(c, t)).map(Container::dn).findFirst());
  }

  private static boolean sameTarget(Container c, Placement.Target t) {
    return c.value() == null ? t.isDefault() : c.value().equals(t.value());
  }

  /** The first non-blank value of the rule's path in {@code resource}; null when there is none. */
  private String ruleValue(ObjectNode resource) {
    if (placement.rule().isEmpty()) {
      return null;
    }
    for (JsonNode v : ScimValues.select(resource, placement.rule().get(), mapping.schema())) {
      if (v.isValueNode() && !v.asText().isBlank()) {
        return v.asText();
      }
    }
    return null;
  }

  private ScimException unplaceable(ObjectNode resource) {
    String value = ruleValue(resource);
    List<String> listed =
        placement.targets().stream()
            .filter(t -> !t.isDefault())
            .map(t -> "'" + t.value() + "'")
            .toList();
    return ScimException.invalidValue(
        "The mapping places a "
            + mapping.name()
            + " by '"
            + placement.rule().orElseThrow()
            + "' only when it is one of "
            + String.join(", ", listed)
            + (value == null ? ", and it has no value" : ", not '" + value + "'"));
  }
}
