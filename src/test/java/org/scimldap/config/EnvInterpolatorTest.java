package org.scimldap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvInterpolatorTest {
  private static final Map<String, String> ENV = env();

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("USER_NAME", "gateway");
    env.put("EMPTY", "");
    env.put("ODD", "a: b, [c] {d} # e $1 \\2 ${USER_NAME}");
    env.put("SECRET", "s3cr3t-value");
    return Map.copyOf(env);
  }

  /** The value of {@code text} as one YAML scalar, masked, parsed and resolved. */
  private static String value(String text) {
    return read("v: " + text + "\n", ENV).get("v").textValue();
  }

  private static ObjectNode read(String yaml, Map<String, String> env) {
    return ConfigFileReader.read("g.yaml", yaml, env, new ValueSources("g.yaml"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ${USER_NAME}                  | gateway
          cn=${USER_NAME},dc=example    | cn=gateway,dc=example
          ${USER_NAME}${USER_NAME}      | gatewaygateway
          '${USER_NAME} and more'       | gateway and more
          "${USER_NAME}\\u0021"         | gateway!
          ${UNSET:-fallback}            | fallback
          ${EMPTY:-fallback}            | fallback
          ${USER_NAME:-fallback}        | gateway
          ${UNSET:-}                    | ''
          ${EMPTY}                      | ''
          ${UNSET:-a b:c}               | a b:c
          $USER_NAME                    | $USER_NAME
          ${1ABC}                       | ${1ABC}
          '${not a reference}'          | ${not a reference}
          pa$$word                      | pa$$word
          GATEWAYENVREF0X               | GATEWAYENVREF0X
          """)
  void referencesAreReplacedAndOtherTextStays(String text, String expected) {
    assertEquals(expected.equals("''") ? "" : expected, value(text));
  }

  @Test
  void aValueKeepsEveryCharacterAndIsNotInterpolatedAgain() {
    assertEquals(ENV.get("ODD"), value("${ODD}"));
    assertEquals("<" + ENV.get("ODD") + ">", value("\"<${ODD}>\""));
  }

  @Test
  void referencesWorkInListItemsAndKeys() {
    Map<String, String> env = Map.of("TYPE", "User", "TOKEN", "t1, t2 [x]", "DN", "ou=a,dc=b");
    ObjectNode tree =
        read(
            "tokens: [${TOKEN}, fixed]\n"
                + "block:\n  - ${TOKEN}\n  - pre-${TYPE}\n"
                + "containers: {${TYPE}: '${DN}'}\n"
                + "${TYPE}Key: value\n",
            env);
    assertEquals(List.of("t1, t2 [x]", "fixed"), texts(tree.get("tokens")));
    assertEquals(List.of("t1, t2 [x]", "pre-User"), texts(tree.get("block")));
    assertEquals("ou=a,dc=b", tree.get("containers").get("User").textValue());
    assertEquals("value", tree.get("UserKey").textValue());
  }

  @Test
  void anUnsetVariableIsAnErrorNamingItButNoValue() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> read("password: ${SECRET}\ntoken: '${SECRET}${MISSING}'\n", ENV));
    assertTrue(e.getMessage().startsWith("g.yaml:2:8: ${MISSING} "), e.getMessage());
    assertTrue(e.getMessage().contains("MISSING"), e.getMessage());
    assertTrue(e.getMessage().contains("'token'"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());

    ConfigException inKey =
        assertThrows(ConfigException.class, () -> read("a:\n  ${MISSING_KEY}: 1\n", ENV));
    assertTrue(inKey.getMessage().startsWith("g.yaml:2:3: ${MISSING_KEY} "), inKey.getMessage());
  }

  @Test
  void referencesInCommentsAreNeverResolved() {
    assertEquals(
        "x", read("# ${MISSING} is not read\nv: x # nor ${MISSING}\n", ENV).get("v").textValue());
  }

  @Test
  void aParseErrorShowsNoValueAndTheColumnAsWritten() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> read("a: [${SECRET}, ${SECRET}\nb: ]\n", ENV));
    assertTrue(e.getMessage().startsWith("g.yaml:"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertFalse(e.getMessage().contains("GATEWAYENVREF"), e.getMessage());
  }

  @Test
  void columnsAfterAReferenceAreThoseOfTheFileAsWritten() {
    EnvInterpolator masked = EnvInterpolator.mask("a: ${LONG_NAME} ${B}, x\n", Map.of());
    assertEquals("a: GATEWAYENVREF0X GATEWAYENVREF1X, x\n", masked.masked());
    assertEquals(1, masked.originalColumn(1, 1));
    assertEquals(4, masked.originalColumn(1, 4), "the first token");
    assertEquals(4, masked.originalColumn(1, 10), "inside the first token");
    assertEquals(17, masked.originalColumn(1, 20), "the second token");
    assertEquals(21, masked.originalColumn(1, 35), "the comma after it");
    assertEquals(5, masked.originalColumn(2, 5), "another line");
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::textValue).toList();
  }

  @Test
  void theYamlStaysValidWhateverTheReferenceStandsFor() throws Exception {
    String masked = EnvInterpolator.mask("k: [${A}, {${B}: ${C:-x}}]\n", Map.of()).masked();
    assertFalse(masked.contains("${"), masked);
    new YAMLMapper().readTree(masked);
  }
}
