package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.RDN;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * References name entries where they are now: a user renamed behind the gateway's back (the store
 * still holds the old DN) is written into a group and read back under its new DN.
 */
class RenamedReferencesTest {
  private static final String PEOPLE = "ou=people,dc=example,dc=com";

  @TempDir Path data;
  private ServiceFixture fixture;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    fixture = new ServiceFixture(data, d -> d, s -> s);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aMemberRenamedOutsideTheGatewayIsWrittenUnderItsNewName() throws Exception {
    String user = created(fixture.users, "{\"userName\":\"ren1\",\"name\":{\"familyName\":\"R\"}}");
    fixture.directory.rename(
        new DN("uid=ren1," + PEOPLE), new RDN("uid", "ren2"), Optional.empty());
    fixture.users.get(user, true);

    String group =
        created(
            fixture.groups, "{\"displayName\":\"G1\",\"members\":[{\"value\":\"" + user + "\"}]}");

    Entry entry =
        fixture
            .directory
            .read(new DN("cn=G1,ou=groups,dc=example,dc=com"), List.of("member"))
            .orElseThrow();
    assertEquals(List.of("uid=ren2," + PEOPLE), Arrays.asList(entry.getAttributeValues("member")));
    assertEquals(
        user,
        fixture.groups.get(group, true).body().path("members").path(0).path("value").asText());
  }

  private String created(ResourceService service, String body) throws Exception {
    return service.create((ObjectNode) json.readTree(body)).body().path("id").asText();
  }
}
