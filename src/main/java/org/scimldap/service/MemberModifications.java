package org.scimldap.service;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.scimldap.ldap.DnStrings;
import org.scimldap.mapping.entry.GroupMembers;
import org.scimldap.mapping.entry.GroupPlaceholder;
import org.scimldap.mapping.entry.References;
import org.scimldap.mapping.spec.MembersRule;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.schema.ValueLimit;

/**
 * Turns membership changes into LDAP modifications of single member values, sent with the
 * Permissive Modify control so that adding a present member or removing an absent one is not an
 * error. The placeholder member leaves with the first real member ({@link GroupPlaceholder}).
 */
final class MemberModifications {
  /** The most member values one PATCH may name: each costs directory look-ups. */
  static final int MAX_VALUES = ValueLimit.MAX;

  private final MembersRule rule;
  private final GroupPlaceholder placeholder;
  private final References refs;
  private final Predicate<DN> isMember;
  private final DN group;

  /**
   * @param refs the member ids of the changes, resolved
   * @param isMember tells whether a DN is a member now; adds of members and removes of non-members
   *     are left out, so a PATCH that changes nothing writes nothing
   */
  MemberModifications(MembersRule rule, References refs, DN group, Predicate<DN> isMember) {
    this.rule = rule;
    this.placeholder = new GroupPlaceholder(rule);
    this.group = group;
    this.refs = refs;
    this.isMember = isMember;
  }

  /** Fails with 400 tooMany when the changes name more member values than one PATCH may. */
  static void checkSize(List<MemberPatch.Change> changes) {
    int values = changes.stream().mapToInt(c -> c.ids().size()).sum();
    if (values > MAX_VALUES) {
      throw ScimException.tooMany(
          "A PATCH may change at most " + MAX_VALUES + " members; this one names " + values);
    }
  }

  /**
   * The modifications for these changes: single-value adds and deletes, leaving out members already
   * there and non-members; the placeholder leaves with the first real member. A replace of all
   * members is given as the removes and adds it stands for ({@link MemberPatch#withoutReplaceAll}).
   */
  List<Modification> of(List<MemberPatch.Change> changes) {
    if (changes.stream().anyMatch(c -> c instanceof MemberPatch.Change.ReplaceAll)) {
      throw new IllegalArgumentException("a replace of all members is spelled out first");
    }
    List<Modification> mods = new ArrayList<>();
    Map<DN, Boolean> now = new HashMap<>();
    Predicate<DN> member = dn -> now.computeIfAbsent(dn, isMember::test);
    Set<DN> addedDns = new LinkedHashSet<>();
    for (MemberPatch.Change change : changes) {
      boolean adding = change instanceof MemberPatch.Change.Add;
      List<DN> dns = new ArrayList<>();
      for (String id : change.ids()) {
        Optional<DN> dn =
            adding ? Optional.of(GroupMembers.member(id, refs, group)) : refs.dnOf(id);
        if (dn.isPresent() && member.test(dn.get()) != adding && !dns.contains(dn.get())) {
          dns.add(dn.get());
          now.put(dn.get(), adding);
        }
      }
      if (!dns.isEmpty()) {
        mods.add(
            new Modification(
                adding ? ModificationType.ADD : ModificationType.DELETE,
                rule.ldap(),
                dns.stream().map(DnStrings::of).toArray(String[]::new)));
        if (adding) {
          addedDns.addAll(dns);
        }
      }
    }
    boolean someoneAdded = addedDns.stream().anyMatch(now::get);
    if (someoneAdded) {
      placeholder
          .leaveOnceFilled(placeholder.dn().map(member::test).orElse(false))
          .ifPresent(mods::add);
    }
    return mods;
  }
}
