package org.scimldap.mapping.filter;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.AttributeRule;
import org.scimldap.mapping.spec.Direction;
import org.scimldap.mapping.spec.GroupsRule;
import org.scimldap.mapping.spec.MembersRule;
import org.scimldap.mapping.spec.ReadRuleIndex;
import org.scimldap.mapping.spec.ResourceMapping;
import org.scimldap.mapping.spec.ValueTransform;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * One way elements of a multi-valued complex attribute come out of an entry, as {@link
 * EntryMapper#toScim} builds them: a rule such as {@code emails[type eq "work"].value → mail} makes
 * one element per {@code mail} value, {@code {"type": "work", "value": <mail>}} (the equality terms
 * of the rule's filter, {@link ScimPath#equalityTerms}), the first of them {@code primary: true}
 * when the rule says so. Group members are the other source: one element {@code {"value": id,
 * "type": resourceType}} per {@code member} DN that names a resource. A user's groups read from its
 * {@code memberOf} are a third: one element {@code {"value": id, "display": name, "type":
 * "direct"}} per group DN, whose display name a filter finds through the groups that have it.
 *
 * @param rule the rule (for members, a synthetic reference rule on the member attribute)
 * @param sub the sub-attribute the LDAP values go to, usually {@code value}
 * @param constants the sub-attributes every element of this source has, with their values
 * @param varying other sub-attributes that differ from element to element ({@code primary} on the
 *     first one, a member's {@code type}); conditions on them cannot be put in LDAP
 * @param display a sub-attribute whose value names the group the LDAP value is, by its display name
 *     ({@code groups.display}); null for other sources
 */
record ElementSource(
    AttributeRule rule, String sub, ObjectNode constants, Set<String> varying, String display) {
  private static final String VALUE = "value";
  private static final String PRIMARY = "primary";

  ElementSource(AttributeRule rule, String sub, ObjectNode constants, Set<String> varying) {
    this(rule, sub, constants, varying, null);
  }

  /** The sources of {@code complex}, in the order the mapper reads them. */
  static List<ElementSource> of(
      ResourceMapping mapping, ReadRuleIndex readRules, ResourceSchema.Resolved complex) {
    List<ElementSource> sources = new ArrayList<>();
    ResourceSchema schema = mapping.schema();
    for (AttributeRule rule : readRules.of(complex)) {
      ScimPath path = rule.scim();
      String sub = path.targetSubAttribute() == null ? VALUE : path.targetSubAttribute();
      ObjectNode constants = path.equalityTerms();
      Set<String> varying = rule.primary() && !constants.has(PRIMARY) ? Set.of(PRIMARY) : Set.of();
      sources.add(new ElementSource(rule, sub, constants, varying));
    }
    if (complex.attribute().name().equals("members") && complex.schema() == schema.core()) {
      mapping.membersRule().ifPresent(m -> sources.add(members(m)));
    }
    if (complex.attribute().name().equals("groups") && complex.schema() == schema.core()) {
      mapping
          .groupsRule()
          .filter(g -> g.from() == GroupsRule.From.MEMBER_OF)
          .ifPresent(g -> sources.add(groups(g)));
    }
    return sources;
  }

  private static ElementSource groups(GroupsRule groups) {
    AttributeRule rule =
        new AttributeRule(
            ScimPath.of(AttributePath.of("groups", VALUE)),
            groups.ldap(),
            AttributeRule.Source.LDAP,
            Direction.TO_SCIM,
            List.of(),
            new ValueTransform.Reference(),
            false,
            groups.origin());
    ObjectNode constants = JsonNodeFactory.instance.objectNode().put("type", "direct");
    return new ElementSource(rule, VALUE, constants, Set.of("display", "$ref"), "display");
  }

  /** Whether {@code name} is the sub-attribute that names a group by its display name. */
  boolean isDisplay(String name) {
    return display != null && display.equalsIgnoreCase(name);
  }

  private static ElementSource members(MembersRule members) {
    AttributeRule rule =
        new AttributeRule(
            ScimPath.of(AttributePath.of("members", VALUE)),
            members.ldap(),
            AttributeRule.Source.LDAP,
            Direction.TO_SCIM,
            List.of(),
            new ValueTransform.Reference(),
            false,
            "members");
    return new ElementSource(rule, VALUE, JsonNodeFactory.instance.objectNode(), Set.of("type"));
  }

  boolean isSub(String name) {
    return sub.equalsIgnoreCase(name);
  }

  boolean varies(String name) {
    return varying.stream().anyMatch(v -> v.equalsIgnoreCase(name));
  }

  /** Whether elements of this source have the sub-attribute {@code name} at all. */
  boolean produces(String name) {
    if (isSub(name) || varies(name)) {
      return true;
    }
    var it = constants.fieldNames();
    while (it.hasNext()) {
      if (it.next().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
