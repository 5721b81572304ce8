package org.scimldap.mapping.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;
import org.scimldap.scim.filter.FilterParser;
import org.scimldap.testsupport.Presets;

/**
 * The filter translation table: SCIM filter in, RFC 4515 string and exactness out, through the
 * bundled OpenLDAP preset. {@code EXACT} rows select exactly the matching resources; {@code
 * SUPERSET} rows select at least them, and the gateway checks each candidate again.
 */
class FilterTranslatorTest {
  static final boolean EXACT = true;
  static final boolean SUPERSET = false;

  static final String BJENSEN = "2819c223-7f76-453a-919d-413861904646";
  static final String BJENSEN_DN = "uid=bjensen,ou=people,dc=example,dc=com";
  static final String MANAGER = "26118915-6090-4610-87e4-49d8ca9f808d";
  static final String MANAGER_DN = "uid=jsmith,ou=people,dc=example,dc=com";
  static final String OTHER = "c4b1a5f2-0d3e-4e2e-9a6e-2f0f6a1d3b77";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String NEVER = "(!(objectClass=*))";

  static final MappingSpec PRESET = Presets.openLdapRulesOnly();
  static final References REFERENCES =
      References.builder()
          .resource(BJENSEN, "User", dn(BJENSEN_DN))
          .resource(MANAGER, "User", dn(MANAGER_DN))
          .build();
  static final Map<String, List<String>> EXTERNAL_IDS =
      Map.of("ext-1", List.of(BJENSEN), "ext-2", List.of(BJENSEN, OTHER));

  static DN dn(String dn) {
    try {
      return new DN(dn);
    } catch (LDAPException e) {
      throw new IllegalArgumentException(dn, e);
    }
  }

  /** The users' entry filter ANDed with {@code parts}. */
  static String users(String... parts) {
    return and("(objectClass=inetOrgPerson)", parts);
  }

  static String groups(String... parts) {
    return and("(objectClass=groupOfNames)", parts);
  }

  private static String and(String entryFilter, String... parts) {
    return parts.length == 0 ? entryFilter : "(&" + String.join("", parts) + entryFilter + ")";
  }

  static FilterTranslator translator(String type) {
    return translator(PRESET, type, null);
  }

  static FilterTranslator translator(MappingSpec spec, String type, Schema schema) {
    EntryMapper mapper =
        EntryMapper.forBase(spec.byName(type).orElseThrow(), "dc=example,dc=com", null);
    FilterTranslator.StoreLookup store = ext -> EXTERNAL_IDS.getOrDefault(ext, List.of());
    return schema == null
        ? new FilterTranslator(mapper, REFERENCES, store)
        : new FilterTranslator(mapper, REFERENCES, store, schema);
  }

  static Stream<Arguments> userFilters() {
    return Stream.of(
        // userName -> uid: uid may hold several values and userName shows the first one.
        arguments("userName eq \"bjensen\"", users("(uid=bjensen)"), SUPERSET),
        arguments("USERNAME Eq \"bjensen\"", users("(uid=bjensen)"), SUPERSET),
        arguments(
            "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"bjensen\"",
            users("(uid=bjensen)"),
            SUPERSET),
        arguments("userName ne \"bjensen\"", users(), SUPERSET),
        arguments("userName co \"jen\"", users("(uid=*jen*)"), SUPERSET),
        arguments("userName sw \"bj\"", users("(uid=bj*)"), SUPERSET),
        arguments("userName ew \"sen\"", users("(uid=*sen)"), SUPERSET),
        arguments("userName pr", users("(uid=*)"), EXACT),
        arguments("userName eq null", users("(!(uid=*))"), EXACT),
        arguments("userName ne null", users("(uid=*)"), EXACT),
        arguments("userName gt \"m\"", users("(uid=*)"), SUPERSET),
        arguments("userName ge \"m\"", users("(uid=*)"), SUPERSET),
        arguments("userName lt \"m\"", users("(uid=*)"), SUPERSET),
        arguments("userName le \"m\"", users("(uid=*)"), SUPERSET),
        arguments("userName eq \"\"", users(NEVER), EXACT),
        arguments("userName co \"\"", users("(uid=*)"), EXACT),
        // RFC 4515 escapes: matched literally, never as filter syntax.
        arguments("userName eq \"a*b\"", users("(uid=a\\2ab)"), SUPERSET),
        arguments("userName co \"x)(uid=*\"", users("(uid=*x\\29\\28uid=\\2a*)"), SUPERSET),
        arguments("userName sw \"*\"", users("(uid=\\2a*)"), SUPERSET),
        arguments("userName eq \"back\\\\slash\"", users("(uid=back\\5cslash)"), SUPERSET),
        arguments("userName eq \"nul\\u0000\"", users("(uid=nul\\00)"), SUPERSET),
        arguments("name.familyName eq \"Müller\"", users("(sn=M\\c3\\bcller)"), SUPERSET),
        arguments(
            "displayName co \"日本\"", users("(displayName=*\\e6\\97\\a5\\e6\\9c\\ac*)"), SUPERSET),
        // name: sn has fallbacks on writes only; reads are from sn alone.
        arguments("name.givenName eq \"Barbara\"", users("(givenName=Barbara)"), SUPERSET),
        arguments("name.familyName eq \"Jensen\"", users("(sn=Jensen)"), SUPERSET),
        arguments("name.familyName ne \"Jensen\"", users(), SUPERSET),
        arguments("name.familyName pr", users("(sn=*)"), EXACT),
        arguments("name pr", users("(|(givenName=*)(sn=*))"), EXACT),
        arguments(
            "name[givenName eq \"Barbara\" and familyName sw \"J\"]",
            users("(|(givenName=*)(sn=*))", "(givenName=Barbara)", "(sn=J*)"),
            SUPERSET),
        arguments("name[givenName pr]", users("(|(givenName=*)(sn=*))", "(givenName=*)"), EXACT),
        // displayName -> displayName (cn is written from it but not read as it).
        arguments("displayName eq \"Babs Jensen\"", users("(displayName=Babs Jensen)"), SUPERSET),
        arguments("displayName sw \"Babs\"", users("(displayName=Babs*)"), SUPERSET),
        arguments("displayName pr", users("(displayName=*)"), EXACT),
        // emails[type eq "work"].value -> mail: every mail value is a work email, all are shown.
        arguments(
            "emails.value eq \"bjensen@example.com\"", users("(mail=bjensen@example.com)"), EXACT),
        arguments("emails eq \"bjensen@example.com\"", users("(mail=bjensen@example.com)"), EXACT),
        arguments(
            "emails.value ne \"bjensen@example.com\"",
            users("(!(mail=bjensen@example.com))"),
            EXACT),
        arguments("emails.value co \"@example.com\"", users("(mail=*@example.com*)"), EXACT),
        arguments("emails.value sw \"bj\"", users("(mail=bj*)"), EXACT),
        arguments("emails.value ew \".com\"", users("(mail=*.com)"), EXACT),
        arguments("emails.value gt \"m\"", users("(mail=*)"), SUPERSET),
        arguments("emails pr", users("(mail=*)"), EXACT),
        arguments("emails.value pr", users("(mail=*)"), EXACT),
        arguments("emails.value eq null", users("(!(mail=*))"), EXACT),
        arguments("emails.type eq \"work\"", users("(mail=*)"), EXACT),
        arguments("emails.type eq \"home\"", users(NEVER), EXACT),
        arguments("emails.type ne \"work\"", users("(!(mail=*))"), EXACT),
        arguments("emails[type eq \"work\"]", users("(mail=*)"), EXACT),
        arguments("emails[type eq \"WORK\"]", users("(mail=*)"), EXACT),
        arguments("emails[type eq \"home\"]", users(NEVER), EXACT),
        arguments(
            "emails[type eq \"work\" and value co \"@example.com\"]",
            users("(mail=*@example.com*)"),
            EXACT),
        arguments("emails[type eq \"home\" and value co \"@example.com\"]", users(NEVER), EXACT),
        arguments("emails[type eq \"work\" or type eq \"home\"]", users("(mail=*)"), EXACT),
        arguments(
            "emails[value eq \"a@x\" or value eq \"b@x\"]",
            users("(|(mail=a@x)(mail=b@x))"),
            EXACT),
        arguments(
            "emails[value sw \"b\" and value ew \".com\"]",
            users("(mail=b*)", "(mail=*.com)"),
            SUPERSET),
        arguments("emails[not (value eq \"a@x\")]", users("(mail=*)"), SUPERSET),
        arguments("emails[value ne \"a@x\"]", users("(mail=*)"), SUPERSET),
        arguments("emails[primary eq true]", users("(mail=*)"), SUPERSET),
        arguments("emails.primary eq true", users("(mail=*)"), SUPERSET),
        arguments(
            "not (emails[type eq \"work\" and value co \"@example.com\"])",
            users("(!(mail=*@example.com*))"),
            EXACT),
        // phoneNumbers: one rule per type; each element comes from one of them.
        arguments(
            "phoneNumbers.value eq \"+15550100\"",
            users(
                "(|(telephoneNumber=+15550100)(mobile=+15550100)(homePhone=+15550100)"
                    + "(facsimileTelephoneNumber=+15550100)(pager=+15550100))"),
            EXACT),
        arguments(
            "phoneNumbers[type eq \"mobile\" and value sw \"+49\"]", users("(mobile=+49*)"), EXACT),
        arguments("phoneNumbers[type eq \"work\"]", users("(telephoneNumber=*)"), EXACT),
        arguments("phoneNumbers.type eq \"fax\"", users("(facsimileTelephoneNumber=*)"), EXACT),
        arguments("phoneNumbers.type eq \"other\"", users(NEVER), EXACT),
        arguments(
            "phoneNumbers pr",
            users(
                "(|(telephoneNumber=*)(mobile=*)(homePhone=*)(facsimileTelephoneNumber=*)"
                    + "(pager=*))"),
            EXACT),
        arguments(
            "phoneNumbers.value ne \"+15550100\"",
            users(
                "(!(|(telephoneNumber=+15550100)(mobile=+15550100)(homePhone=+15550100)"
                    + "(facsimileTelephoneNumber=+15550100)(pager=+15550100)))"),
            EXACT),
        // Other single-valued strings.
        arguments("title eq \"Tour Guide\"", users("(title=Tour Guide)"), SUPERSET),
        arguments("title pr", users("(title=*)"), EXACT),
        arguments("preferredLanguage eq \"en-US\"", users("(preferredLanguage=en-US)"), SUPERSET),
        // Enterprise extension, with and without its URN.
        arguments(
            ENTERPRISE + ":employeeNumber eq \"701984\"",
            users("(employeeNumber=701984)"),
            SUPERSET),
        arguments("employeeNumber eq \"701984\"", users("(employeeNumber=701984)"), SUPERSET),
        arguments(
            "department eq \"Tour Operations\"",
            users("(departmentNumber=Tour Operations)"),
            SUPERSET),
        arguments(ENTERPRISE + ":organization sw \"Uni\"", users("(o=Uni*)"), SUPERSET),
        arguments("division ew \"ion\"", users("(ou=*ion)"), SUPERSET),
        arguments("costCenter pr", users("(businessCategory=*)"), EXACT),
        arguments(
            ENTERPRISE + ":manager.value eq \"" + MANAGER + "\"",
            users("(manager=" + MANAGER_DN + ")"),
            SUPERSET),
        arguments(
            "manager.value eq \"" + MANAGER + "\"",
            users("(manager=" + MANAGER_DN + ")"),
            SUPERSET),
        arguments(
            "manager eq \"" + MANAGER.toUpperCase() + "\"",
            users("(manager=" + MANAGER_DN + ")"),
            SUPERSET),
        arguments("manager.value eq \"no-such-id\"", users(NEVER), EXACT),
        arguments("manager.value ne \"no-such-id\"", users(), EXACT),
        arguments("manager.value ne \"" + MANAGER + "\"", users(), SUPERSET),
        arguments("manager.value pr", users("(manager=*)"), SUPERSET),
        arguments("manager pr", users("(manager=*)"), SUPERSET),
        arguments("manager.value co \"2611\"", users("(manager=*)"), SUPERSET),
        // externalId is kept in the correlation store: eq is looked up there.
        arguments("externalId eq \"ext-1\"", users("(entryUUID=" + BJENSEN + ")"), EXACT),
        arguments(
            "externalId eq \"ext-2\"",
            users("(|(entryUUID=" + BJENSEN + ")(entryUUID=" + OTHER + "))"),
            EXACT),
        arguments("externalId eq \"nobody\"", users(NEVER), EXACT),
        arguments("externalId ne \"ext-1\"", users("(!(entryUUID=" + BJENSEN + "))"), EXACT),
        arguments("externalId co \"ext\"", users(), SUPERSET),
        arguments("externalId pr", users(), SUPERSET),
        // id is entryUUID in lower case, compared case-exactly.
        arguments("id eq \"" + BJENSEN + "\"", users("(entryUUID=" + BJENSEN + ")"), EXACT),
        arguments("id eq \"" + BJENSEN.toUpperCase() + "\"", users(NEVER), EXACT),
        arguments("id eq \"not-a-uuid\"", users(NEVER), EXACT),
        arguments("id ne \"" + BJENSEN + "\"", users("(!(entryUUID=" + BJENSEN + "))"), EXACT),
        arguments("id sw \"2819\"", users("(entryUUID=*)"), SUPERSET),
        arguments("id sw \"ABC\"", users(NEVER), EXACT),
        arguments("id pr", users("(entryUUID=*)"), EXACT),
        // active: true exactly when the ppolicy lock attribute is absent.
        arguments("active eq true", users("(!(pwdAccountLockedTime=*))"), EXACT),
        arguments("active eq false", users("(pwdAccountLockedTime=*)"), EXACT),
        arguments("active ne true", users("(pwdAccountLockedTime=*)"), EXACT),
        arguments("active ne false", users("(!(pwdAccountLockedTime=*))"), EXACT),
        arguments("active eq \"True\"", users("(!(pwdAccountLockedTime=*))"), EXACT),
        arguments("active eq \"false\"", users("(pwdAccountLockedTime=*)"), EXACT),
        arguments("active pr", users(), EXACT),
        arguments("active eq null", users(NEVER), EXACT),
        // meta: not rules; the directory's timestamps and the mapping's type.
        arguments(
            "meta.created eq \"2011-05-13T04:42:34Z\"",
            users("(createTimestamp=20110513044234Z)"),
            EXACT),
        arguments(
            "meta.created ne \"2011-05-13T04:42:34Z\"",
            users("(!(createTimestamp=20110513044234Z))"),
            EXACT),
        arguments(
            "meta.created gt \"2011-05-13T04:42:34Z\"",
            users("(createTimestamp>=20110513044234Z)", "(!(createTimestamp=20110513044234Z))"),
            EXACT),
        arguments(
            "meta.created ge \"2011-05-13T04:42:34Z\"",
            users("(createTimestamp>=20110513044234Z)"),
            EXACT),
        arguments(
            "meta.created lt \"2011-05-13T04:42:34Z\"",
            users("(createTimestamp<=20110513044234Z)", "(!(createTimestamp=20110513044234Z))"),
            EXACT),
        arguments(
            "meta.created le \"2011-05-13T04:42:34Z\"",
            users("(createTimestamp<=20110513044234Z)"),
            EXACT),
        arguments(
            "meta.lastModified gt \"2011-05-13T06:42:34.120+02:00\"",
            users(
                "(modifyTimestamp>=20110513044234.12Z)", "(!(modifyTimestamp=20110513044234.12Z))"),
            EXACT),
        arguments(
            "meta.lastModified le \"2011-05-13T04:42:34\"",
            users("(modifyTimestamp<=20110513044234Z)"),
            EXACT),
        arguments(
            "meta.lastModified ge \"2011-05-13T04:42:34.0001Z\"",
            users("(modifyTimestamp>=20110513044234.0001Z)"),
            SUPERSET),
        arguments("meta.created co \"2011\"", users(), SUPERSET),
        arguments("meta.created pr", users(), EXACT),
        arguments("meta.created eq null", users(NEVER), EXACT),
        arguments("meta pr", users(), EXACT),
        arguments("meta.resourceType eq \"User\"", users(), EXACT),
        arguments("meta.resourceType eq \"Group\"", users(NEVER), EXACT),
        arguments("meta.resourceType eq \"user\"", users(NEVER), EXACT),
        arguments("meta.resourceType ne \"Group\"", users(), EXACT),
        arguments("meta.resourceType sw \"Us\"", users(), EXACT),
        arguments(
            "meta[resourceType eq \"User\" and created ge \"2011-05-13T04:42:34Z\"]",
            users("(createTimestamp>=20110513044234Z)"),
            EXACT),
        arguments("meta.version eq \"W/\\\"abc\\\"\"", users(), SUPERSET),
        arguments("meta.location pr", users(), EXACT),
        // and, or, not
        arguments("userName eq \"a\" or userName eq \"b\"", users("(|(uid=a)(uid=b))"), SUPERSET),
        arguments(
            "title pr and emails.value co \"@example.com\"",
            users("(title=*)", "(mail=*@example.com*)"),
            EXACT),
        arguments("not (title pr)", users("(!(title=*))"), EXACT),
        arguments("not (not (title pr))", users("(title=*)"), EXACT),
        arguments("not (userName eq \"bjensen\")", users(), SUPERSET),
        arguments("not (userName eq \"bjensen\") and title pr", users("(title=*)"), SUPERSET),
        arguments(
            "(title pr or emails pr) and not (active eq false)",
            users("(|(title=*)(mail=*))", "(!(pwdAccountLockedTime=*))"),
            EXACT),
        arguments("emails[type eq \"home\"] or title pr", users("(title=*)"), EXACT),
        arguments("active eq true and meta.resourceType eq \"Group\"", users(NEVER), EXACT));
  }

  static Stream<Arguments> groupFilters() {
    return Stream.of(
        arguments("displayName eq \"Engineering\"", groups("(cn=Engineering)"), SUPERSET),
        arguments("displayName pr", groups("(cn=*)"), EXACT),
        arguments(
            "members.value eq \"" + BJENSEN + "\"", groups("(member=" + BJENSEN_DN + ")"), EXACT),
        arguments(
            "members[value eq \"" + BJENSEN + "\"]", groups("(member=" + BJENSEN_DN + ")"), EXACT),
        arguments("members eq \"" + BJENSEN + "\"", groups("(member=" + BJENSEN_DN + ")"), EXACT),
        arguments(
            "members.value ne \"" + BJENSEN + "\"",
            groups("(!(member=" + BJENSEN_DN + "))"),
            EXACT),
        arguments("members.value eq \"no-such-id\"", groups(NEVER), EXACT),
        arguments(
            "members[value eq \"" + BJENSEN + "\" or value eq \"" + MANAGER + "\"]",
            groups("(|(member=" + BJENSEN_DN + ")(member=" + MANAGER_DN + "))"),
            EXACT),
        arguments("members pr", groups("(member=*)"), SUPERSET),
        arguments("members.type eq \"User\"", groups("(member=*)"), SUPERSET),
        arguments(
            "members[value eq \"" + BJENSEN + "\" and type eq \"User\"]",
            groups("(member=" + BJENSEN_DN + ")"),
            SUPERSET),
        arguments("members.value sw \"2819\"", groups("(member=*)"), SUPERSET),
        arguments("externalId eq \"ext-1\"", groups("(entryUUID=" + BJENSEN + ")"), EXACT),
        arguments("meta.resourceType eq \"Group\"", groups(), EXACT),
        arguments("meta.resourceType eq \"User\"", groups(NEVER), EXACT),
        arguments("id eq \"" + BJENSEN + "\"", groups("(entryUUID=" + BJENSEN + ")"), EXACT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("userFilters")
  void translatesUserFilters(String filter, String expected, boolean exact) {
    assertTranslation(translator("User"), filter, expected, exact);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("groupFilters")
  void translatesGroupFilters(String filter, String expected, boolean exact) {
    assertTranslation(translator("Group"), filter, expected, exact);
  }

  static Stream<Arguments> withDirectorySchema() {
    return Stream.of(
        // displayName, employeeNumber and preferredLanguage are SINGLE-VALUE (RFC 2798).
        arguments("displayName eq \"Babs Jensen\"", users("(displayName=Babs Jensen)"), EXACT),
        arguments("displayName ne \"Babs Jensen\"", users("(!(displayName=Babs Jensen))"), EXACT),
        arguments("employeeNumber sw \"70\"", users("(employeeNumber=70*)"), EXACT),
        arguments("not (preferredLanguage eq \"en\")", users("(!(preferredLanguage=en))"), EXACT),
        // uid is not.
        arguments("userName eq \"bjensen\"", users("(uid=bjensen)"), SUPERSET),
        // Ordering is never pushed down, single value or not.
        arguments("displayName gt \"B\"", users("(displayName=*)"), SUPERSET));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withDirectorySchema")
  void knowsSingleValuedAttributesFromTheDirectorySchema(
      String filter, String expected, boolean exact) throws Exception {
    assertTranslation(
        translator(PRESET, "User", Schema.getDefaultStandardSchema()), filter, expected, exact);
  }

  static Stream<Arguments> badFilters() {
    return Stream.of(
        arguments("User", "password eq \"secret\"", "'password' cannot be filtered"),
        arguments("User", "password pr", "'password' cannot be filtered"),
        arguments("User", "nickName eq \"Babs\"", "'nickName' is not mapped"),
        arguments("User", "name.middleName eq \"J\"", "'name.middleName' is not mapped"),
        arguments("User", "photos.value eq \"x\"", "'photos' is not mapped"),
        arguments("User", "emails.display eq \"x\"", "'emails.display' is not mapped"),
        arguments("User", "emails[display eq \"x\"]", "'emails.display' is not mapped"),
        arguments("User", "phoneNumbers.primary eq true", "'phoneNumbers.primary' is not mapped"),
        arguments("User", "manager.displayName eq \"x\"", "'manager.displayName' is not mapped"),
        arguments("User", "foo eq \"x\"", "Unknown attribute 'foo'"),
        arguments("User", "emails[foo eq \"x\"]", "Unknown attribute 'emails.foo'"),
        arguments(
            "User",
            "urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq \"x\"",
            "Unknown attribute"),
        arguments("User", "name eq \"x\"", "'name' is complex"),
        arguments("User", "userName[value eq \"x\"]", "complex attribute"),
        arguments("User", "userName eq 42", "'userName' is a string"),
        arguments("User", "userName eq true", "'userName' is a string"),
        arguments("User", "title co null", "cannot compare 'title' with null"),
        arguments("User", "active co \"t\"", "'active' is a boolean"),
        arguments("User", "active eq \"yes\"", "'active' is a boolean"),
        arguments("User", "active eq 1", "'active' is a boolean"),
        arguments(
            "User", "meta.created eq \"yesterday\"", "'meta.created' is a dateTime; 'yesterday'"),
        arguments(
            "User", "meta.lastModified gt \"2011-13-45T00:00:00Z\"", "is not an xsd:dateTime"),
        arguments("User", "meta.created gt 2011", "'meta.created' is a dateTime"),
        arguments("User", "meta eq \"x\"", "'meta' is complex"),
        arguments("Group", "userName eq \"x\"", "Unknown attribute 'userName'"),
        arguments("Group", "members.display eq \"x\"", "'members.display' is not mapped"),
        arguments("Group", "members.$ref pr", "'members.$ref' is not mapped"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badFilters")
  void rejectsFiltersThatCannotBeTranslated(String type, String filter, String detail) {
    ScimException e =
        assertThrows(
            ScimException.class, () -> translator(type).translate(FilterParser.parse(filter)));
    assertEquals(400, e.status());
    assertEquals(ScimType.INVALID_FILTER, e.scimType().orElseThrow());
    assertTrue(e.detail().contains(detail), e.detail());
  }

  static void assertTranslation(
      FilterTranslator translator, String filter, String expected, boolean exact) {
    FilterTranslator.Translation t = translator.translate(FilterParser.parse(filter));
    assertEquals(expected, t.ldap().toString(), filter);
    assertEquals(exact, t.exact(), () -> filter + " exact");
  }
}
