package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.patch.PatchRequestParser;
import org.scimldap.testsupport.Presets;
import org.scimldap.testsupport.Slapd;
import org.scimldap.testsupport.SlapdExtension;

/**
 * What OpenLDAP's memberof overlay changes in a user's entry ({@code memberOf}) leaves its {@code
 * entryCSN} as it was, so a PATCH that starts from the entry as the gateway last wrote it cannot
 * rely on the change marker alone for what depends on memberOf.
 */
@ExtendWith(SlapdExtension.class)
class RememberedEntriesOnSlapdTest {
  private static final String ADMINS = "cn=admins,ou=groups,dc=example,dc=com";
  private static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";
  private static final String STAFF = "cn=staff,ou=groups,dc=example,dc=com";

  @TempDir Path data;
  private final ObjectMapper json = new ObjectMapper();

  /** Users who are administrators are not resources of the type (the type's filter says so). */
  @Test
  void aUserWhoBecameAnAdministratorMeanwhileIsNotFound(Slapd slapd) throws Exception {
    try (ServiceFixture fixture =
            fixture(
                slapd,
                "filter: \"(objectClass=inetOrgPerson)\"",
                "filter: \"(&(objectClass=inetOrgPerson)(!(memberOf=cn=admins,ou=groups,"
                    + "{baseDn})))\"");
        LDAPConnection admin = slapd.connect()) {
      String id = alice(fixture);
      String csn = admin.getEntry(ALICE, "entryCSN").getAttributeValue("entryCSN");
      admin.add("dn: " + ADMINS, "objectClass: groupOfNames", "cn: admins", "member: " + ALICE);
      assertEquals(
          ADMINS, admin.getEntry(ALICE, "memberOf").getAttributeValue("memberOf"), "memberof");
      assertEquals(
          csn,
          admin.getEntry(ALICE, "entryCSN").getAttributeValue("entryCSN"),
          "memberOf changed without the change marker");

      ScimException e =
          assertThrows(
              ScimException.class,
              () ->
                  fixture.users.patch(
                      id,
                      PatchRequestParser.parse(
                          body(
                              """
                              {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                               "Operations":[{"op":"replace","path":"active","value":false}]}""")),
                      Optional.empty(),
                      true,
                      false));
      assertEquals(404, e.status());
      assertEquals(
          null,
          admin.getEntry(ALICE, "pwdAccountLockedTime").getAttributeValue("pwdAccountLockedTime"),
          "the administrator's account is not locked");
      admin.delete(ADMINS);
    }
  }

  /** With groups read from memberOf, the answer to a PATCH shows the groups the user is in now. */
  @Test
  void theAnswerShowsTheGroupsTheUserIsInNow(Slapd slapd) throws Exception {
    try (ServiceFixture fixture =
            fixture(slapd, "groups: {from: members}", "groups: {from: memberOf}");
        LDAPConnection admin = slapd.connect()) {
      String id = alice(fixture);
      admin.add("dn: " + STAFF, "objectClass: groupOfNames", "cn: staff", "member: " + ALICE);

      ObjectNode after =
          fixture
              .users
              .patch(
                  id,
                  PatchRequestParser.parse(
                      body(
                          """
                          {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                           "Operations":[{"op":"replace","path":"title","value":"Reader"}]}""")),
                  Optional.empty(),
                  true,
                  false)
              .resource()
              .orElseThrow()
              .body();

      assertEquals("Reader", after.path("title").asText());
      assertEquals(
          "staff", after.path("groups").path(0).path("display").asText(), after.toString());
      admin.delete(STAFF);
    }
  }

  /**
   * slapd reads an entry back after a write (Post-Read) as a search finds it: a GET after the
   * gateway's own create and PATCH answers with their text.
   */
  @Test
  void aReadAfterTheGatewaysOwnWritesReusesTheirAnswers(Slapd slapd) throws Exception {
    try (ServiceFixture fixture =
        fixture(slapd, "groups: {from: members}", "groups: {from: memberOf}")) {
      String id = alice(fixture);
      long before = fixture.users.presented().reused();
      fixture.users.get(id, true);
      assertEquals(before + 1, fixture.users.presented().reused(), "after the create");
      fixture.users.patch(
          id,
          PatchRequestParser.parse(
              body(
                  """
                  {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                   "Operations":[{"op":"replace","path":"active","value":false},
                                 {"op":"replace","path":"title","value":"Reader"}]}""")),
          Optional.empty(),
          true,
          true);
      assertEquals("Reader", fixture.users.get(id, true).body().path("title").asText());
      assertEquals(before + 2, fixture.users.presented().reused(), "after the PATCH");
      fixture.users.delete(id, Optional.empty());
    }
  }

  /**
   * The service layer on {@code slapd}, with the OpenLDAP preset saying {@code to}, not {@code
   * from}.
   */
  private ServiceFixture fixture(Slapd slapd, String from, String to) {
    List<EntryMapper> mappers =
        MappingLoader.parse("openldap.yaml (" + to + ")", Presets.openLdapWith(from, to))
            .resources()
            .stream()
            .map(r -> EntryMapper.forBase(r, slapd.baseDn(), null))
            .toList();
    return new ServiceFixture(data, slapd.url(), slapd.adminDn(), slapd.adminPassword(), mappers);
  }

  /** Creates alice through the service; her id. */
  private String alice(ServiceFixture fixture) throws Exception {
    return fixture
        .users
        .create(body("{\"userName\":\"alice\",\"name\":{\"familyName\":\"Liddell\"}}"))
        .body()
        .path("id")
        .asText();
  }

  private ObjectNode body(String text) throws Exception {
    return (ObjectNode) json.readTree(text);
  }
}
