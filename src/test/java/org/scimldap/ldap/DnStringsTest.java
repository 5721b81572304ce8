package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DNs as sent: RFC 4514 escapes, plus {@code =}, which Active Directory refuses unescaped. */
class DnStringsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "alice|cn=alice,CN=Users,DC=corp",
        "o'brien, pat+[x]*?=a;b|cn=o'brien\\, pat\\+[x]*?\\=a\\;b,CN=Users,DC=corp",
        "a\"b<c>d\\e|cn=a\\\"b\\<c\\>d\\\\e,CN=Users,DC=corp",
        "#1 |cn=\\#1\\ ,CN=Users,DC=corp",
        " lead|cn=\\ lead,CN=Users,DC=corp",
        "mid#dle|cn=mid#dle,CN=Users,DC=corp"
      })
  void valuesAreEscapedForEveryDirectoryAndParseBackTheSame(String value, String expected)
      throws Exception {
    DN dn = new DN(new RDN("cn", value), new DN("CN=Users,DC=corp"));
    String sent = DnStrings.of(dn);
    assertEquals(expected, sent);
    assertEquals(dn, new DN(sent));
    assertEquals(value, new DN(sent).getRDN().getAttributeValues()[0]);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"cn=a+uid=b,ou=x|cn=a+uid=b,ou=x", "CN=A\\=B|CN=A\\=B"})
  void multiValuedRdnsKeepTheirParts(String text, String expected) throws Exception {
    assertEquals(expected, DnStrings.of(new DN(text)));
  }
}
