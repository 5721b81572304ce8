package org.scimldap.mapping.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.config.ConfigException;
import org.scimldap.config.ConfigLoader;
import org.scimldap.config.LdapConfig;
import org.scimldap.embedded.EmbeddedSchema;
import org.scimldap.ldap.Directory;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.service.DirectoryCheck;

/**
 * Every message the mapping loader and the directory checks produce is asserted by some test with
 * its place ({@code file:line:column}) and its hint. This class holds the ones no other test
 * asserted; the others are asserted where the feature they belong to is tested:
 *
 * <ul>
 *   <li>{@link MappingLoaderTest}: YAML syntax errors; {@code unknown key} with its hint; {@code
 *       missing required key} (also in {@link PlacementLoaderTest}, {@link GroupsRuleTest}, {@link
 *       TransformTableTest}); {@code expected true or false}; {@code ${NAME} names the environment
 *       variable NAME, which is not set}; {@code unsupported mapping version}; {@code rdn must look
 *       like}; {@code not a valid DN template}; {@code is not a valid SCIM path}; {@code is not an
 *       attribute of User or its extensions} with its hint; {@code is not a valid LDAP attribute
 *       name}; {@code LDAP attribute … is already written by the rule at}; {@code a rule needs
 *       exactly one of 'ldap: <attribute>' or 'store: true'}; {@code a password is never read
 *       back}; {@code a value kept in the correlation store cannot be unique}; {@code a toScim rule
 *       never writes}; {@code a password cannot be unique}; {@code template … needs {path}
 *       placeholders with balanced braces}; {@code unknown transform} (a name); {@code Mapping file
 *       … not found}.
 *   <li>{@link TransformTableTest}: {@code unknown transform} (a name), {@code mask must be one
 *       bit}, {@code trueWhen is set or clear}, {@code maxLength must be between 1 and 10000},
 *       {@code not a valid regular expression}, {@code … is the value of two keys}, {@code only
 *       text steps may come before the last transform of a list}, {@code text steps cannot come
 *       before this transform}, {@code a transform list needs at least one transform}, {@code
 *       unknown password scheme}.
 *   <li>{@code mapping.entry.DerivedValuesTest}: {@code a derived value has either 'value' or
 *       'template', not both}, {@code a constant value takes no transform}, {@code on is create or
 *       always}, {@code a template needs {path} placeholders}, {@code a template takes text steps
 *       only}, and a derived value's clash with a rule.
 *   <li>{@link PlacementLoaderTest}: {@code values needs at least one 'value: container' pair},
 *       {@code the value … is listed twice}, {@code … is complex; a container is chosen by a simple
 *       value}, {@code … may hold several values; a container is chosen by one}, {@code the
 *       containers have no common entry above them}, {@code the search base … does not cover the
 *       container}, {@code delete is 'remove', or a map with}, {@code a retained entry needs
 *       moveTo}, {@code moveTo … is inside the search base}, {@code … applies only to a retained
 *       entry}, {@code disable needs a rule for 'active'}.
 *   <li>{@link GroupsRuleTest}: {@code groups come from memberOf … or members}, {@code groups are
 *       resources of type …, which this mapping does not have}, {@code groups from members need a
 *       'members' section}, {@code resource type … has no 'groups' attribute}, {@code with from:
 *       members, the group type's members section names the attribute}.
 *   <li>{@link SchemaDeclarationTest}: {@code is not a schema URN}, {@code is a schema the gateway
 *       has built in}, {@code schema … is already declared at}, {@code a schema needs attributes},
 *       {@code attribute … is already declared at}, {@code sub-attribute … is already declared at},
 *       {@code unknown attribute type}, {@code is not an attribute name}, {@code mutability},
 *       {@code returned} and {@code uniqueness} {@code is one of}, {@code a complex attribute needs
 *       subAttributes}, {@code only a complex attribute has subAttributes}, {@code a sub-attribute
 *       cannot be complex}, {@code only a reference attribute has referenceTypes}, {@code expected
 *       a list here}, {@code unknown schema extension}, {@code schema extension … is listed twice},
 *       {@code … is declared as an extension schema; list it under 'extensions'}.
 *   <li>{@link DirectorySchemaCheckTest}: {@code object class … is not defined in the directory's
 *       schema} and {@code LDAP attribute … is not defined in the directory's schema}, with their
 *       hints (did you mean, ppolicy, memberof); the warnings {@code object class … requires …, and
 *       no rule writes it}, {@code … requires …, and members has no placeholder}, {@code … is
 *       single-valued in the directory, but …}, {@code … holds binary values (syntax …)}, with
 *       their hints ({@code cli.CommandLineTest} prints one with its hint too).
 *   <li>{@code cli.CommandLineTest} and {@code gateway.StartupCheckTest}: {@code the base DN … does
 *       not exist}, {@code the container … of User does not exist} (also {@code (for 'Value')}),
 *       {@code the leavers' container … (delete.moveTo) does not exist}, and the start refused with
 *       {@code the directory … does not fit the mapping}.
 * </ul>
 *
 * <p>Here besides: the hints of {@code unknown attribute type}, {@code mutability is one of} and
 * {@code groups are resources of type}, asserted above without them. One message has no place:
 * SnakeYAML reports too many aliases without one. No file brings about {@code Cannot read bundled
 * mapping} (a preset in the jar that cannot be read), nor the second {@code a template needs {path}
 * placeholders} of {@code DerivedLoader} (a template with a brace is always read as a template);
 * {@code gateway.MappingReloadTest} asserts how a refused reload lists the problems above.
 */
class ValidatorMessagesTest {
  /** A sound User type; rules added after it start on line 10, type keys at column 5. */
  private static final String USER =
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
      """;

  /** {@link #USER} with the attributes person requires, so that its schema has nothing to say. */
  private static final String PERSON =
      USER
          + "      - {scim: name.familyName, ldap: sn, fallback: [userName]}\n"
          + "      - {scim: displayName, ldap: cn, fallback: [userName]}\n";

  /** A Group type to follow {@link #USER}, from line 10 on. */
  private static final String GROUP =
      """
        Group:
          objectClasses: [top, groupOfNames]
          container: "ou=groups,{baseDn}"
          rdn: "cn={displayName}"
          attributes:
            - scim: displayName
              ldap: cn
      """;

  /** {@link #USER} after a declared schema whose one attribute (line 5, column 9) is {@code %s}. */
  private static final String DECLARED =
      USER.replace(
          "version: 1\n",
          """
          version: 1
          schemas:
            - id: urn:example:params:scim:schemas:extension:acme:2.0:User
              attributes:
                - %s
          """);

  /** {@link #USER} with a rule for title whose transform (line 12, column 20) is {@code t}. */
  private static String titleTransform(String t) {
    return USER + "      - scim: title\n        ldap: title\n        transform: " + t + "\n";
  }

  /** {@link #USER} with a rule for active whose transform (line 12, column 20) is {@code t}. */
  private static String activeTransform(String t) {
    return USER + "      - scim: active\n        ldap: title\n        transform: " + t + "\n";
  }

  static Stream<Arguments> fileProblems() {
    return Stream.of(
        // YamlNode: the file as YAML
        arguments("# nothing but comments\n", "t.yaml:1:1: the mapping file is empty", ""),
        arguments(
            USER + "    rdn: \"cn={userName}\"\n",
            "t.yaml:10:5: key 'rdn' is given twice in this map; first at t.yaml:6:5",
            ""),
        arguments(
            "version: 1\nresourceTypes: &types {User: *types}\n",
            "t.yaml:2:16: an alias inside this node refers back to it; a mapping file cannot be"
                + " recursive",
            ""),
        arguments(
            "version: 1\nx: &x [a]\ny: [*x, *x, *x, *x, *x, *x, *x, *x, *x, *x, *x]\n",
            "t.yaml: Number of aliases for non-scalar nodes exceeds the specified max=10",
            ""),
        arguments(
            USER.replace("rdn: \"uid={userName}\"", "rdn: [uid, userName]"),
            "t.yaml:6:10: expected a single value here",
            ""),
        arguments(
            "version: 1\nresourceTypes: [User, Group]\n",
            "t.yaml:2:16: expected a map of keys here",
            ""),
        arguments(
            USER + "      - title\n",
            "t.yaml:10:9: expected a map with keys [direction, fallback, ldap, primary, scim, store,"
                + " transform, unique]",
            ""),
        // MappingLoader: the file and each resource type
        arguments(
            "version: 1\nresourceTypes: {}\n",
            "t.yaml:2:16: at least one resource type is needed",
            ""),
        arguments(
            USER.replace("[top, person, organizationalPerson, inetOrgPerson]", "[]"),
            "t.yaml:4:20: at least one object class is needed",
            ""),
        arguments(
            USER + "    filter: \"(objectClass=inetOrgPerson\"\n",
            "t.yaml:10:13: not a valid LDAP filter: ",
            ""),
        arguments(
            USER + "    id: {attribute: objectGUID, transform: base64}\n",
            "t.yaml:10:44: an id is text, or a binary id read as uuid or guid",
            ""),
        arguments(
            USER + "    adopt: some\n",
            "t.yaml:10:12: adopt is all, none or {filter: \"(…)\"}, got 'some'",
            ""),
        arguments(
            USER + "    adopt: {filter: \"(bad\"}\n",
            "t.yaml:10:21: not a valid LDAP filter: ",
            ""),
        arguments(
            USER + "    unmapped: sometimes\n",
            "t.yaml:10:15: unmapped is keep, ignore or reject, got 'sometimes'",
            ""),
        arguments(
            USER.replace("uid={userName}", "cn={userName}"),
            "t.yaml:6:10: the naming attribute 'cn' must be written by one of the attributes rules",
            ""),
        // RuleLoader: one attribute rule
        arguments(
            USER + "      - scim: title\n        store: true\n",
            "t.yaml:10:9: only externalId can be kept in the correlation store",
            ""),
        arguments(
            USER + "      - scim: title\n        ldap: title\n        direction: out\n",
            "t.yaml:12:20: direction must be both, toLdap or toScim, got 'out'",
            ""),
        arguments(
            USER + "      - scim: 'emails[type eq \"work\"].valu'\n        ldap: mail\n",
            "t.yaml:10:15: 'valu' is not a sub-attribute of emails",
            "did you mean 'emails.value'?"),
        arguments(
            USER + "      - scim: name.givenNam\n        ldap: givenName\n",
            "t.yaml:10:15: 'name.givenNam' is not an attribute of User or its extensions",
            "did you mean 'name.givenName'?"),
        // TransformLoader: transforms and text steps
        arguments(
            titleTransform("{boolean: {true: Y, false: N}, lower: x}"),
            "t.yaml:12:20: a transform map has exactly one key",
            ""),
        arguments(
            titleTransform("{case: title}"),
            "t.yaml:12:27: case is upper or lower, got 'title'",
            ""),
        arguments(
            titleTransform("{rot13: 1}"),
            "t.yaml:12:20: unknown transform 'rot13'; expected text, boolean, reference",
            ""),
        arguments(
            activeTransform("{bit: {mask: 2, trueWhen: clear, matchingRule: bitwiseAnd}}"),
            "t.yaml:12:67: matchingRule must be an OID such as 1.2.840.113556.1.4.803",
            ""),
        arguments(
            activeTransform("{bit: {mask: two, trueWhen: set}}"),
            "t.yaml:12:33: expected a whole number, got 'two'",
            ""),
        arguments(
            titleTransform("{time: unix}"),
            "t.yaml:12:27: time is generalizedTime or filetime, got 'unix'",
            ""),
        arguments(
            titleTransform("{binary: hex}"),
            "t.yaml:12:29: binary is base64, uuid or guid, got 'hex'",
            ""),
        arguments(
            titleTransform("{lookup: {table: {Employee: E}, others: fail}}"),
            "t.yaml:12:60: others is keep or drop, got 'fail'",
            ""),
        // MembersLoader
        arguments(
            USER + GROUP + "    members: {ldap: member, placeholder: \"cn=,,\"}\n",
            "t.yaml:17:42: placeholder is not a valid DN: ",
            ""),
        // ResourceSchemaLoader: a type's schemas and endpoint
        arguments(
            USER + GROUP.replace("  Group:", "  Team:"),
            "t.yaml:11:5: resource type 'Team' needs a 'schema' URN",
            ""),
        arguments(
            USER.replace(
                "  User:\n",
                "  User:\n    schema: urn:example:params:scim:schemas:core:2.0:Person\n"),
            "t.yaml:4:13: unknown schema 'urn:example:params:scim:schemas:core:2.0:Person'",
            ""),
        arguments(
            USER.replace(
                "  User:\n",
                "  User:\n    extensions: [urn:ietf:params:scim:schemas:core:2.0:Group]\n"),
            "t.yaml:4:18: 'urn:ietf:params:scim:schemas:core:2.0:Group' is a core schema, not a"
                + " schema extension",
            ""),
        arguments(
            USER + "    endpoint: Users\n",
            "t.yaml:10:15: endpoint must look like '/Users', got 'Users'",
            ""),
        arguments(
            USER.replace(
                "  User:\n",
                "  Staff Member:\n    schema: urn:ietf:params:scim:schemas:core:2.0:User\n"),
            "t.yaml:4:5: endpoint must look like '/Users', got '/Staff Members'",
            "the default endpoint comes from the type's name; set 'endpoint: /…'"),
        // SchemaDeclarationLoader
        arguments(
            DECLARED.formatted("{name: badges, type: complex, subAttributes: []}"),
            "t.yaml:5:54: a complex attribute needs attributes",
            ""),
        // Hints of messages asserted elsewhere without them
        arguments(
            DECLARED.formatted("{name: floor, type: strng}"),
            "t.yaml:5:29: unknown attribute type 'strng'; expected one of [string, boolean,"
                + " decimal, integer, dateTime, binary, reference, complex]",
            "did you mean 'string'?"),
        arguments(
            DECLARED.formatted("{name: floor, mutability: readonly}"),
            "t.yaml:5:35: mutability is one of [readOnly, readWrite, immutable, writeOnly], got"
                + " 'readonly'",
            "did you mean 'readOnly'?"),
        arguments(
            USER
                + "    groups: {from: members, type: Groups}\n"
                + GROUP
                + "    members: {ldap: member}\n",
            "t.yaml:10:35: groups are resources of type 'Groups', which this mapping does not"
                + " have; name it with 'type:'",
            "did you mean 'Group'?"));
  }

  /** The one problem of each file: its place and message, and its hint. */
  @ParameterizedTest
  @MethodSource("fileProblems")
  void eachProblemOfAFileIsReportedAtItsPlace(String text, String expected, String hint) {
    List<MappingProblem> problems = MappingLoader.check("t.yaml", text, Map.of()).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).toString().startsWith(expected), problems.get(0).toString());
    assertTrue(problems.get(0).isError());
    assertEquals(hint, problems.get(0).hint());
  }

  @Test
  void aFileThatIsNotUtf8CannotBeRead(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xe9});
    ConfigException e =
        assertThrows(ConfigException.class, () -> MappingLoader.read(file.toString(), Map.of()));
    assertEquals(
        "Cannot read mapping file " + file + ": it is not UTF-8 text (save it as UTF-8)",
        e.getMessage());
  }

  @Test
  void anAttributeWithTheBinaryOptionCopiedAsTextIsAWarning() {
    MappingSpec spec =
        MappingLoader.parse(
            "t.yaml", PERSON + "      - scim: nickName\n        ldap: description;binary\n");
    List<MappingProblem> found = DirectorySchemaCheck.check(spec, EmbeddedSchema.schema());
    assertEquals(1, found.size(), found.toString());
    assertTrue(
        found
            .get(0)
            .toString()
            .startsWith(
                "t.yaml:12:9: warning: 'description;binary' holds binary values, which a text"
                    + " transform garbles; the directory defines ( 2.5.4.13 NAME 'description'"),
        found.get(0).toString());
    assertEquals("leave binary attributes out of the mapping", found.get(0).hint());
  }

  // --- DirectoryCheck: the entries a mapping needs, and a directory without a schema ---------

  private static final String MISSING_HINT =
      "create the entry in the directory, or change the mapping (or ldap.containers)";

  @Test
  void aMissingBaseDnContainerAndSearchBaseAreEachNamedWithTheirHint() {
    MappingSpec spec =
        MappingLoader.parse(
            "t.yaml",
            PERSON.replace(
                "    container: \"ou=people,{baseDn}\"\n",
                "    container: \"ou=people,ou=staff,{baseDn}\"\n"
                    + "    searchBase: \"ou=staff,{baseDn}\"\n"));
    List<MappingProblem> found =
        check(spec, null, new KnownEntries(Set.of(), Optional.of(EmbeddedSchema.schema())));
    assertEquals(
        List.of(
            "the base DN 'dc=example,dc=com' (ldap.baseDn) does not exist in the test directory",
            "t.yaml:5:16: the container 'ou=people,ou=staff,dc=example,dc=com' of User does not"
                + " exist in the test directory",
            "t.yaml:6:17: the search base 'ou=staff,dc=example,dc=com' of User does not exist in"
                + " the test directory"),
        found.stream().map(MappingProblem::toString).toList());
    assertEquals(
        List.of(
            "check ldap.baseDn (GATEWAY_BASE_DN), and that the bind DN may read that entry",
            MISSING_HINT,
            MISSING_HINT),
        found.stream().map(MappingProblem::hint).toList());
    assertTrue(found.stream().allMatch(MappingProblem::isError));
  }

  @Test
  void aContainerFromTheConfigurationIsNamedAsSuch() {
    MappingSpec spec = MappingLoader.parse("t.yaml", PERSON);
    KnownEntries directory =
        new KnownEntries(Set.of("dc=example,dc=com"), Optional.of(EmbeddedSchema.schema()));
    List<MappingProblem> found = check(spec, "ou=staff,dc=example,dc=com", directory);
    assertEquals(
        List.of(
            "the container 'ou=staff,dc=example,dc=com' of User (ldap.containers.User) does not"
                + " exist in the test directory"),
        found.stream().map(MappingProblem::toString).toList());
    assertEquals(MISSING_HINT, found.get(0).hint());
  }

  @Test
  void aDirectoryThatPublishesNoSchemaIsAWarning() {
    MappingSpec spec = MappingLoader.parse("t.yaml", PERSON);
    KnownEntries directory =
        new KnownEntries(
            Set.of("dc=example,dc=com", "ou=people,dc=example,dc=com"), Optional.empty());
    List<MappingProblem> found = check(spec, null, directory);
    assertEquals(
        List.of(
            "warning: the directory publishes no schema (subschemaSubentry); the attribute types"
                + " and object classes of the mapping are not checked"),
        found.stream().map(MappingProblem::toString).toList());
    assertEquals("", found.get(0).hint());
  }

  /** What a {@link DirectoryCheck} of {@code spec} finds, with User's container overridden. */
  private static List<MappingProblem> check(
      MappingSpec spec, String userContainer, Directory directory) {
    LdapConfig ldap = new ConfigLoader(Map.of("GATEWAY_CONFIG", "")).load().ldap();
    List<EntryMapper> mappers =
        spec.resources().stream()
            .map(
                r ->
                    EntryMapper.forBase(
                        r, ldap.baseDn(), r.name().equals("User") ? userContainer : null))
            .toList();
    return new DirectoryCheck(directory, spec, mappers, ldap).run();
  }

  /** A directory that holds the entries {@code dns} (nothing else) and publishes {@code schema}. */
  private record KnownEntries(Set<String> dns, Optional<Schema> published) implements Directory {
    @Override
    public Optional<Entry> read(DN dn, List<String> attributes) {
      return dns.stream().filter(known -> dn.equals(parse(known))).findFirst().map(Entry::new);
    }

    private static DN parse(String dn) {
      try {
        return new DN(dn);
      } catch (LDAPException e) {
        throw new IllegalArgumentException(dn, e);
      }
    }

    @Override
    public Optional<Schema> schema() {
      return published;
    }

    @Override
    public String describe() {
      return "the test directory";
    }

    @Override
    public void search(
        DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
      throw new UnsupportedOperationException("a check only reads");
    }

    @Override
    public void add(Entry entry) {
      throw new UnsupportedOperationException("a check only reads");
    }

    @Override
    public void modify(
        DN dn, List<Modification> modifications, boolean permissive, Optional<Filter> assertion) {
      throw new UnsupportedOperationException("a check only reads");
    }

    @Override
    public void modifyAsRead(DN dn, List<Modification> modifications) {
      throw new UnsupportedOperationException("a check only reads");
    }

    @Override
    public void rename(DN dn, RDN newRdn, Optional<Filter> assertion) {
      throw new UnsupportedOperationException("a check only reads");
    }

    @Override
    public void delete(DN dn) {
      throw new UnsupportedOperationException("a check only reads");
    }

    @Override
    public void close() {}
  }
}
