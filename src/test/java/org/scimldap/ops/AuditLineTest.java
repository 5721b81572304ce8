package org.scimldap.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which of a request's directory writes is the resource's own, and what its line says. */
class AuditLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DN ANN = dn("uid=ann,ou=people,dc=example,dc=com");
  private static final DN LEFT = dn("uid=ann,ou=leavers,dc=example,dc=com");
  private static final DN ANNA = dn("uid=anna,ou=people,dc=example,dc=com");
  private static final DN STAFF = dn("cn=staff,ou=groups,dc=example,dc=com");

  /** (operation, writes, expected dn, expected attributes). */
  static Stream<Arguments> lines() {
    LdapWrite memberRemoved = LdapWrite.of("modify", STAFF, List.of("member"));
    return Stream.of(
        Arguments.of(
            "create",
            List.of(LdapWrite.of("add", ANN, List.of("uid", "userPassword"))),
            ANN.toString(),
            List.of("uid", "userPassword")),
        Arguments.of(
            "delete",
            List.of(memberRemoved, LdapWrite.of("delete", ANN, List.of())),
            ANN.toString(),
            List.of()),
        Arguments.of(
            "delete",
            List.of(memberRemoved, new LdapWrite("move", ANN, LEFT, List.of("uid"))),
            LEFT.toString(),
            List.of("uid")),
        Arguments.of(
            "patch",
            List.of(
                new LdapWrite("rename", ANN, ANNA, List.of("uid")),
                LdapWrite.of("modify", ANNA, List.of("title")),
                LdapWrite.of("modify", STAFF, List.of("member"))),
            ANNA.toString(),
            List.of("uid", "title")),
        Arguments.of(
            "replace",
            List.of(
                LdapWrite.of("modify", ANN, List.of("title")),
                LdapWrite.of("modify", ANN, List.of("title", "mail"))),
            ANN.toString(),
            List.of("title", "mail")),
        Arguments.of("patch", List.of(), "", List.of()));
  }

  @ParameterizedTest
  @MethodSource("lines")
  void namesTheResourcesOwnEntryAndEveryChange(
      String operation, List<LdapWrite> writes, String dn, List<String> attributes)
      throws Exception {
    WriteRequest request =
        new WriteRequest(operation, "Users", "id-1", 200, "req-1", "default", "10.0.0.7");
    JsonNode line =
        JSON.readTree(AuditTrail.line(request, writes, Instant.parse("2026-01-02T03:04:05Z")));
    assertEquals("2026-01-02T03:04:05Z", line.path("time").asText());
    assertEquals(operation, line.path("operation").asText());
    assertEquals("id-1", line.path("id").asText());
    assertEquals("req-1", line.path("requestId").asText());
    assertEquals("10.0.0.7", line.path("source").asText());
    assertEquals(dn, line.path("dn").asText());
    assertEquals(attributes, JSON.convertValue(line.path("attributes"), List.class));
    assertEquals(writes.size(), line.path("changes").size());
    for (int i = 0; i < writes.size(); i++) {
      assertEquals(writes.get(i).operation(), line.path("changes").get(i).path("ldap").asText());
      JsonNode change = line.path("changes").get(i);
      assertEquals(writes.get(i).dn().toString(), change.path("dn").asText());
      boolean renamed = !writes.get(i).newDn().equals(writes.get(i).dn());
      assertEquals(renamed ? writes.get(i).newDn().toString() : "", change.path("newDn").asText());
    }
  }

  /** Quotes, backslashes and control characters in names and DNs are escaped as JSON. */
  @Test
  void escapesWhatJsonMust() throws Exception {
    DN odd = dn("cn=O\\\"Brien \\\\ Co\u0007,ou=people,dc=example,dc=com");
    WriteRequest request =
        new WriteRequest("create", "Users", "id-\"2", 201, "req\n2", "ops \"team\"", "::1");
    JsonNode line =
        JSON.readTree(
            AuditTrail.line(
                request,
                List.of(LdapWrite.of("add", odd, List.of("cn", "description;lang-\"x"))),
                Instant.parse("2026-01-02T03:04:05.5Z")));
    assertEquals("ops \"team\"", line.path("client").asText());
    assertEquals("req\n2", line.path("requestId").asText());
    assertEquals("id-\"2", line.path("id").asText());
    assertEquals(201, line.path("status").asInt());
    assertEquals(odd.toString(), line.path("dn").asText());
    assertEquals(
        List.of("cn", "description;lang-\"x"),
        JSON.convertValue(line.path("changes").get(0).path("attributes"), List.class));
  }

  private static DN dn(String text) {
    try {
      return new DN(text);
    } catch (LDAPException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
