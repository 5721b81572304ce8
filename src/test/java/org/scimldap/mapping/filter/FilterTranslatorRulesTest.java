package org.scimldap.mapping.filter;

import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.scimldap.mapping.filter.FilterTranslatorTest.EXACT;
import static org.scimldap.mapping.filter.FilterTranslatorTest.SUPERSET;
import static org.scimldap.mapping.filter.FilterTranslatorTest.assertTranslation;
import static org.scimldap.mapping.filter.FilterTranslatorTest.translator;
import static org.scimldap.mapping.filter.FilterTranslatorTest.users;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.MappingSpec;

/**
 * Translation of rule shapes the OpenLDAP preset does not use: several rules reading one attribute
 * (the first with a value wins), several sources of email elements, a {@code boolean} transform,
 * and LDAP attributes whose schema says they are single-valued, compare case-exactly or have no
 * substring rule.
 */
class FilterTranslatorRulesTest {
  static final String MAPPING =
      """
      version: 1
      resourceTypes:
        User:
          objectClasses: [top, person, organizationalPerson, inetOrgPerson]
          container: "ou=people,{baseDn}"
          rdn: "uid={userName}"
          attributes:
            - scim: userName
              ldap: uid
            - scim: externalId
              ldap: scimExternalId
            - scim: displayName
              ldap: displayName
            - scim: displayName
              ldap: cn
              direction: toScim
            - scim: nickName
              ldap: labeledURI
            - scim: title
              ldap: badge
            - scim: active
              ldap: accountEnabled
              transform: boolean
            - scim: 'emails[type eq "work"].value'
              ldap: mail
              primary: true
            - scim: emails.value
              ldap: mailAlternateAddress
            - scim: 'emails[type eq "home"].value'
              ldap: homeMail
        Staff:
          schema: urn:ietf:params:scim:schemas:core:2.0:User
          objectClasses: [top, person, organizationalPerson, inetOrgPerson]
          container: "ou=staff,{baseDn}"
          rdn: "uid={userName}"
          attributes:
            - scim: userName
              ldap: uid
            - scim: 'emails[type eq "work"].value'
              ldap: mail
              primary: true
            - scim: emails.value
              ldap: mailAlternateAddress
            - scim: 'emails[primary eq true].value'
              ldap: primaryMail
      """;

  static final MappingSpec SPEC = MappingLoader.parse("rules-test.yaml", MAPPING);

  static Schema schema() throws Exception {
    String string = " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15";
    String ia5 =
        " EQUALITY caseIgnoreIA5Match SUBSTR caseIgnoreIA5SubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.26";
    Schema extra =
        new Schema(
            new Entry(
                "cn=schema",
                new Attribute("objectClass", "top", "subschema"),
                new Attribute(
                    "attributeTypes",
                    "( 1.3.6.1.4.1.32473.1.1 NAME 'accountEnabled' EQUALITY booleanMatch"
                        + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.7 SINGLE-VALUE )",
                    "( 1.3.6.1.4.1.32473.1.2 NAME 'scimExternalId' EQUALITY caseExactMatch"
                        + " SUBSTR caseExactSubstringsMatch"
                        + string
                        + " SINGLE-VALUE )",
                    "( 1.3.6.1.4.1.32473.1.3 NAME 'badge' EQUALITY caseIgnoreMatch"
                        + string
                        + " SINGLE-VALUE )",
                    "( 1.3.6.1.4.1.32473.1.4 NAME 'homeMail'" + ia5 + " )",
                    "( 1.3.6.1.4.1.32473.1.5 NAME 'mailAlternateAddress'" + ia5 + " )")));
    return Schema.mergeSchemas(Schema.getDefaultStandardSchema(), extra);
  }

  static Stream<Arguments> withoutSchema() {
    return Stream.of(
        // displayName is read from displayName, or from cn when displayName is absent.
        arguments(
            "User",
            "displayName eq \"Babs\"",
            users("(|(displayName=Babs)(&(!(displayName=*))(cn=Babs)))"),
            SUPERSET),
        arguments("User", "displayName pr", users("(|(displayName=*)(cn=*))"), EXACT),
        arguments("User", "displayName ne \"Babs\"", users(), SUPERSET),
        // emails.value is read only when no work email was; home emails always.
        arguments(
            "User",
            "emails.value eq \"a@x\"",
            users("(|(mail=a@x)(&(!(mail=*))(mailAlternateAddress=a@x))(homeMail=a@x))"),
            EXACT),
        arguments("User", "emails[type eq \"home\"]", users("(homeMail=*)"), EXACT),
        arguments("User", "emails[type pr]", users("(|(mail=*)(homeMail=*))"), EXACT),
        arguments(
            "User", "emails pr", users("(|(mail=*)(mailAlternateAddress=*)(homeMail=*))"), EXACT),
        arguments(
            "User",
            "not (emails[type eq \"work\" or type eq \"home\"])",
            users("(!(|(mail=*)(homeMail=*)))"),
            EXACT),
        // Whether emails[primary eq true] finds the first work email depends on the entry.
        arguments(
            "Staff",
            "emails.value eq \"a@x\"",
            users("(|(mail=a@x)(&(!(mail=*))(mailAlternateAddress=a@x))(primaryMail=a@x))"),
            SUPERSET),
        // boolean transform: the first value compared with TRUE.
        arguments("User", "active eq true", users("(accountEnabled=TRUE)"), SUPERSET),
        arguments("User", "active eq \"TRUE\"", users("(accountEnabled=TRUE)"), SUPERSET),
        arguments("User", "active eq false", users("(accountEnabled=*)"), SUPERSET),
        arguments("User", "active pr", users("(accountEnabled=*)"), EXACT),
        // externalId in LDAP: caseExact in SCIM, and without a schema assumed case-insensitive.
        arguments("User", "externalId eq \"Abc\"", users("(scimExternalId=Abc)"), SUPERSET),
        arguments("User", "externalId ne \"Abc\"", users(), SUPERSET),
        arguments("User", "nickName eq \"babs\"", users("(labeledURI=babs)"), SUPERSET),
        arguments("User", "title co \"x\"", users("(badge=*x*)"), SUPERSET));
  }

  static Stream<Arguments> withSchema() {
    return Stream.of(
        arguments(
            "User",
            "displayName eq \"Babs\"",
            users("(|(displayName=Babs)(&(!(displayName=*))(cn=Babs)))"),
            SUPERSET),
        arguments("User", "active eq true", users("(accountEnabled=TRUE)"), EXACT),
        arguments(
            "User",
            "active eq false",
            users("(accountEnabled=*)", "(!(accountEnabled=TRUE))"),
            EXACT),
        arguments("User", "active ne true", users("(!(accountEnabled=TRUE))"), EXACT),
        arguments(
            "User",
            "active ne false",
            users("(!(&(accountEnabled=*)(!(accountEnabled=TRUE))))"),
            EXACT),
        arguments("User", "active pr", users("(accountEnabled=*)"), EXACT),
        // caseExact in SCIM and in LDAP, single-valued: exact.
        arguments("User", "externalId eq \"Abc\"", users("(scimExternalId=Abc)"), EXACT),
        arguments("User", "externalId sw \"A\"", users("(scimExternalId=A*)"), EXACT),
        arguments("User", "not (externalId eq \"Abc\")", users("(!(scimExternalId=Abc))"), EXACT),
        // Case-insensitive in SCIM but caseExactMatch in LDAP: (labeledURI=babs) would miss Babs.
        arguments("User", "nickName eq \"babs\"", users("(labeledURI=*)"), SUPERSET),
        // badge has no SUBSTR rule: a substring filter would match nothing.
        arguments("User", "title eq \"x\"", users("(badge=x)"), EXACT),
        arguments("User", "title co \"x\"", users("(badge=*)"), SUPERSET));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("withoutSchema")
  void translatesThroughTheRules(String type, String filter, String expected, boolean exact) {
    assertTranslation(translator(SPEC, type, null), filter, expected, exact);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("withSchema")
  void usesWhatTheDirectorySchemaSays(String type, String filter, String expected, boolean exact)
      throws Exception {
    assertTranslation(translator(SPEC, type, schema()), filter, expected, exact);
  }
}
