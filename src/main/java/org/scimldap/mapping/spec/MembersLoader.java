package org.scimldap.mapping.spec;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code members} section of a group-like resource type, each key on its own. */
final class MembersLoader {
  private MembersLoader() {}

  /**
   * The members rule at {@code node}; empty when it has a problem, which is in {@code problems}.
   */
  static Optional<MembersRule> members(YamlNode node, Problems problems) {
    int before = problems.count();
    problems.addAll(node.unknownKeys(Set.of("ldap", "placeholder")));
    if (!node.isMap()) {
      return Optional.empty();
    }
    Optional<String> ldap =
        problems.attempt(
            () -> {
              YamlNode n = node.require("ldap");
              RuleLoader.checkLdapAttribute(n, n.text());
              return n.text();
            });
    Optional<DN> placeholder =
        node.get("placeholder").flatMap(p -> problems.attempt(() -> placeholder(p)));
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new MembersRule(ldap.orElseThrow(), placeholder.orElse(null)));
  }

  private static DN placeholder(YamlNode node) {
    try {
      return new DN(node.text());
    } catch (LDAPException e) {
      throw node.error("placeholder is not a valid DN: " + e.getMessage());
    }
  }
}
