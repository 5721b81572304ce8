package org.scimldap.mapping.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.asn1.ASN1OctetString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.config.ConfigException;
import org.scimldap.scim.ScimException;

/**
 * Every transform of the mapping language, both ways: (transform as written in a mapping file, SCIM
 * values, the attribute's current LDAP values) → LDAP values, and (transform, LDAP values) → SCIM
 * values. LDAP values are written as text, or as {@code hex:…} for binary ones.
 */
class TransformTableTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GUID_HEX = "dafcb519eee1bb49bb49cc53ddc571c4";
  private static final String GUID_TEXT = "19b5fcda-e1ee-49bb-bb49-cc53ddc571c4";

  static Stream<Arguments> writes() {
    return Stream.of(
        // text
        arguments("text", "['Ada', 42, true]", "[]", "['Ada', '42', 'true']"),
        arguments("text", "['']", "[]", "[]"),
        // booleans as texts
        arguments("boolean", "[true]", "[]", "['TRUE']"),
        arguments("{boolean: {true: Y, false: N}}", "['False']", "[]", "['N']"),
        arguments("{presentWhenFalse: 000001010000Z}", "[false]", "[]", "['000001010000Z']"),
        arguments("{presentWhenFalse: 000001010000Z}", "[true]", "['000001010000Z']", "[]"),
        // one bit of an integer, every other bit kept
        arguments("{bit: {mask: 2, trueWhen: clear, initial: 512}}", "[false]", "[]", "['514']"),
        arguments("{bit: {mask: 2, trueWhen: clear, initial: 512}}", "[true]", "[]", "['512']"),
        arguments("{bit: {mask: 2, trueWhen: clear}}", "[false]", "['66048']", "['66050']"),
        arguments("{bit: {mask: 2, trueWhen: clear}}", "[true]", "['66050']", "['66048']"),
        arguments("{bit: {mask: 0x10, trueWhen: set}}", "[true]", "['1']", "['17']"),
        arguments("{bit: {mask: 2, trueWhen: clear}}", "[]", "['66050']", "['66050']"),
        // times
        arguments("generalizedTime", "['2011-05-13T06:42:34+02:00']", "[]", "['20110513044234Z']"),
        arguments("filetime", "['2011-05-13T04:42:34Z']", "[]", "['129497353540000000']"),
        arguments("{time: filetime}", "['1601-01-01T00:00:00.0000001Z']", "[]", "['1']"),
        // binary values
        arguments("base64", "['AAEC/w==']", "[]", "['hex:000102ff']"),
        arguments("guid", "['" + GUID_TEXT + "']", "[]", "['hex:" + GUID_HEX + "']"),
        arguments(
            "uuid", "['" + GUID_TEXT + "']", "[]", "['hex:19b5fcdae1ee49bbbb49cc53ddc571c4']"),
        // passwords
        arguments("{password: NONE}", "['s3cret']", "[]", "['s3cret']"),
        arguments("unicodePwd", "['Pa55']", "[]", "['hex:2200500061003500350022" + "00']"),
        // text steps, then the last transform
        arguments("lower", "['Ada.Lovelace']", "[]", "['ada.lovelace']"),
        arguments("{case: upper}", "['ada']", "[]", "['ADA']"),
        arguments(
            "{sanitize: {maxLength: 20}}",
            "['a,b+c[d]*e?f<g>h/i\\\\j:k;l|m=no-very-long-name']",
            "[]",
            "['a_b_c_d__e_f_g_h_i_j']"),
        arguments(
            "{sanitize: {maxLength: 3, forbidden: '.', replacement: ''}}",
            "['a.b.c.d']",
            "[]",
            "['abc']"),
        arguments("{sanitize: {maxLength: 5}}", "['  ']", "[]", "[]"),
        arguments("{replace: {pattern: '@.*$', with: ''}}", "['ada@example.com']", "[]", "['ada']"),
        arguments(
            "{replace: {pattern: '^(.)[^.]*\\.(.*)$', with: '$1$2'}}",
            "['ada.lovelace']",
            "[]",
            "['alovelace']"),
        arguments(
            "{lookup: {table: {Employee: E, Contractor: C}}}", "['contractor']", "[]", "['C']"),
        arguments("{lookup: {table: {Employee: E}}}", "['Intern']", "[]", "['Intern']"),
        arguments("{lookup: {table: {Employee: E}, others: drop}}", "['Intern']", "[]", "[]"),
        arguments("[lower, {sanitize: {maxLength: 4}}]", "['ADA LOVELACE']", "[]", "['ada']"),
        arguments(
            "postalAddress",
            "['1 Main St\\nSpringfield $5 \\\\ Co']",
            "[]",
            "['1 Main St$Springfield \\\\245 \\\\5C Co']"),
        arguments("[{lookup: {table: {yes: 'TRUE'}}}, text]", "['yes']", "[]", "['TRUE']"),
        // countries as Active Directory keeps them: c, co and countryCode
        arguments("{country: code}", "['de']", "[]", "['DE']"),
        arguments("{country: code}", "['Germany']", "[]", "['DE']"),
        arguments("{country: code}", "['DEU']", "[]", "['DE']"),
        arguments("{country: code}", "['Atlantis']", "[]", "['Atlantis']"),
        arguments("{country: code}", "['UK']", "[]", "['GB']"),
        arguments("{country: code}", "['United States of America']", "[]", "['US']"),
        arguments("{country: code}", "['4']", "[]", "['AF']"),
        arguments("{country: name}", "['US']", "[]", "['United States']"),
        arguments("{country: name}", "['276']", "[]", "['Germany']"),
        arguments("{country: name}", "['Atlantis']", "[]", "[]"),
        arguments("{country: number}", "['US']", "[]", "['840']"),
        arguments("{country: number}", "['aq']", "[]", "['10']"),
        arguments("{country: number}", "['Atlantis']", "[]", "[]"),
        arguments(
            "[upper, guid]",
            "['" + GUID_TEXT.toUpperCase() + "']",
            "[]",
            "['hex:" + GUID_HEX + "']"));
  }

  @ParameterizedTest(name = "{0}: {1} over {2}")
  @MethodSource("writes")
  void writes(String transform, String scim, String current, String expected) {
    ValueTransform t = transform(transform);
    assertEquals(texts(expected), shown(t.toLdap(json(scim), octets(current))));
  }

  static Stream<Arguments> reads() {
    return Stream.of(
        arguments("text", "['Ada', 'ada']", "['Ada', 'ada']"),
        arguments("boolean", "['TRUE']", "[true]"),
        arguments("boolean", "['true']", "[true]"),
        arguments("{boolean: {true: Y, false: N}}", "['N']", "[false]"),
        arguments("{presentWhenFalse: 000001010000Z}", "[]", "[true]"),
        arguments("{presentWhenFalse: 000001010000Z}", "['000001010000Z']", "[false]"),
        arguments("{bit: {mask: 2, trueWhen: clear}}", "['66048']", "[true]"),
        arguments("{bit: {mask: 2, trueWhen: clear}}", "['514']", "[false]"),
        arguments("{bit: {mask: 2, trueWhen: clear}}", "[]", "[]"),
        arguments("{bit: {mask: 16, trueWhen: set}}", "['17']", "[true]"),
        arguments("generalizedTime", "['20110513044234Z']", "['2011-05-13T04:42:34Z']"),
        arguments("generalizedTime", "['20110513044234.5Z']", "['2011-05-13T04:42:34.500Z']"),
        arguments("filetime", "['129497353540000000']", "['2011-05-13T04:42:34Z']"),
        arguments("filetime", "['0']", "[]"),
        arguments("filetime", "['9223372036854775807']", "[]"),
        arguments("base64", "['hex:000102ff']", "['AAEC/w==']"),
        arguments("guid", "['hex:" + GUID_HEX + "']", "['" + GUID_TEXT + "']"),
        arguments("uuid", "['hex:19b5fcdae1ee49bbbb49cc53ddc571c4']", "['" + GUID_TEXT + "']"),
        arguments("guid", "['hex:0102']", "[]"),
        // The objectGUID a Samba AD DC returns as 2vy1Ge7hu0m7ScxT3cVxxA== is 19b5fcda-e1ee-49bb-…
        arguments("base64", "['hex:" + GUID_HEX + "']", "['2vy1Ge7hu0m7ScxT3cVxxA==']"),
        arguments("password", "['{SSHA}abc']", "[]"),
        arguments("unicodePwd", "['x']", "[]"),
        arguments("lower", "['Ada']", "['Ada']"),
        arguments("{sanitize: {maxLength: 2}}", "['abc']", "['abc']"),
        arguments("{lookup: {table: {Employee: E, Contractor: C}}}", "['c']", "['Contractor']"),
        arguments("{lookup: {table: {Employee: E}}}", "['X']", "['X']"),
        arguments("{lookup: {table: {Employee: E}, others: drop}}", "['X']", "[]"),
        arguments("{country: code}", "['US']", "['US']"),
        arguments("{country: number}", "['840']", "['840']"),
        arguments(
            "postalAddress",
            "['1 Main St$Springfield \\\\245 \\\\5c Co']",
            "['1 Main St\\nSpringfield $5 \\\\ Co']"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("reads")
  void reads(String transform, String ldap, String expected) {
    assertEquals(json(expected), transform(transform).toScim(octets(ldap)));
  }

  static Stream<Arguments> badTransforms() {
    return Stream.of(
        arguments("frobnicate", "t.yaml:8:47: unknown transform 'frobnicate'"),
        arguments("{bit: {mask: 3, trueWhen: set}}", "t.yaml:8:60: mask must be one bit"),
        arguments("{bit: {mask: 2, trueWhen: maybe}}", "t.yaml:8:73: trueWhen is set or clear"),
        arguments("{bit: {mask: 2}}", "t.yaml:8:53: missing required key 'trueWhen'"),
        arguments("{sanitize: {maxLength: 0}}", "t.yaml:8:70: maxLength must be between 1"),
        arguments(
            "{replace: {pattern: '(', with: x}}", "t.yaml:8:67: not a valid regular expression"),
        arguments("{lookup: {table: {a: X, b: x}}}", "t.yaml:8:74: 'x' is the value of two keys"),
        arguments("[guid, lower]", "t.yaml:8:48: only text steps may come before the last"),
        arguments("[lower, reference]", "t.yaml:8:55: text steps cannot come before"),
        arguments("[]", "t.yaml:8:47: a transform list needs at least one transform"),
        arguments("{password: MD5}", "t.yaml:8:58: unknown password scheme 'MD5'"),
        arguments(
            "{password: {scheme: SSHA, preHashed: maybe}}",
            "t.yaml:8:84: preHashed is accept or hash (the default), got 'maybe'"),
        arguments(
            "{password: {scheme: unicodePwd, preHashed: accept}}",
            "t.yaml:8:58: preHashed: accept is not possible with unicodePwd"),
        arguments("{country: iso}", "t.yaml:8:57: country is code, name or number"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTransforms")
  void badTransformsNameWhereTheyAre(String transform, String expected) {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> MappingLoader.parse("t.yaml", mapping(transform)));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  @Test
  void unicodePwdIsTheOnlyTransformThatNeedsTls() {
    assertTrue(transform("unicodePwd").needsTls());
    assertTrue(transform("{password: unicodePwd}").needsTls());
    assertEquals(false, transform("password").needsTls());
    assertEquals(false, transform("guid").needsTls());
  }

  @Test
  void valuesThatAreNotWhatTheTransformWritesAreInvalidValues() {
    for (String[] row :
        new String[][] {
          {"guid", "['not-a-uuid']"}, {"base64", "['***']"}, {"generalizedTime", "['yesterday']"}
        }) {
      ScimException e =
          assertThrows(
              ScimException.class, () -> transform(row[0]).toLdap(json(row[1]), List.of()));
      assertEquals(400, e.status(), row[0]);
    }
  }

  /** A one-rule User mapping with this transform; the rule's transform is on line 8. */
  private static String mapping(String transform) {
    return "version: 1\n"
        + "resourceTypes:\n"
        + "  User:\n"
        + "    objectClasses: [inetOrgPerson]\n"
        + "    container: 'ou=people,{baseDn}'\n"
        + "    rdn: 'uid={userName}'\n"
        + "    attributes:\n"
        + "      - {scim: title, ldap: title, transform: "
        + transform
        + "}\n"
        + "      - {scim: userName, ldap: uid}\n";
  }

  private static ValueTransform transform(String yaml) {
    return MappingLoader.parse("t.yaml", mapping(yaml))
        .byName("User")
        .orElseThrow()
        .rules()
        .get(0)
        .transform();
  }

  private static List<JsonNode> json(String values) {
    try {
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree(values.replace('\'', '"')).forEach(out::add);
      return out;
    } catch (Exception e) {
      throw new IllegalArgumentException(values, e);
    }
  }

  private static List<String> texts(String values) {
    return json(values).stream().map(JsonNode::asText).toList();
  }

  private static List<ASN1OctetString> octets(String values) {
    return texts(values).stream()
        .map(
            v ->
                v.startsWith("hex:")
                    ? new ASN1OctetString(HexFormat.of().parseHex(v.substring(4)))
                    : new ASN1OctetString(v))
        .toList();
  }

  /** LDAP values as text, binary ones (not printable UTF-8) as hex. */
  private static List<String> shown(List<ASN1OctetString> values) {
    return values.stream()
        .map(
            v -> {
              byte[] bytes = v.getValue();
              String text = new String(bytes, StandardCharsets.UTF_8);
              boolean printable =
                  text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                      && text.getBytes(StandardCharsets.UTF_8).length == bytes.length;
              return printable ? text : "hex:" + HexFormat.of().formatHex(bytes);
            })
        .toList();
  }
}
