package org.scimldap.mapping.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scimldap.scim.filter.PathParser;
import org.scimldap.scim.schema.ResourceSchema;
import org.scimldap.testsupport.Presets;

class ReadRuleIndexTest {
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final ResourceMapping USERS =
      Presets.openLdapRulesOnly().byName("User").orElseThrow();
  private static final ReadRuleIndex INDEX = new ReadRuleIndex(USERS);

  private static ResourceSchema.Resolved resolved(String path) {
    return USERS.schema().resolve(PathParser.parse(path).attribute()).orElseThrow();
  }

  private static List<String> ldapOf(List<AttributeRule> rules) {
    return rules.stream().map(AttributeRule::ldap).toList();
  }

  @Test
  void findsTheRulesOfAnAttributeHoweverItsPathIsWritten() {
    for (String path :
        List.of("title", "TITLE", "urn:ietf:params:scim:schemas:core:2.0:User:title")) {
      assertEquals(List.of("title"), ldapOf(INDEX.of(resolved(path))), path);
    }
    for (String path : List.of("manager.value", ENTERPRISE + ":manager.value", "Manager")) {
      assertEquals(List.of("manager"), ldapOf(INDEX.of(resolved(path))), path);
    }
  }

  @Test
  void givesEveryRuleOfAComplexAttributeInMappingOrderAndNarrowsToASubAttribute() {
    List<AttributeRule> phones = INDEX.of(resolved("phoneNumbers"));
    assertEquals(
        List.of("telephoneNumber", "mobile", "homePhone", "facsimileTelephoneNumber", "pager"),
        ldapOf(phones));
    assertEquals(List.of("street"), ldapOf(INDEX.of(resolved("addresses"), "STREETADDRESS")));
    assertEquals(List.of(), INDEX.of(resolved("addresses"), "country"));
    // Read rules with no sub-attribute of their own, asked for the attribute itself.
    assertEquals(List.of("title"), ldapOf(INDEX.of(resolved("title"), null)));
  }

  @Test
  void knowsNothingOfAttributesNoRuleReads() {
    assertTrue(INDEX.of(resolved("password")).isEmpty(), "password is written, never read");
    assertTrue(INDEX.of(resolved("nickName")).isEmpty());
  }

  @Test
  void namesTheAttributesWhoseRulesGiveReferences() {
    assertEquals(Set.of("manager"), INDEX.referenceNames());
  }

  @Test
  void agreesWithAWalkOverEveryReadRule() {
    for (AttributeRule rule : USERS.readRules()) {
      ResourceSchema.Resolved r =
          USERS.schema().resolve(rule.scim().attribute().parent()).orElseThrow();
      List<AttributeRule> walked =
          USERS.readRules().stream()
              .filter(
                  o ->
                      USERS
                          .schema()
                          .resolve(o.scim().attribute().parent())
                          .filter(x -> x.schema() == r.schema() && x.attribute() == r.attribute())
                          .isPresent())
              .toList();
      assertEquals(walked, INDEX.of(r), rule.scim().toString());
    }
  }
}
