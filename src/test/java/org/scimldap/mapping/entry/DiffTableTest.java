package org.scimldap.mapping.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.scimldap.mapping.entry.MapperFixture.ADMINS_DN;
import static org.scimldap.mapping.entry.MapperFixture.BJENSEN_DN;
import static org.scimldap.mapping.entry.MapperFixture.ENTERPRISE;
import static org.scimldap.mapping.entry.MapperFixture.JSMITH_DN;
import static org.scimldap.mapping.entry.MapperFixture.KJONES_DN;
import static org.scimldap.mapping.entry.MapperFixture.MANAGER;
import static org.scimldap.mapping.entry.MapperFixture.REFS;
import static org.scimldap.mapping.entry.MapperFixture.STAFF_DN;
import static org.scimldap.mapping.entry.MapperFixture.admins;
import static org.scimldap.mapping.entry.MapperFixture.group;
import static org.scimldap.mapping.entry.MapperFixture.json;
import static org.scimldap.mapping.entry.MapperFixture.manager;
import static org.scimldap.mapping.entry.MapperFixture.password;
import static org.scimldap.mapping.entry.MapperFixture.person;
import static org.scimldap.mapping.entry.MapperFixture.render;
import static org.scimldap.mapping.entry.MapperFixture.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Entry;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.mapping.entry.MapperFixture.Mapping;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;

/**
 * The write tables: the modifications {@link EntryMapper#diff} makes of a resource before and after
 * a change, the entry {@link EntryMapper#newEntry} makes of a new resource, and the writes that are
 * refused. References resolve through {@link MapperFixture#REFS}; a password hash reads {@code
 * {SSHA} hash of <password>} when it verifies against the password sent.
 */
class DiffTableTest {

  static final String TITLE = "- {scim: title, ldap: title}";
  static final String EMAILS = "- {scim: emails.value, ldap: mail}";
  static final String WORK_EMAILS = "- {scim: 'emails[type eq \"work\"].value', ldap: mail}";
  static final String PRIMARY_WORK_EMAILS =
      "- {scim: 'emails[type eq \"work\"].value', ldap: mail, primary: true}";
  static final String ACTIVE = "- {scim: active, ldap: accountEnabled, transform: boolean}";
  static final String ACTIVE_YN =
      "- {scim: active, ldap: enabled, transform: {boolean: {true: Y, false: N}}}";
  static final String LOCKED =
      "- {scim: active, ldap: pwdAccountLockedTime, transform: {presentWhenFalse: 000001010000Z}}";
  static final String PASSWORD = "- {scim: password, ldap: userPassword, transform: password}";
  static final String PRE_HASHED_PASSWORD =
      "- {scim: password, ldap: userPassword, transform: {password: {scheme: SSHA, preHashed:"
          + " accept}}}";
  static final String CLEAR_PASSWORD =
      "- {scim: password, ldap: userPassword, transform: {password: NONE}}";
  static final String MANAGER_REF =
      "- {scim: '" + MANAGER + "', ldap: manager, transform: reference}";
  static final String SN = "- {scim: name.familyName, ldap: sn, fallback: [displayName, userName]}";
  static final String CN =
      "- {scim: displayName, ldap: cn, direction: toLdap,"
          + " fallback: ['{name.givenName} {name.familyName}']}";
  static final String WORK_ADDRESS =
      "- {scim: 'addresses[type eq \"work\"].locality', ldap: l}\n"
          + "- {scim: 'addresses[type eq \"work\"].postalCode', ldap: postalCode}";

  static final String MEMBER = "{ldap: member}";
  static final String MEMBER_OR_NOBODY = "{ldap: member, placeholder: 'cn=nobody'}";
  static final boolean MEMBERS = true;
  static final boolean ATTRIBUTES_ONLY = false;

  /** In the refused writes, the "before" of a creation. */
  static final String CREATE = null;

  static List<String> mods(String... rendered) {
    return List.of(rendered);
  }

  static Stream<Arguments> attributeChanges() {
    return Stream.of(
        // text: a change is one replace, no change nothing, removal an empty replace
        arguments(
            user(TITLE), "{'title': 'Boss'}", "{'title': 'Chief'}", mods("replace title: [Chief]")),
        arguments(user(TITLE), "{'title': 'Boss'}", "{'title': 'Boss'}", mods()),
        // the same keys: an attribute's value is its first key's, whatever its case
        arguments(
            user(TITLE),
            "{'TITLE': 'Boss', 'title': 'X', 'userName': 'bjensen'}",
            "{'TITLE': 'Chief', 'title': 'X', 'userName': 'bjensen'}",
            mods("replace title: [Chief]")),
        arguments(
            user(TITLE),
            "{'TITLE': 'Boss', 'title': 'X'}",
            "{'TITLE': 'Boss', 'title': 'Y'}",
            mods()),
        // ... a key beyond ASCII that equals a name ignoring case, as String.equalsIgnoreCase
        // compares (dotless i)
        arguments(
            user(TITLE),
            "{'t\u0131tle': 'Boss'}",
            "{'t\u0131tle': 'Chief'}",
            mods("replace title: [Chief]")),
        // ... an extension's attribute
        arguments(
            user("- {scim: '" + ENTERPRISE + ":employeeNumber', ldap: employeeNumber}"),
            "{'" + ENTERPRISE + "': {'employeeNumber': '1'}, 'userName': 'bjensen'}",
            "{'" + ENTERPRISE + "': {'employeeNumber': '2'}, 'userName': 'bjensen'}",
            mods("replace employeeNumber: [2]")),
        arguments(user(TITLE), "{}", "{'title': 'Boss'}", mods("replace title: [Boss]")),
        arguments(user(TITLE), "{'title': 'Boss'}", "{}", mods("replace title: []")),
        arguments(user(TITLE), "{'title': 'Boss'}", "{'title': null}", mods("replace title: []")),
        arguments(user(TITLE), "{'title': 'Boss'}", "{'title': ''}", mods("replace title: []")),
        // text of a boolean or a number is its JSON text
        arguments(
            user("- {scim: active, ldap: activeText}"),
            "{'active': true}",
            "{'active': false}",
            mods("replace activeText: [false]")),
        // the naming attribute is never in the diff: a new name is a rename
        arguments(user(), "{'userName': 'bjensen'}", "{'userName': 'babs'}", mods()),
        arguments(
            user(TITLE),
            "{'userName': 'bjensen', 'title': 'Boss'}",
            "{'userName': 'babs', 'title': 'Chief'}",
            mods("replace title: [Chief]")),
        // multi-valued: the values as a set, unless the rule is primary
        arguments(
            user(EMAILS),
            "{'emails': [{'value': 'a@x'}, {'value': 'b@x'}]}",
            "{'emails': [{'value': 'b@x'}, {'value': 'a@x'}]}",
            mods()),
        arguments(
            user(EMAILS),
            "{'emails': [{'value': 'a@x'}, {'value': 'b@x'}]}",
            "{'emails': [{'value': 'a@x'}, {'value': 'c@x'}]}",
            mods("replace mail: [a@x, c@x]")),
        arguments(
            user(EMAILS),
            "{'emails': [{'value': 'a@x'}]}",
            "{'emails': [{'value': 'a@x'}, {'value': 'a@x'}]}",
            mods()),
        arguments(
            user(PRIMARY_WORK_EMAILS),
            "{'emails': [{'type': 'work', 'value': 'a@x'}, {'type': 'work', 'value': 'b@x'}]}",
            "{'emails': [{'type': 'work', 'value': 'b@x'}, {'type': 'work', 'value': 'a@x'}]}",
            mods("replace mail: [b@x, a@x]")),
        arguments(
            user(PRIMARY_WORK_EMAILS),
            "{'emails': [{'type': 'work', 'value': 'a@x', 'primary': true},"
                + " {'type': 'work', 'value': 'b@x'}]}",
            "{'emails': [{'type': 'work', 'value': 'a@x'},"
                + " {'type': 'work', 'value': 'b@x', 'primary': true}]}",
            mods("replace mail: [b@x, a@x]")),
        // ... the primary value is first whatever its place in the array
        arguments(
            user(PRIMARY_WORK_EMAILS),
            "{'emails': [{'type': 'work', 'value': 'a@x', 'primary': true},"
                + " {'type': 'work', 'value': 'b@x'}]}",
            "{'emails': [{'type': 'work', 'value': 'b@x'},"
                + " {'type': 'work', 'value': 'a@x', 'primary': true}]}",
            mods()),
        // ... and only a primary rule keeps it: primary moved to another rule's value is lost
        arguments(
            user(PRIMARY_WORK_EMAILS, "- {scim: 'emails[type eq \"home\"].value', ldap: homeMail}"),
            "{'emails': [{'type': 'work', 'value': 'w@x', 'primary': true},"
                + " {'type': 'home', 'value': 'h@x'}]}",
            "{'emails': [{'type': 'work', 'value': 'w@x'},"
                + " {'type': 'home', 'value': 'h@x', 'primary': true}]}",
            mods()),
        // value paths write only the matching elements
        arguments(
            user(WORK_EMAILS),
            "{}",
            "{'emails': [{'type': 'home', 'value': 'h@x'}, {'type': 'work', 'value': 'w@x'}]}",
            mods("replace mail: [w@x]")),
        arguments(
            user(WORK_EMAILS),
            "{'emails': [{'type': 'home', 'value': 'h@x'}, {'type': 'work', 'value': 'w@x'}]}",
            "{'emails': [{'type': 'home', 'value': 'g@x'}, {'type': 'work', 'value': 'w@x'}]}",
            mods()),
        arguments(
            user(WORK_ADDRESS),
            "{'addresses': [{'type': 'work', 'locality': 'Berlin', 'postalCode': '10115'}]}",
            "{'addresses': [{'type': 'work', 'locality': 'Potsdam', 'postalCode': '10115'}]}",
            mods("replace l: [Potsdam]")),
        // direction, store and extension
        arguments(
            user("- {scim: name.formatted, ldap: cn, direction: toScim}"),
            "{'name': {'formatted': 'Barbara Jensen'}}",
            "{'name': {'formatted': 'Babs Jensen'}}",
            mods()),
        arguments(
            user("- {scim: displayName, ldap: cn, direction: toLdap}"),
            "{'displayName': 'Barbara Jensen'}",
            "{'displayName': 'Babs Jensen'}",
            mods("replace cn: [Babs Jensen]")),
        arguments(
            user("- {scim: externalId, store: true}"),
            "{'externalId': 'ext-7'}",
            "{'externalId': 'ext-8'}",
            mods()),
        arguments(
            user("- {scim: '" + ENTERPRISE + ":employeeNumber', ldap: employeeNumber}"),
            "{'" + ENTERPRISE + "': {'employeeNumber': '701984'}}",
            "{'" + ENTERPRISE + "': {'employeeNumber': '701985'}}",
            mods("replace employeeNumber: [701985]")),
        // boolean: written as its texts
        arguments(
            user(ACTIVE),
            "{'active': false}",
            "{'active': true}",
            mods("replace accountEnabled: [TRUE]")),
        arguments(
            user(ACTIVE),
            "{'active': true}",
            "{'active': false}",
            mods("replace accountEnabled: [FALSE]")),
        arguments(user(ACTIVE), "{'active': true}", "{'active': true}", mods()),
        arguments(user(ACTIVE), "{'active': true}", "{'active': 'True'}", mods()),
        arguments(user(ACTIVE), "{'active': true}", "{}", mods("replace accountEnabled: []")),
        arguments(
            user(ACTIVE_YN), "{'active': false}", "{'active': true}", mods("replace enabled: [Y]")),
        arguments(user(ACTIVE_YN), "{}", "{'active': false}", mods("replace enabled: [N]")),
        // presentWhenFalse: the lock is written for false and cleared otherwise
        arguments(
            user(LOCKED),
            "{'active': true}",
            "{'active': false}",
            mods("replace pwdAccountLockedTime: [000001010000Z]")),
        arguments(
            user(LOCKED),
            "{'active': false}",
            "{'active': true}",
            mods("replace pwdAccountLockedTime: []")),
        arguments(
            user(LOCKED), "{'active': false}", "{}", mods("replace pwdAccountLockedTime: []")),
        arguments(user(LOCKED), "{'active': true}", "{}", mods()),
        arguments(user(LOCKED), "{'active': false}", "{'active': false}", mods()),
        // password: hashed; without a password in the change, the stored one stays
        arguments(
            user(PASSWORD),
            "{}",
            "{'password': 'n3w-Secret'}",
            mods("replace userPassword: [{SSHA} hash of n3w-Secret]")),
        arguments(
            user(PASSWORD, TITLE),
            "{'title': 'Boss'}",
            "{'title': 'Chief'}",
            mods("replace title: [Chief]")),
        arguments(
            user(PASSWORD),
            "{}",
            "{'password': '{CRYPT}$6$salt$hash'}",
            mods("replace userPassword: [{SSHA} hash of {CRYPT}$6$salt$hash]")),
        arguments(
            user(PRE_HASHED_PASSWORD),
            "{}",
            "{'password': '{CRYPT}$6$salt$hash'}",
            mods("replace userPassword: [{CRYPT}$6$salt$hash]")),
        arguments(
            user(PRE_HASHED_PASSWORD),
            "{}",
            "{'password': 'n3w-Secret'}",
            mods("replace userPassword: [{SSHA} hash of n3w-Secret]")),
        arguments(
            user(CLEAR_PASSWORD),
            "{}",
            "{'password': 'n3w-Secret'}",
            mods("replace userPassword: [n3w-Secret]")),
        // reference: ids written as the DNs of their resources
        arguments(
            user(MANAGER_REF),
            "{" + manager("id-jsmith") + "}",
            "{" + manager("id-kjones") + "}",
            mods("replace manager: [" + KJONES_DN + "]")),
        arguments(
            user(MANAGER_REF),
            "{}",
            "{" + manager("id-jsmith") + "}",
            mods("replace manager: [" + JSMITH_DN + "]")),
        arguments(
            user(MANAGER_REF),
            "{" + manager("id-jsmith") + "}",
            "{" + manager("id-jsmith") + "}",
            mods()),
        arguments(
            user(MANAGER_REF), "{" + manager("id-jsmith") + "}", "{}", mods("replace manager: []")),
        // fallback: the rule's own path first, then each fallback in order
        arguments(
            user(SN),
            "{'name': {'familyName': 'Jensen'}}",
            "{'displayName': 'Babs'}",
            mods("replace sn: [Babs]")),
        arguments(
            user(SN),
            "{'name': {'familyName': 'Jensen'}}",
            "{'userName': 'bjensen'}",
            mods("replace sn: [bjensen]")),
        arguments(
            user(SN),
            "{'displayName': 'Babs'}",
            "{'displayName': 'Babs', 'name': {'familyName': 'Jensen'}}",
            mods("replace sn: [Jensen]")),
        arguments(
            user(SN),
            "{'displayName': 'Babs'}",
            "{'displayName': 'Babs', 'userName': 'bjensen'}",
            mods()),
        // ... a template gives a value only when every part has one
        arguments(
            user(CN),
            "{}",
            "{'name': {'givenName': 'Barbara', 'familyName': 'Jensen'}}",
            mods("replace cn: [Barbara Jensen]")),
        arguments(
            user(CN),
            "{'displayName': 'Babs'}",
            "{'name': {'givenName': 'Barbara'}}",
            mods("replace cn: []")),
        arguments(
            user(CN),
            "{'displayName': 'Babs'}",
            "{'name': {'givenName': 'Barbara', 'familyName': ' '}}",
            mods("replace cn: []")));
  }

  @ParameterizedTest(name = "[{index}] {0} | {1} -> {2}")
  @MethodSource("attributeChanges")
  void diffReplacesEachChangedAttribute(
      Mapping mapping, String before, String after, List<String> expected) {
    ObjectNode changed = json(after);
    List<String> actual =
        render(
            mapping.mapper().diff(json(before), changed, person(), REFS, MEMBERS),
            password(changed));
    assertEquals(expected, actual);
  }

  static Stream<Arguments> memberChanges() {
    return Stream.of(
        // members are added and deleted by value, never replaced
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: " + JSMITH_DN),
            members("id-jsmith"),
            members("id-jsmith", "id-kjones"),
            MEMBERS,
            mods("add member: [" + KJONES_DN + "]")),
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: " + JSMITH_DN),
            members("id-jsmith"),
            members("id-jsmith", "id-kjones", "id-staff", "id-kjones"),
            MEMBERS,
            mods("add member: [" + KJONES_DN + ", " + STAFF_DN + "]")),
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: " + JSMITH_DN, "member: " + KJONES_DN),
            members("id-jsmith", "id-kjones"),
            members("id-jsmith"),
            MEMBERS,
            mods("delete member: [" + KJONES_DN + "]")),
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: " + JSMITH_DN),
            members("id-jsmith"),
            members("id-kjones"),
            MEMBERS,
            mods("add member: [" + KJONES_DN + "]", "delete member: [" + JSMITH_DN + "]")),
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: " + JSMITH_DN),
            members("id-jsmith"),
            members("id-jsmith"),
            MEMBERS,
            mods()),
        // the last member leaving: the placeholder is added first
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: " + JSMITH_DN),
            members("id-jsmith"),
            members(),
            MEMBERS,
            mods("add member: [cn=nobody]", "delete member: [" + JSMITH_DN + "]")),
        arguments(
            group(MEMBER),
            admins("member: " + JSMITH_DN),
            members("id-jsmith"),
            members(),
            MEMBERS,
            mods("delete member: [" + JSMITH_DN + "]")),
        // ... unless a member SCIM does not show stays
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: " + JSMITH_DN, "member: uid=gone,ou=people,dc=example,dc=com"),
            members("id-jsmith"),
            members(),
            MEMBERS,
            mods("delete member: [" + JSMITH_DN + "]")),
        // the first member arriving: the placeholder is deleted last
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: cn=nobody"),
            members(),
            members("id-jsmith"),
            MEMBERS,
            mods("add member: [" + JSMITH_DN + "]", "delete member: [cn=nobody]")),
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: CN=Nobody"),
            members(),
            members("id-jsmith"),
            MEMBERS,
            mods("add member: [" + JSMITH_DN + "]", "delete member: [cn=nobody]")),
        arguments(
            group(MEMBER),
            admins(),
            members(),
            members("id-jsmith"),
            MEMBERS,
            mods("add member: [" + JSMITH_DN + "]")),
        // an empty group keeps its placeholder, and one found without any value gets it
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: cn=nobody"),
            members(),
            members(),
            MEMBERS,
            mods()),
        arguments(
            group(MEMBER_OR_NOBODY),
            admins(),
            members(),
            members(),
            MEMBERS,
            mods("add member: [cn=nobody]")),
        // a placeholder left beside real members is cleaned up by the next diff
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: cn=nobody", "member: " + JSMITH_DN),
            members("id-jsmith"),
            members("id-jsmith"),
            MEMBERS,
            mods("delete member: [cn=nobody]")),
        // a removed id that resolves to no entry has nothing to delete
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: " + JSMITH_DN),
            members("id-jsmith", "id-gone"),
            members("id-jsmith"),
            MEMBERS,
            mods()),
        // without members, membership is left to the caller; other attributes still change
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: " + JSMITH_DN),
            members("id-jsmith"),
            members(),
            ATTRIBUTES_ONLY,
            mods()),
        arguments(
            group(MEMBER_OR_NOBODY, "- {scim: externalId, ldap: description}"),
            admins("member: " + JSMITH_DN),
            "{'displayName': 'admins', 'externalId': 'a-1', 'members': [{'value': 'id-jsmith'}]}",
            "{'displayName': 'admins', 'externalId': 'a-2', 'members': []}",
            ATTRIBUTES_ONLY,
            mods("replace description: [a-2]")));
  }

  @ParameterizedTest(name = "[{index}] {0} | {1} | {2} -> {3}, members: {4}")
  @MethodSource("memberChanges")
  void diffAddsAndDeletesMemberValuesWithoutReplacingTheList(
      Mapping mapping,
      Entry current,
      String before,
      String after,
      boolean members,
      List<String> expected) {
    List<String> actual =
        render(mapping.mapper().diff(json(before), json(after), current, REFS, members), null);
    assertEquals(expected, actual);
  }

  /** The group admins with members of these ids, as JSON. */
  static String members(String... ids) {
    return Arrays.stream(ids)
        .map(id -> "{'value': '" + id + "'}")
        .collect(Collectors.joining(", ", "{'displayName': 'admins', 'members': [", "]}"));
  }

  static Stream<Arguments> newEntries() {
    return Stream.of(
        arguments(user(), "{'userName': 'bjensen'}", ldif(BJENSEN_DN, "uid: bjensen")),
        // the naming value is escaped in the DN, kept as it is in the attribute
        arguments(
            user(),
            "{'userName': 'b,jensen+1'}",
            ldif("uid=b\\,jensen\\+1,ou=people,dc=example,dc=com", "uid: b,jensen+1")),
        arguments(
            user(TITLE),
            "{'userName': 'bjensen', 'title': 'Boss'}",
            ldif(BJENSEN_DN, "uid: bjensen", "title: Boss")),
        arguments(
            user(TITLE), "{'userName': 'bjensen', 'title': ''}", ldif(BJENSEN_DN, "uid: bjensen")),
        arguments(
            user(EMAILS),
            "{'userName': 'bjensen', 'emails': [{'value': 'a@x'}, {'value': 'b@x'},"
                + " {'value': 'a@x'}]}",
            ldif(BJENSEN_DN, "uid: bjensen", "mail: a@x", "mail: b@x")),
        arguments(
            user(PRIMARY_WORK_EMAILS),
            "{'userName': 'bjensen', 'emails': [{'type': 'work', 'value': 'a@x'},"
                + " {'type': 'home', 'value': 'h@x'},"
                + " {'type': 'work', 'value': 'b@x', 'primary': true}]}",
            ldif(BJENSEN_DN, "uid: bjensen", "mail: b@x", "mail: a@x")),
        arguments(
            user(WORK_ADDRESS),
            "{'userName': 'bjensen', 'addresses': [{'type': 'home', 'locality': 'Potsdam'},"
                + " {'type': 'work', 'locality': 'Berlin', 'postalCode': '10115'}]}",
            ldif(BJENSEN_DN, "uid: bjensen", "l: Berlin", "postalCode: 10115")),
        arguments(
            user(ACTIVE),
            "{'userName': 'bjensen', 'active': true}",
            ldif(BJENSEN_DN, "uid: bjensen", "accountEnabled: TRUE")),
        arguments(
            user(ACTIVE_YN),
            "{'userName': 'bjensen', 'active': false}",
            ldif(BJENSEN_DN, "uid: bjensen", "enabled: N")),
        arguments(
            user(LOCKED),
            "{'userName': 'bjensen', 'active': false}",
            ldif(BJENSEN_DN, "uid: bjensen", "pwdAccountLockedTime: 000001010000Z")),
        arguments(
            user(LOCKED),
            "{'userName': 'bjensen', 'active': true}",
            ldif(BJENSEN_DN, "uid: bjensen")),
        arguments(user(LOCKED), "{'userName': 'bjensen'}", ldif(BJENSEN_DN, "uid: bjensen")),
        arguments(
            user(PASSWORD),
            "{'userName': 'bjensen', 'password': 's3cret'}",
            ldif(BJENSEN_DN, "uid: bjensen", "userPassword: {SSHA} hash of s3cret")),
        arguments(
            user(CLEAR_PASSWORD),
            "{'userName': 'bjensen', 'password': 's3cret'}",
            ldif(BJENSEN_DN, "uid: bjensen", "userPassword: s3cret")),
        arguments(
            user(MANAGER_REF),
            "{'userName': 'bjensen', " + manager("id-jsmith") + "}",
            ldif(BJENSEN_DN, "uid: bjensen", "manager: " + JSMITH_DN)),
        arguments(
            user(SN, CN),
            "{'userName': 'bjensen', 'name': {'givenName': 'Barbara', 'familyName': 'Jensen'}}",
            ldif(BJENSEN_DN, "uid: bjensen", "sn: Jensen", "cn: Barbara Jensen")),
        arguments(
            user(SN, CN),
            "{'userName': 'bjensen', 'name': {'givenName': 'Barbara'}}",
            ldif(BJENSEN_DN, "uid: bjensen", "sn: bjensen")),
        arguments(
            user(
                "- {scim: name.formatted, ldap: cn, direction: toScim}",
                "- {scim: externalId, store: true}"),
            "{'userName': 'bjensen', 'externalId': 'ext-7', 'name': {'formatted': 'B J'}}",
            ldif(BJENSEN_DN, "uid: bjensen")),
        arguments(
            user("- {scim: '" + ENTERPRISE + ":employeeNumber', ldap: employeeNumber}"),
            "{'userName': 'bjensen', '" + ENTERPRISE + "': {'employeeNumber': '701984'}}",
            ldif(BJENSEN_DN, "uid: bjensen", "employeeNumber: 701984")),
        // groups: members as DNs; an empty group holds the placeholder, if there is one
        arguments(
            group(MEMBER_OR_NOBODY),
            "{'displayName': 'admins', 'members': [{'value': 'id-jsmith'},"
                + " {'value': 'id-staff'}, {'value': 'id-jsmith'}]}",
            ldif(ADMINS_DN, "cn: admins", "member: " + JSMITH_DN, "member: " + STAFF_DN)),
        arguments(
            group(MEMBER_OR_NOBODY),
            "{'displayName': 'admins', 'members': []}",
            ldif(ADMINS_DN, "cn: admins", "member: cn=nobody")),
        arguments(group(MEMBER), "{'displayName': 'admins'}", ldif(ADMINS_DN, "cn: admins")));
  }

  static List<String> ldif(String dn, String... lines) {
    return render(MapperFixture.entry(dn, lines), null);
  }

  @ParameterizedTest(name = "[{index}] {0} | {1} -> {2}")
  @MethodSource("newEntries")
  void newEntryHoldsTheMappedValues(Mapping mapping, String resource, List<String> expected) {
    ObjectNode created = json(resource);
    Entry entry = mapping.mapper().newEntry(created, REFS);
    assertEquals(
        mapping.mapper().mapping().objectClasses(),
        Arrays.asList(entry.getObjectClassValues()),
        "object classes");
    entry.removeAttribute("objectClass");
    assertEquals(expected, render(entry, password(created)));
  }

  static Stream<Arguments> refusedWrites() {
    return Stream.of(
        arguments(
            user(MANAGER_REF),
            CREATE,
            "{'userName': 'bjensen', " + manager("id-ghost") + "}",
            "'" + MANAGER + "' refers to 'id-ghost', which is not a known id"),
        arguments(
            user(MANAGER_REF),
            "{}",
            "{" + manager("id-ghost") + "}",
            "'" + MANAGER + "' refers to 'id-ghost', which is not a known id"),
        arguments(
            user(TITLE),
            CREATE,
            "{'title': 'Boss'}",
            "Attribute 'userName' is required for a User"),
        arguments(
            user(ACTIVE),
            "{'active': true}",
            "{'active': 'maybe'}",
            "Expected a boolean, got 'maybe'"),
        arguments(
            user(LOCKED),
            "{'active': true}",
            "{'active': 'maybe'}",
            "Expected a boolean, got 'maybe'"),
        arguments(
            group(MEMBER_OR_NOBODY),
            CREATE,
            "{'displayName': 'admins', 'members': [{'value': 'id-ghost'}]}",
            "members: no User or Group has the id 'id-ghost'"),
        arguments(
            group(MEMBER_OR_NOBODY),
            "{'displayName': 'admins'}",
            "{'displayName': 'admins', 'members': [{'value': 'id-ghost'}]}",
            "members: no User or Group has the id 'id-ghost'"),
        arguments(
            group(MEMBER_OR_NOBODY),
            "{'displayName': 'admins'}",
            "{'displayName': 'admins', 'members': [{'value': 'id-admins'}]}",
            "members: a group cannot be a member of itself ('id-admins')"));
  }

  /** Rows that {@code CREATE} go through {@code newEntry}, the others through {@code diff}. */
  @ParameterizedTest(name = "[{index}] {0} | {1} -> {2}: {3}")
  @MethodSource("refusedWrites")
  void writesTheMappingCannotCarryAreInvalidValues(
      Mapping mapping, String before, String after, String detail) {
    EntryMapper mapper = mapping.mapper();
    Entry current = mapper.mapping().name().equals("Group") ? admins() : person();
    ScimException e =
        assertThrows(
            ScimException.class,
            () -> {
              if (before == CREATE) {
                mapper.newEntry(json(after), REFS);
              } else {
                mapper.diff(json(before), json(after), current, REFS, MEMBERS);
              }
            });
    assertEquals(400, e.status());
    assertEquals(ScimType.INVALID_VALUE, e.scimType().orElseThrow());
    assertEquals(detail, e.detail());
  }
}
