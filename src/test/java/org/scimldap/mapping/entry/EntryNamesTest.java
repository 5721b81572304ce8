package org.scimldap.mapping.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RDNs compared as names: the entry's as stored against the one the mapping computes. */
class EntryNamesTest {
  /** As OpenLDAP publishes it: cn under both of its names. */
  private static final Optional<Schema> SCHEMA =
      Optional.of(
          schema(
              "attributeTypes: ( 2.5.4.41 NAME 'name' EQUALITY caseIgnoreMatch"
                  + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )",
              "attributeTypes: ( 2.5.4.3 NAME ( 'cn' 'commonName' ) SUP name )",
              "attributeTypes: ( 0.9.2342.19200300.100.1.1 NAME ( 'uid' 'userid' )"
                  + " EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )"));

  /** (stored RDN, computed RDN, with the directory's schema, the same name). */
  static Stream<Arguments> names() {
    return Stream.of(
        arguments("cn=Alice", "cn=Alice", false, true),
        arguments("CN=Alice", "cn=Alice", false, true),
        arguments("Cn=Alice", "cN=Alice", false, true),
        arguments("cn=Alice", "cn=alice", true, false),
        arguments("CN=ALICE", "cn=Alice", true, false),
        arguments("cn=Doe\\2C Jane", "cn=Doe\\, Jane", false, true),
        arguments("CN=Doe\\, Jane", "cn=Doe\\2c Jane", false, true),
        arguments("cn=J\\C3\\BCrgen", "cn=Jürgen", false, true),
        arguments("cn=\\#1", "cn=\\231", false, true),
        arguments("cn=Alice\\ ", "cn=Alice", false, false),
        arguments("commonName=Alice", "cn=Alice", true, true),
        arguments("commonName=Alice", "cn=Alice", false, false),
        arguments("2.5.4.3=Alice", "cn=Alice", true, true),
        arguments("uid=alice", "cn=alice", true, false),
        arguments("cn=Alice+uid=a", "UID=a+CN=Alice", false, true),
        arguments("cn=Alice+uid=a", "cn=Alice", false, false),
        arguments("cn=Alice+uid=a", "cn=Alice+uid=b", false, false));
  }

  @ParameterizedTest(name = "{0} vs {1} (schema {2}): {3}")
  @MethodSource("names")
  void comparesTypesAsTypesAndValuesAsWritten(
      String stored, String computed, boolean withSchema, boolean same) throws Exception {
    Optional<Schema> schema = withSchema ? SCHEMA : Optional.empty();
    assertEquals(same, EntryNames.same(new RDN(stored), new RDN(computed), schema));
    assertEquals(same, EntryNames.same(new RDN(computed), new RDN(stored), schema), "symmetric");
  }

  static Schema schema(String... definitions) {
    String[] lines = new String[definitions.length + 2];
    lines[0] = "dn: cn=schema";
    lines[1] = "objectClass: subschema";
    System.arraycopy(definitions, 0, lines, 2, definitions.length);
    try {
      return new Schema(new Entry(lines));
    } catch (LDIFException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
