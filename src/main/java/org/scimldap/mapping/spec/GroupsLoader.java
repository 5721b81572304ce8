package org.scimldap.mapping.spec;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Reads the {@code groups} section of a resource type: {@code {from: members}} or {@code {from:
 * memberOf}}, with an optional {@code type} (the group resource type, {@code Group} by default)
 * and, for {@code memberOf}, an optional {@code attribute} (the entry's attribute of group DNs,
 * {@code memberOf} by default).
 */
final class GroupsLoader {
  private static final Set<String> KEYS = Set.of("from", "type", "attribute");

  private GroupsLoader() {}

  /** The groups rule at {@code node}; empty when it has a problem, which is in {@code problems}. */
  static Optional<GroupsRule> groups(
      YamlNode node, Optional<ResourceSchema> schema, Problems problems) {
    int before = problems.count();
    problems.addAll(node.unknownKeys(KEYS));
    if (!node.isMap()) {
      return Optional.empty();
    }
    schema.ifPresent(s -> problems.check(() -> requireGroupsAttribute(node, s)));
    Optional<GroupsRule.From> from = problems.attempt(() -> from(node.require("from")));
    Optional<String> type =
        problems.attempt(() -> node.get("type").map(YamlNode::text).orElse("Group"));
    Optional<String> attribute = from.flatMap(f -> problems.attempt(() -> attribute(node, f)));
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new GroupsRule(from.get(), attribute.get(), type.get(), node.where()));
  }

  /**
   * Checks, with all the types' sections at hand, that {@code type} names a resource type of the
   * mapping and, for {@code from: members}, one with a {@code members} section.
   */
  static void checkGroupType(YamlNode node, Map<String, YamlNode> types, Problems problems) {
    problems.check(
        () -> {
          if (!node.isMap()) {
            return;
          }
          YamlNode typeNode = node.get("type").orElse(node);
          String type = node.get("type").map(YamlNode::text).orElse("Group");
          YamlNode group = types.get(type);
          if (group == null) {
            throw typeNode.error(
                "groups are resources of type '"
                    + type
                    + "', which this mapping does not have; name it with 'type:'",
                Suggestions.hint(type, types.keySet()));
          }
          boolean fromMembers = node.get("from").map(f -> f.text().equals("members")).orElse(false);
          if (fromMembers && (!group.isMap() || group.get("members").isEmpty())) {
            throw typeNode.error(
                "groups from members need a 'members' section in resource type '" + type + "'");
          }
        });
  }

  private static void requireGroupsAttribute(YamlNode node, ResourceSchema schema) {
    boolean has =
        schema
            .resolve(AttributePath.of("groups"))
            .filter(r -> r.schema() == schema.core() && r.attribute().isComplex())
            .isPresent();
    if (!has) {
      throw node.error(
          "resource type '"
              + schema.name()
              + "' has no 'groups' attribute in its schema (User has one)");
    }
  }

  private static GroupsRule.From from(YamlNode node) {
    return switch (node.text()) {
      case "memberOf" -> GroupsRule.From.MEMBER_OF;
      case "members" -> GroupsRule.From.MEMBERS;
      default ->
          throw node.error(
              "groups come from memberOf (the entry's attribute of group DNs) or members (the"
                  + " group type's member attribute), got '"
                  + node.text()
                  + "'");
    };
  }

  private static String attribute(YamlNode node, GroupsRule.From from) {
    Optional<YamlNode> attribute = node.get("attribute");
    if (from == GroupsRule.From.MEMBERS) {
      if (attribute.isPresent()) {
        throw attribute
            .get()
            .error("with from: members, the group type's members section names the attribute");
      }
      return "";
    }
    if (attribute.isEmpty()) {
      return "memberOf";
    }
    RuleLoader.checkLdapAttribute(attribute.get(), attribute.get().text());
    return attribute.get().text();
  }
}
