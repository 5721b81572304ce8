package org.scimldap.mapping.entry;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.scimldap.ldap.DnStrings;
import org.scimldap.mapping.spec.MembersRule;

/**
 * The one owner of the empty-group rule. Object classes such as {@code groupOfNames} require at
 * least one {@code member}, so while a group has no real member its member attribute holds a
 * placeholder DN (e.g. {@code cn=nobody}) that SCIM never shows: it comes with the group's last
 * real member leaving and goes with the first one arriving. Where the mapping names no placeholder
 * (object classes that allow empty groups), every method here leaves the values alone.
 */
public final class GroupPlaceholder {
  private final String attribute;
  private final DN placeholder;

  public GroupPlaceholder(MembersRule rule) {
    this.attribute = rule.ldap();
    this.placeholder = rule.placeholder();
  }

  /** The placeholder DN, when the mapping has one. */
  public Optional<DN> dn() {
    return Optional.ofNullable(placeholder);
  }

  /** True when {@code member} is the placeholder, which is no member over SCIM. */
  public boolean is(DN member) {
    return placeholder != null && placeholder.equals(member);
  }

  /** True when the member value {@code value} is the placeholder. */
  public boolean isValue(String value) {
    return placeholder != null && parses(value).map(placeholder::equals).orElse(false);
  }

  /** The member values of a new group: its members, or the placeholder when it has none. */
  public List<String> newGroupValues(Collection<DN> members) {
    List<String> values = new ArrayList<>();
    members.forEach(dn -> values.add(DnStrings.of(dn)));
    if (values.isEmpty() && placeholder != null) {
      values.add(placeholder.toString());
    }
    return values;
  }

  /**
   * Single-value adds and deletes for a group whose member values are {@code current}: the
   * placeholder is added first when the change leaves no real member, and deleted last when it
   * leaves some and the placeholder is there.
   */
  public List<Modification> change(String[] current, List<DN> added, List<DN> removed) {
    boolean present = false;
    int real = 0;
    for (String v : current == null ? new String[0] : current) {
      if (isValue(v)) {
        present = true;
      } else {
        real++;
      }
    }
    int remaining = real - removed.size() + added.size();
    List<Modification> mods = new ArrayList<>();
    if (placeholder != null && remaining <= 0 && !present) {
      mods.add(add());
    }
    if (!added.isEmpty()) {
      mods.add(values(ModificationType.ADD, added));
    }
    if (!removed.isEmpty()) {
      mods.add(values(ModificationType.DELETE, removed));
    }
    if (placeholder != null && remaining > 0 && present) {
      mods.add(delete());
    }
    return mods;
  }

  /**
   * The delete of the placeholder once a real member has been added, when {@code isMember} says it
   * is there.
   */
  public Optional<Modification> leaveOnceFilled(boolean placeholderIsMember) {
    return placeholder != null && placeholderIsMember ? Optional.of(delete()) : Optional.empty();
  }

  /**
   * The modification that keeps the group valid when a change turns out to leave it without a real
   * member (the directory refuses an empty {@code groupOfNames}): sent again with this in front.
   */
  public Optional<Modification> refill() {
    return placeholder == null ? Optional.empty() : Optional.of(add());
  }

  /**
   * The modifications that take {@code gone} out of a member list whose values are {@code current};
   * the placeholder takes its place when it was the only value.
   */
  public List<Modification> removal(String[] current, DN gone) {
    List<Modification> mods = new ArrayList<>();
    if (placeholder != null && current != null && current.length == 1) {
      mods.add(add());
    }
    mods.add(new Modification(ModificationType.DELETE, attribute, DnStrings.of(gone)));
    return mods;
  }

  private Modification add() {
    return new Modification(ModificationType.ADD, attribute, placeholder.toString());
  }

  private Modification delete() {
    return new Modification(ModificationType.DELETE, attribute, placeholder.toString());
  }

  private Modification values(ModificationType type, List<DN> dns) {
    return new Modification(
        type, attribute, dns.stream().map(DnStrings::of).toArray(String[]::new));
  }

  private static Optional<DN> parses(String value) {
    try {
      return Optional.of(new DN(value));
    } catch (LDAPException e) {
      return Optional.empty();
    }
  }
}
