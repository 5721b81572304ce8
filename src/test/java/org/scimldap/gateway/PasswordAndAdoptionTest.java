package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.scimldap.mapping.spec.PasswordHasher;
import org.scimldap.testsupport.DirectoryKind;
import org.scimldap.testsupport.GatewayUnderTest;
import org.scimldap.testsupport.Presets;
import org.scimldap.testsupport.ScimClient;
import org.scimldap.testsupport.ScimClient.Response;
import org.scimldap.testsupport.Ssha;

/**
 * A password that looks like a stored hash is hashed like any other unless the mapping accepts
 * pre-hashed values; and SCIM changes entries it did not create only as the mapping's {@code adopt}
 * allows (reads are not affected).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(DirectoryKind.class)
class PasswordAndAdoptionTest {
  private static final String PEOPLE = BlackBoxContract.PEOPLE;
  private static final String USER_URN = BlackBoxContract.USER_URN;

  @Parameter DirectoryKind directory;
  @TempDir Path dir;
  private GatewayUnderTest gateway;
  private ScimClient scim;

  /** A gateway on the OpenLDAP preset, with the first {@code from} in it replaced by {@code to}. */
  private void start(String from, String to) throws Exception {
    Path file = Files.writeString(dir.resolve("mapping.yaml"), Presets.openLdapWith(from, to));
    gateway = directory.startWith(Map.of("GATEWAY_MAPPING", file.toString()));
    gateway.wipe();
    scim = gateway.client();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private String userPassword(String uid) throws Exception {
    try (LDAPConnection c = gateway.ldap()) {
      return c.getEntry("uid=" + uid + "," + PEOPLE, "userPassword")
          .getAttributeValue("userPassword");
    }
  }

  private Response createWithPassword(String uid, String password) {
    return scim.post(
        "/Users",
        """
        {"schemas":["%s"],"userName":"%s","name":{"familyName":"P"},"password":"%s"}"""
            .formatted(USER_URN, uid, password));
  }

  @Test
  void aPasswordThatLooksHashedIsHashedByDefault() throws Exception {
    gateway = directory.startWith(Map.of());
    gateway.wipe();
    scim = gateway.client();
    String hashed = PasswordHasher.hash(PasswordHasher.Scheme.SSHA, "secret");

    BlackBoxContract.created(createWithPassword("hashy", hashed));

    String stored = userPassword("hashy");
    assertTrue(stored.startsWith("{SSHA}") && !stored.equals(hashed), stored);
    assertTrue(Ssha.matches(stored, hashed), "the text sent is the password");
  }

  @Test
  void aMappingThatAcceptsPreHashedPasswordsStoresThemAsSent() throws Exception {
    start("transform: password ", "transform: {password: {scheme: SSHA, preHashed: accept}} ");
    String hashed = PasswordHasher.hash(PasswordHasher.Scheme.SSHA, "secret");

    BlackBoxContract.created(createWithPassword("prehashed", hashed));

    assertEquals(hashed, userPassword("prehashed"));
  }

  private String legacyUser(String uid, String employeeType) throws Exception {
    try (LDAPConnection c = gateway.ldap()) {
      c.add(
          "dn: uid=" + uid + "," + PEOPLE,
          "objectClass: inetOrgPerson",
          "uid: " + uid,
          "cn: " + uid,
          "sn: Legacy",
          "employeeType: " + employeeType);
    }
    Response found = scim.get("/Users?filter=" + ScimClient.q("userName eq \"" + uid + "\""));
    return BlackBoxContract.ok(found).path("Resources").path(0).path("id").asText();
  }

  private static String newPassword() {
    return BlackBoxContract.patch(
        "[{\"op\":\"replace\",\"path\":\"password\",\"value\":\"N3w-secret\"}]");
  }

  @Test
  void adoptNoneLetsScimChangeOnlyWhatItCreated() throws Exception {
    start("adopt: all", "adopt: none");
    String legacy = legacyUser("legacy", "staff");

    BlackBoxContract.ok(scim.get("/Users/" + legacy));
    BlackBoxContract.error(scim.patch("/Users/" + legacy, newPassword()), 403, null);
    BlackBoxContract.error(scim.delete("/Users/" + legacy), 403, null);
    assertEquals(null, userPassword("legacy"), "no password was set");

    String own = BlackBoxContract.createdId(createWithPassword("own", "Old-secret1"));
    BlackBoxContract.ok(scim.patch("/Users/" + own, newPassword()));
    assertTrue(Ssha.matches(userPassword("own"), "N3w-secret"));
  }

  @Test
  void adoptByFilterTakesOverOnlyTheEntriesThatMatch() throws Exception {
    start("adopt: all", "adopt: {filter: \"(employeeType=scim)\"}");
    String managed = legacyUser("managed", "scim");
    String other = legacyUser("other", "staff");

    BlackBoxContract.ok(scim.patch("/Users/" + managed, newPassword()));
    BlackBoxContract.error(scim.patch("/Users/" + other, newPassword()), 403, null);

    assertTrue(Ssha.matches(userPassword("managed"), "N3w-secret"));
    assertEquals(null, userPassword("other"));
  }
}
