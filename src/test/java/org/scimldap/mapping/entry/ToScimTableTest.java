package org.scimldap.mapping.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.scimldap.mapping.entry.MapperFixture.CORE_USER;
import static org.scimldap.mapping.entry.MapperFixture.ENTERPRISE;
import static org.scimldap.mapping.entry.MapperFixture.JSMITH_DN;
import static org.scimldap.mapping.entry.MapperFixture.KJONES_DN;
import static org.scimldap.mapping.entry.MapperFixture.MANAGER;
import static org.scimldap.mapping.entry.MapperFixture.REFS;
import static org.scimldap.mapping.entry.MapperFixture.STAFF_DN;
import static org.scimldap.mapping.entry.MapperFixture.admins;
import static org.scimldap.mapping.entry.MapperFixture.group;
import static org.scimldap.mapping.entry.MapperFixture.json;
import static org.scimldap.mapping.entry.MapperFixture.person;
import static org.scimldap.mapping.entry.MapperFixture.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Entry;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.mapping.entry.MapperFixture.Mapping;

/**
 * The read table: a mapping rule, an entry, and the SCIM resource {@link EntryMapper#toScim} makes
 * of it. Expected JSON shows the mapped attributes; {@code id} is checked on every row, and {@code
 * schemas} is shown only where it lists more than the core schema. Every read uses the id {@code
 * id-bjensen}, the stored externalId {@code ext-7} and {@link MapperFixture#REFS}.
 */
class ToScimTableTest {
  static final String WITH_ENTERPRISE =
      "'schemas': ['" + CORE_USER + "', '" + ENTERPRISE + "'], '" + ENTERPRISE + "'";
  static final String MEMBER = "{ldap: member}";
  static final String MEMBER_OR_NOBODY = "{ldap: member, placeholder: 'cn=nobody'}";

  static Stream<Arguments> reads() {
    return Stream.of(
        // text: strings as they are
        arguments(user("- {scim: title, ldap: title}"), person("title: Boss"), "{'title': 'Boss'}"),
        arguments(user("- {scim: title, ldap: title}"), person(), "{}"),
        // a single-valued SCIM attribute shows the first of several LDAP values
        arguments(
            user("- {scim: title, ldap: title}"),
            person("title: Boss", "title: Chief"),
            "{'title': 'Boss'}"),
        arguments(
            user(
                "- {scim: name.givenName, ldap: givenName}", "- {scim: name.familyName, ldap: sn}"),
            person("givenName: Barbara", "sn: Jensen"),
            "{'name': {'givenName': 'Barbara', 'familyName': 'Jensen'}}"),
        // attribute names are compared without case, as LDAP compares them (RFC 4512 §2.5)
        arguments(
            user("- {scim: name.givenName, ldap: givenname}", "- {scim: title, ldap: TITLE}"),
            person("givenName: Barbara", "Title: Boss"),
            "{'name': {'givenName': 'Barbara'}, 'title': 'Boss'}"),
        // a multi-valued SCIM attribute shows every value, in order
        arguments(
            user("- {scim: emails.value, ldap: mail}"),
            person("mail: b@y", "mail: a@x"),
            "{'emails': [{'value': 'b@y'}, {'value': 'a@x'}]}"),
        // rules reading one SCIM attribute: the first that has a value wins
        arguments(
            user(
                "- {scim: displayName, ldap: displayName}",
                "- {scim: displayName, ldap: cn, direction: toScim}"),
            person("cn: Barbara Jensen"),
            "{'displayName': 'Barbara Jensen'}"),
        arguments(
            user(
                "- {scim: displayName, ldap: displayName}",
                "- {scim: displayName, ldap: cn, direction: toScim}"),
            person("cn: Barbara Jensen", "displayName: Babs"),
            "{'displayName': 'Babs'}"),
        // boolean: TRUE/FALSE by default, compared without case; one value read
        arguments(
            user("- {scim: active, ldap: accountEnabled, transform: boolean}"),
            person("accountEnabled: TRUE"),
            "{'active': true}"),
        arguments(
            user("- {scim: active, ldap: accountEnabled, transform: boolean}"),
            person("accountEnabled: FALSE"),
            "{'active': false}"),
        arguments(
            user("- {scim: active, ldap: accountEnabled, transform: boolean}"),
            person("accountEnabled: true"),
            "{'active': true}"),
        arguments(
            user("- {scim: active, ldap: accountEnabled, transform: boolean}"),
            person("accountEnabled: FALSE", "accountEnabled: TRUE"),
            "{'active': false}"),
        arguments(
            user("- {scim: active, ldap: accountEnabled, transform: boolean}"), person(), "{}"),
        // boolean with its own texts: only the true text is true
        arguments(
            user("- {scim: active, ldap: enabled, transform: {boolean: {true: Y, false: N}}}"),
            person("enabled: Y"),
            "{'active': true}"),
        arguments(
            user("- {scim: active, ldap: enabled, transform: {boolean: {true: Y, false: N}}}"),
            person("enabled: y"),
            "{'active': true}"),
        arguments(
            user("- {scim: active, ldap: enabled, transform: {boolean: {true: Y, false: N}}}"),
            person("enabled: N"),
            "{'active': false}"),
        arguments(
            user("- {scim: active, ldap: enabled, transform: {boolean: {true: Y, false: N}}}"),
            person("enabled: TRUE"),
            "{'active': false}"),
        // presentWhenFalse: a ppolicy lock (any value of it) is inactive, no lock is active
        arguments(
            user(
                "- {scim: active, ldap: pwdAccountLockedTime,"
                    + " transform: {presentWhenFalse: 000001010000Z}}"),
            person("pwdAccountLockedTime: 000001010000Z"),
            "{'active': false}"),
        arguments(
            user(
                "- {scim: active, ldap: pwdAccountLockedTime,"
                    + " transform: {presentWhenFalse: 000001010000Z}}"),
            person("pwdAccountLockedTime: 20240301120000Z"),
            "{'active': false}"),
        arguments(
            user(
                "- {scim: active, ldap: pwdAccountLockedTime,"
                    + " transform: {presentWhenFalse: 000001010000Z}}"),
            person(),
            "{'active': true}"),
        // password: never read, whatever the scheme or direction written
        arguments(
            user("- {scim: password, ldap: userPassword, transform: password}"),
            person("userPassword: {SSHA}3jTuMuCjzxOfK4MCNMTjYxrAXmF2Q7ZOyE8tZQ=="),
            "{}"),
        arguments(
            user("- {scim: password, ldap: userPassword, transform: {password: NONE}}"),
            person("userPassword: s3cret"),
            "{}"),
        arguments(
            user("- {scim: password, ldap: userPassword, transform: password, direction: both}"),
            person("userPassword: s3cret"),
            "{}"),
        // reference: a DN shows as the id of the resource it names (DNs compare as names)
        arguments(
            user("- {scim: '" + MANAGER + "', ldap: manager, transform: reference}"),
            person("manager: " + JSMITH_DN),
            "{" + WITH_ENTERPRISE + ": {'manager': {'value': 'id-jsmith'}}}"),
        arguments(
            user("- {scim: '" + MANAGER + "', ldap: manager, transform: reference}"),
            person("manager: UID=JSmith, OU=People, DC=Example, DC=Com"),
            "{" + WITH_ENTERPRISE + ": {'manager': {'value': 'id-jsmith'}}}"),
        // ... a DN no resource has, or a value that is no DN, is left out (and so the extension)
        arguments(
            user("- {scim: '" + MANAGER + "', ldap: manager, transform: reference}"),
            person("manager: uid=gone,ou=people,dc=example,dc=com"),
            "{}"),
        arguments(
            user("- {scim: '" + MANAGER + "', ldap: manager, transform: reference}"),
            person("manager: Jane Smith"),
            "{}"),
        arguments(
            user("- {scim: '" + MANAGER + "', ldap: manager, transform: reference}"),
            person("manager: uid=gone,ou=people,dc=example,dc=com", "manager: " + KJONES_DN),
            "{" + WITH_ENTERPRISE + ": {'manager': {'value': 'id-kjones'}}}"),
        // value paths: each value is an element carrying the filter's equality terms
        arguments(
            user("- {scim: 'emails[type eq \"work\"].value', ldap: mail}"),
            person("mail: a@x", "mail: b@y"),
            "{'emails': [{'type': 'work', 'value': 'a@x'}, {'type': 'work', 'value': 'b@y'}]}"),
        arguments(
            user("- {scim: 'phoneNumbers[type eq \"work\" and display pr].value', ldap: phone}"),
            person("phone: +1 555 0100"),
            "{'phoneNumbers': [{'type': 'work', 'value': '+1 555 0100'}]}"),
        arguments(
            user(
                "- {scim: 'emails[type eq \"work\"].value', ldap: mail}",
                "- {scim: 'emails[type eq \"home\"].value', ldap: homeMail}"),
            person("homeMail: h@x", "mail: w@x"),
            "{'emails': [{'type': 'work', 'value': 'w@x'}, {'type': 'home', 'value': 'h@x'}]}"),
        // primary: the first value of the rule is the primary one
        arguments(
            user("- {scim: 'emails[type eq \"work\"].value', ldap: mail, primary: true}"),
            person("mail: a@x", "mail: b@y"),
            "{'emails': [{'type': 'work', 'value': 'a@x', 'primary': true},"
                + " {'type': 'work', 'value': 'b@y'}]}"),
        arguments(
            user(
                "- {scim: 'emails[type eq \"home\"].value', ldap: homeMail}",
                "- {scim: 'emails[type eq \"work\"].value', ldap: mail, primary: true}"),
            person("homeMail: h@x", "mail: w@x"),
            "{'emails': [{'type': 'home', 'value': 'h@x'},"
                + " {'type': 'work', 'value': 'w@x', 'primary': true}]}"),
        // Reported: a rule whose filter says primary copies primary: true into every element it
        // makes, so two values are two primaries, which RFC 7643 section 2.4 rules out.
        arguments(
            user("- {scim: 'emails[primary eq true].value', ldap: primaryMail}"),
            person("primaryMail: a@x", "primaryMail: b@x"),
            "{'emails': [{'primary': true, 'value': 'a@x'}, {'primary': true, 'value': 'b@x'}]}"),
        // two rules filling sub-attributes of one element
        arguments(
            user(
                "- {scim: 'addresses[type eq \"work\"].locality', ldap: l}",
                "- {scim: 'addresses[type eq \"work\"].postalCode', ldap: postalCode}"),
            person("l: Berlin", "postalCode: 10115"),
            "{'addresses': [{'type': 'work', 'locality': 'Berlin', 'postalCode': '10115'}]}"),
        arguments(
            user(
                "- {scim: 'addresses[type eq \"work\"].locality', ldap: l}",
                "- {scim: 'addresses[type eq \"work\"].postalCode', ldap: postalCode}"),
            person("postalCode: 10115"),
            "{'addresses': [{'type': 'work', 'postalCode': '10115'}]}"),
        arguments(
            user(
                "- {scim: 'addresses[type eq \"work\"].locality', ldap: l}",
                "- {scim: 'addresses[type eq \"home\"].locality', ldap: homeLocality}"),
            person("l: Berlin", "homeLocality: Potsdam"),
            "{'addresses': [{'type': 'work', 'locality': 'Berlin'},"
                + " {'type': 'home', 'locality': 'Potsdam'}]}"),
        // direction
        arguments(
            user("- {scim: displayName, ldap: cn, direction: toLdap}"),
            person("cn: Barbara Jensen"),
            "{}"),
        arguments(
            user("- {scim: name.formatted, ldap: cn, direction: toScim}"),
            person("cn: Barbara Jensen"),
            "{'name': {'formatted': 'Barbara Jensen'}}"),
        // externalId: from the correlation store, never from the entry
        arguments(
            user("- {scim: externalId, store: true}"),
            person("employeeNumber: 42"),
            "{'externalId': 'ext-7'}"),
        arguments(user("- {scim: title, ldap: title}"), person(), "{}"),
        // the enterprise extension: its attributes under its URN, listed in schemas when present
        arguments(
            user("- {scim: '" + ENTERPRISE + ":employeeNumber', ldap: employeeNumber}"),
            person("employeeNumber: 701984"),
            "{" + WITH_ENTERPRISE + ": {'employeeNumber': '701984'}}"),
        arguments(
            user(
                "- {scim: '" + ENTERPRISE + ":employeeNumber', ldap: employeeNumber}",
                "- {scim: title, ldap: title}"),
            person("title: Boss"),
            "{'title': 'Boss'}"),
        // the naming attribute is read like any other
        arguments(user(), person("uid: bjensen"), "{'userName': 'bjensen'}"),
        // members: each DN that names a resource, with its type; others left out
        arguments(
            group(MEMBER),
            admins("member: " + JSMITH_DN, "member: " + STAFF_DN),
            "{'members': [{'value': 'id-jsmith', 'type': 'User'},"
                + " {'value': 'id-staff', 'type': 'Group'}]}"),
        arguments(
            group(MEMBER),
            admins(
                "member: uid=gone,ou=people,dc=example,dc=com",
                "member: not a dn",
                "member: " + KJONES_DN),
            "{'members': [{'value': 'id-kjones', 'type': 'User'}]}"),
        // no members: no members attribute (an empty array is no value)
        arguments(group(MEMBER), admins(), "{}"),
        arguments(group(MEMBER), admins("cn: admins"), "{'displayName': 'admins'}"),
        // the placeholder is never a member
        arguments(group(MEMBER_OR_NOBODY), admins("member: cn=nobody"), "{}"),
        arguments(group(MEMBER_OR_NOBODY), admins("member: CN=Nobody"), "{}"),
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: cn=nobody", "member: " + JSMITH_DN),
            "{'members': [{'value': 'id-jsmith', 'type': 'User'}]}"));
  }

  @ParameterizedTest(name = "[{index}] {0} | {1} -> {2}")
  @MethodSource("reads")
  void readsEntryAsScim(Mapping mapping, Entry entry, String expected) {
    ObjectNode resource = mapping.mapper().toScim(entry, "id-bjensen", "ext-7", REFS, true);
    assertEquals(json(expected), mappedPart(mapping, resource, "id-bjensen"));
  }

  @Test
  void withoutAStoredExternalIdTheStoreRuleShowsNothing() {
    Mapping mapping = user("- {scim: externalId, store: true}");
    ObjectNode resource = mapping.mapper().toScim(person(), "id-bjensen", null, REFS, false);
    assertEquals(json("{}"), mappedPart(mapping, resource, "id-bjensen"));
  }

  @Test
  void membersAreLeftOutUnlessAskedFor() {
    Mapping mapping = group(MEMBER);
    ObjectNode resource =
        mapping.mapper().toScim(admins("member: " + JSMITH_DN), "id-admins", null, REFS, false);
    assertEquals(json("{}"), mappedPart(mapping, resource, "id-admins"));
  }

  /**
   * The resource without its {@code id} (which must be {@code id}), and without {@code schemas}
   * when it lists the core schema alone.
   */
  private static JsonNode mappedPart(Mapping mapping, ObjectNode resource, String id) {
    ObjectNode part = resource.deepCopy();
    assertEquals(id, part.remove("id").asText());
    String core = mapping.mapper().mapping().schema().core().id();
    if (part.get("schemas").equals(JsonNodeFactory.instance.arrayNode().add(core))) {
      part.remove("schemas");
    }
    return part;
  }
}
