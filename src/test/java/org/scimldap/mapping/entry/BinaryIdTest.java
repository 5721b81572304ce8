package org.scimldap.mapping.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.ResourceMapping;

/**
 * Ids from a binary attribute: Active Directory's {@code objectGUID} is 16 bytes whose first three
 * fields are little-endian; the SCIM id is its UUID text, and a lookup by id sends the bytes,
 * escaped (RFC 4515 §3).
 */
class BinaryIdTest {
  private static final byte[] GUID = Base64.getDecoder().decode("2vy1Ge7hu0m7ScxT3cVxxA==");
  private static final String ID = "19b5fcda-e1ee-49bb-bb49-cc53ddc571c4";

  private final EntryMapper mapper =
      EntryMapper.forBase(mapping("{attribute: objectGUID, transform: guid}"), "dc=x", null);

  @Test
  void theIdIsTheGuidAsUuidText() {
    Entry entry = new Entry("cn=a,cn=Users,dc=x");
    entry.addAttribute("objectGUID", GUID);
    assertEquals(Optional.of(ID), mapper.immutableId(entry));
  }

  @Test
  void aLookupByIdSendsTheEscapedBytes() throws Exception {
    assertEquals(
        "(objectGUID=\\da\\fc\\b5\\19\\ee\\e1\\bb\\49\\bb\\49\\cc\\53\\dd\\c5\\71\\c4)",
        mapper.idFilter(ID).toString());
    Entry entry = new Entry("cn=a,cn=Users,dc=x");
    entry.addAttribute("objectGUID", GUID);
    assertTrue(mapper.idFilter(ID).matchesEntry(entry));
  }

  @Test
  void onlyUuidTextCanBeABinaryId() {
    assertTrue(mapper.plausibleId(ID));
    assertFalse(mapper.plausibleId("42"));
    assertFalse(mapper.plausibleId(ID.toUpperCase()));
  }

  @Test
  void valuesThatAreNoGuidGiveNoId() {
    Entry entry = new Entry("cn=a,cn=Users,dc=x");
    entry.addAttribute("objectGUID", new byte[] {1, 2, 3});
    assertEquals(Optional.empty(), mapper.immutableId(entry));
  }

  private static ResourceMapping mapping(String id) {
    return MappingLoader.parse(
            "t.yaml",
            "version: 1\n"
                + "resourceTypes:\n"
                + "  User:\n"
                + "    objectClasses: [user]\n"
                + "    container: 'cn=Users,{baseDn}'\n"
                + "    rdn: 'cn={userName}'\n"
                + "    id: "
                + id
                + "\n"
                + "    attributes:\n"
                + "      - {scim: userName, ldap: cn}\n")
        .byName("User")
        .orElseThrow();
  }
}
