package org.scimldap.mapping.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.util.StaticUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.entry.References;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.scim.filter.FilterEvaluator;
import org.scimldap.scim.filter.FilterParser;
import org.scimldap.scim.filter.ScimFilter;
import org.scimldap.testsupport.Presets;

/**
 * Black box: translated filters run on a real directory holding a handful of entries, and select
 * what they mean. "What they mean" is the SCIM filter evaluated in memory on the resources the
 * mapper builds from the same entries. Every filter must select at least those (a superset); an
 * exact translation exactly those; and where a row names the matches, they are those. Each
 * directory the gateway supports runs this same contract, with and without reading its schema.
 */
abstract class FilterSelectionContract {
  static final String BASE = "dc=example,dc=com";
  static final String PEOPLE = "ou=people," + BASE;
  static final String GROUPS = "ou=groups," + BASE;
  static final String GHOST = "uid=ghost," + PEOPLE;

  /** An administrator connection to a directory whose people and groups containers are empty. */
  abstract LDAPConnection connect() throws LDAPException;

  private LDAPConnection connection;
  private EntryMapper users;
  private EntryMapper groups;
  private DirectoryReferences references;
  private final Map<String, String> ids = new HashMap<>();
  private final Map<String, String> externalIds = new HashMap<>();

  @BeforeEach
  void seed() throws Exception {
    connection = connect();
    MappingSpec spec = Presets.openLdapRulesOnly();
    users = EntryMapper.forBase(spec.byName("User").orElseThrow(), BASE, null);
    groups = EntryMapper.forBase(spec.byName("Group").orElseThrow(), BASE, null);
    references = new DirectoryReferences(connection, BASE, List.of(users, groups));
    for (Entry e : entries()) {
      connection.add(e);
      SearchResultEntry added = connection.getEntry(e.getDN(), "entryUUID");
      ids.put(name(added), added.getAttributeValue("entryUUID").toLowerCase(Locale.ROOT));
    }
    externalIds.put(ids.get("bjensen"), "ext-1");
    externalIds.put(ids.get("jsmith"), "EXT-1");
  }

  @AfterEach
  void close() {
    if (connection != null) {
      connection.close();
    }
  }

  private static List<Entry> entries() {
    return List.of(
        entry(
            "uid=jsmith," + PEOPLE,
            "uid",
            "jsmith",
            "cn",
            "John Smith",
            "sn",
            "Smith",
            "givenName",
            "John",
            "mail",
            "jsmith@corp.example",
            "title",
            "Manager",
            "pwdAccountLockedTime",
            "000001010000Z"),
        entry(
            "uid=bjensen," + PEOPLE,
            "uid",
            "bjensen",
            "cn",
            "Barbara Jensen",
            "sn",
            "Jensen",
            "givenName",
            "Barbara",
            "displayName",
            "Babs Jensen",
            "mail",
            "bjensen@example.com",
            "mail",
            "babs@corp.example",
            "telephoneNumber",
            "+15550100",
            "mobile",
            "+4915550199",
            "title",
            "Tour Guide",
            "preferredLanguage",
            "en-US",
            "employeeNumber",
            "701984",
            "departmentNumber",
            "Tour Operations",
            "o",
            "Universal Studios",
            "ou",
            "Theme Park",
            "businessCategory",
            "4130",
            "manager",
            "uid=jsmith," + PEOPLE),
        entry(
            "uid=multi," + PEOPLE,
            "uid",
            "multi",
            "uid",
            "second",
            "cn",
            "Multi Valued",
            "sn",
            "Zeta",
            "sn",
            "Alpha",
            "title",
            "Zulu",
            "title",
            "Alpha"),
        entry(
            "uid=a*b," + PEOPLE,
            "uid",
            "a*b",
            "cn",
            "Star (x)",
            "sn",
            "Back\\slash",
            "displayName",
            "Café ☕",
            "title",
            "Star (x)"),
        entry(
            "uid=nomail," + PEOPLE,
            "uid",
            "nomail",
            "cn",
            "No Mail",
            "sn",
            "Nomail",
            "manager",
            GHOST),
        entry(
            "uid=MixedCase," + PEOPLE,
            "uid",
            "MixedCase",
            "cn",
            "Mixed Case",
            "sn",
            "Case",
            "givenName",
            "Mixed"),
        groupEntry("Engineering", "uid=bjensen," + PEOPLE, "uid=jsmith," + PEOPLE),
        groupEntry("Empty", "cn=nobody"),
        groupEntry("Legacy", GHOST, "uid=bjensen," + PEOPLE),
        groupEntry("Ghosts", GHOST));
  }

  private static Entry entry(String dn, String... pairs) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
    }
    Entry e = new Entry(dn);
    e.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson");
    values.forEach((name, v) -> e.addAttribute(new Attribute(name, v)));
    return e;
  }

  private static Entry groupEntry(String cn, String... members) {
    Entry e = new Entry("cn=" + cn + "," + GROUPS);
    e.addAttribute("objectClass", "top", "groupOfNames");
    e.addAttribute("cn", cn);
    e.addAttribute("member", members);
    return e;
  }

  /** A filter and the names (naming values) of the resources it must match; null: not fixed. */
  record Row(String type, String filter, Set<String> matches) {}

  static final Set<String> ALL_USERS =
      Set.of("bjensen", "jsmith", "multi", "a*b", "nomail", "MixedCase");

  static Row user(String filter, String... matches) {
    return new Row("User", filter, Set.of(matches));
  }

  static Row userExcept(String filter, String... not) {
    Set<String> matches = new TreeSet<>(ALL_USERS);
    matches.removeAll(Set.of(not));
    return new Row("User", filter, matches);
  }

  static Row user(String filter) {
    return new Row("User", filter, null);
  }

  static Row group(String filter, String... matches) {
    return new Row("Group", filter, Set.of(matches));
  }

  static List<Row> rows() {
    return List.of(
        user("userName eq \"bjensen\"", "bjensen"),
        user("userName eq \"BJENSEN\"", "bjensen"),
        user("userName eq \"multi\"", "multi"),
        user("userName eq \"second\""),
        userExcept("userName ne \"multi\"", "multi"),
        user("userName eq \"a*b\"", "a*b"),
        user("userName co \"*\"", "a*b"),
        user("userName eq \"*\""),
        user("userName co \"x)(uid=*\""),
        user("userName sw \"mi\"", "MixedCase"),
        user("userName gt \"m\"", "multi", "nomail", "MixedCase"),
        user("userName le \"bjensen\"", "bjensen", "a*b"),
        user("name.familyName eq \"Jensen\"", "bjensen"),
        user("name.familyName eq \"Alpha\""),
        user("name.familyName sw \"Ze\"", "multi"),
        user("name.familyName eq \"back\\\\SLASH\"", "a*b"),
        user("name.givenName pr", "bjensen", "jsmith", "MixedCase"),
        user("title co \"(x)\"", "a*b"),
        userExcept("name pr"),
        user("name[givenName sw \"b\" and familyName ew \"sen\"]", "bjensen"),
        user("displayName eq \"CAFÉ ☕\"", "a*b"),
        user("displayName co \"é\"", "a*b"),
        userExcept("not (displayName pr)", "bjensen", "a*b"),
        user("emails.value eq \"babs@corp.example\"", "bjensen"),
        user("emails.value co \"@CORP.example\"", "bjensen", "jsmith"),
        userExcept("emails.value ne \"babs@corp.example\"", "bjensen"),
        user("emails[type eq \"work\" and value ew \"example.com\"]", "bjensen"),
        user("emails[type eq \"home\"]"),
        user("emails[value sw \"bj\" and value ew \"corp.example\"]"),
        user("emails[not (value eq \"bjensen@example.com\")]", "bjensen", "jsmith"),
        user("emails.primary eq true", "bjensen", "jsmith"),
        userExcept("emails.type ne \"work\"", "bjensen", "jsmith"),
        user("phoneNumbers.value eq \"+4915550199\"", "bjensen"),
        user("phoneNumbers[type eq \"mobile\" and value sw \"+49\"]", "bjensen"),
        user("phoneNumbers[type eq \"work\" and value sw \"+49\"]"),
        user("title eq \"tour guide\"", "bjensen"),
        user("title eq \"Alpha\""),
        user("title gt \"n\"", "a*b", "bjensen", "multi"),
        user("preferredLanguage eq \"en-us\"", "bjensen"),
        user(
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"",
            "bjensen"),
        user("department sw \"tour\" and organization co \"studios\" and division pr", "bjensen"),
        user("costCenter eq \"4130\"", "bjensen"),
        user("manager.value eq \"{id:jsmith}\"", "bjensen"),
        user("manager eq \"{ID:jsmith}\"", "bjensen"),
        user("manager.value pr", "bjensen"),
        userExcept("manager.value ne \"{id:jsmith}\"", "bjensen"),
        user("externalId eq \"ext-1\"", "bjensen"),
        user("externalId eq \"EXT-1\"", "jsmith"),
        userExcept("externalId ne \"ext-1\"", "bjensen"),
        user("externalId pr", "bjensen", "jsmith"),
        user("externalId sw \"ext\"", "bjensen"),
        user("id eq \"{id:bjensen}\"", "bjensen"),
        user("id eq \"{ID:bjensen}\""),
        userExcept("id ne \"{id:bjensen}\"", "bjensen"),
        user("id sw \"{id:bjensen}\"", "bjensen"),
        userExcept("active eq true", "jsmith"),
        user("active eq false", "jsmith"),
        userExcept("active ne false", "jsmith"),
        userExcept("meta.resourceType eq \"User\""),
        user("meta.resourceType eq \"Group\""),
        userExcept("meta.created gt \"2000-01-01T00:00:00Z\""),
        user("meta.created lt \"2000-01-01T00:00:00Z\""),
        user("meta.created eq \"{created:bjensen}\""),
        user("meta.created ge \"{created:bjensen}\""),
        user("meta.created gt \"{created:bjensen}\""),
        user("meta.created le \"{created:bjensen}\""),
        user("meta.created lt \"{created:bjensen}\""),
        user("meta.lastModified ge \"{modified:multi}\""),
        user("meta.lastModified lt \"{modified:multi}\""),
        userExcept("not (userName eq \"bjensen\")", "bjensen"),
        user("(title pr or emails pr) and not (active eq false)", "a*b", "bjensen", "multi"),
        user("userName eq \"bjensen\" or name.familyName eq \"Smith\"", "bjensen", "jsmith"),
        group("displayName eq \"engineering\"", "Engineering"),
        group("members.value eq \"{id:bjensen}\"", "Engineering", "Legacy"),
        group("members[value eq \"{id:jsmith}\"]", "Engineering"),
        group("members.value ne \"{id:bjensen}\"", "Empty", "Ghosts"),
        group("members pr", "Engineering", "Legacy"),
        group("members.type eq \"User\"", "Engineering", "Legacy"),
        group(
            "members.value eq \"{id:bjensen}\" and members.value eq \"{id:jsmith}\"",
            "Engineering"),
        group("not (members pr)", "Empty", "Ghosts"));
  }

  @TestFactory
  Stream<DynamicTest> translatedFiltersSelectWhatTheFilterMeans() throws LDAPException {
    Schema schema = connection.getSchema();
    return rows().stream()
        .flatMap(
            row ->
                Stream.of(
                    DynamicTest.dynamicTest(
                        row.type() + " " + row.filter(), () -> check(row, null)),
                    DynamicTest.dynamicTest(
                        row.type() + " " + row.filter() + " (schema)", () -> check(row, schema))));
  }

  /** The reason userName eq is a superset: uid may hold several values; userName is the first. */
  @Test
  void aSecondValueOfASingleValuedAttributeIsNotItsScimValue() throws Exception {
    FilterTranslator.Translation t =
        translator(users, null, FilterParser.parse("userName eq \"second\""))
            .translate(FilterParser.parse("userName eq \"second\""));
    assertEquals(Set.of("multi"), selected(users, t.ldap()));
    assertEquals(Set.of(), matching(users, FilterParser.parse("userName eq \"second\"")));
    assertFalse(t.exact());
    assertEquals(Set.of("uid"), t.exactWhenSingle().orElseThrow());
  }

  private void check(Row row, Schema schema) throws LDAPException {
    EntryMapper mapper = row.type().equals("User") ? users : groups;
    ScimFilter filter = FilterParser.parse(substitute(row.filter()));
    FilterTranslator.Translation t = translator(mapper, schema, filter).translate(filter);
    Set<String> selected = selected(mapper, t.ldap());
    Set<String> truth = matching(mapper, filter);
    if (row.matches() != null) {
      assertEquals(new TreeSet<>(row.matches()), truth, "what " + row.filter() + " means");
    }
    assertTrue(
        selected.containsAll(truth),
        () -> t.ldap() + " selected " + selected + ", missing some of " + truth);
    if (t.exact()) {
      assertEquals(truth, selected, () -> t.ldap() + " claims to be exact");
    } else if (t.exactWhenSingle().isPresent()) {
      Set<String> single = withAtMostOneValue(mapper, t.exactWhenSingle().get());
      Set<String> selectedSingle = new TreeSet<>(selected);
      selectedSingle.retainAll(single);
      Set<String> truthSingle = new TreeSet<>(truth);
      truthSingle.retainAll(single);
      assertEquals(
          truthSingle,
          selectedSingle,
          () -> t.ldap() + " claims to be exact with one value of " + t.exactWhenSingle().get());
    }
  }

  /**
   * The entries of the type with at most one value of each of these attributes, and none of it with
   * other options.
   */
  private Set<String> withAtMostOneValue(EntryMapper mapper, Set<String> attributes)
      throws LDAPException {
    Set<String> names = new TreeSet<>();
    for (SearchResultEntry e : entries(mapper, attributes.toArray(String[]::new))) {
      boolean single = true;
      for (String attribute : attributes) {
        String base = com.unboundid.ldap.sdk.Attribute.getBaseName(attribute);
        for (com.unboundid.ldap.sdk.Attribute a : e.getAttributes()) {
          if (a.getBaseName().equalsIgnoreCase(base)) {
            single &= a.getName().equalsIgnoreCase(attribute) && a.size() <= 1;
          }
        }
      }
      if (single) {
        names.add(name(e));
      }
    }
    return names;
  }

  private FilterTranslator translator(EntryMapper mapper, Schema schema, ScimFilter filter) {
    References refs = references.resolve(FilterTranslator.referencedIds(filter, mapper), List.of());
    FilterTranslator.StoreLookup store =
        ext ->
            externalIds.entrySet().stream()
                .filter(e -> e.getValue().equals(ext))
                .map(Map.Entry::getKey)
                .toList();
    return schema == null
        ? new FilterTranslator(mapper, refs, store)
        : new FilterTranslator(mapper, refs, store, schema);
  }

  private Set<String> selected(EntryMapper mapper, Filter ldap) throws LDAPException {
    Set<String> names = new TreeSet<>();
    for (SearchResultEntry e :
        connection
            .search(mapper.searchBase().toString(), SearchScope.SUB, ldap, "1.1")
            .getSearchEntries()) {
      names.add(name(e));
    }
    return names;
  }

  /** The entries of the mapper's type, with {@code attributes}. */
  private List<SearchResultEntry> entries(EntryMapper mapper, String... attributes)
      throws LDAPException {
    return connection
        .search(
            mapper.searchBase().toString(),
            SearchScope.SUB,
            mapper.mapping().entryFilter(),
            attributes)
        .getSearchEntries();
  }

  /** The names of the resources of the mapper's type that the SCIM filter matches in memory. */
  private Set<String> matching(EntryMapper mapper, ScimFilter filter) throws LDAPException {
    Set<String> names = new TreeSet<>();
    for (SearchResultEntry e :
        entries(mapper, mapper.attributesToFetch(true).toArray(String[]::new))) {
      ObjectNode resource = resource(mapper, e);
      if (FilterEvaluator.matches(filter, resource, mapper.mapping().schema())) {
        names.add(name(e));
      }
    }
    return names;
  }

  /** The resource as the gateway serves it: the mapped attributes and meta. */
  private ObjectNode resource(EntryMapper mapper, SearchResultEntry e) {
    String id = mapper.immutableId(e).orElseThrow();
    References refs = references.resolve(List.of(), mapper.referencedDns(e, true));
    ObjectNode resource = mapper.toScim(e, id, externalIds.get(id), refs, true);
    ObjectNode meta = resource.putObject("meta");
    meta.put("resourceType", mapper.mapping().name());
    String created = time(e, "createTimestamp");
    meta.put("created", created);
    meta.put(
        "lastModified", e.hasAttribute("modifyTimestamp") ? time(e, "modifyTimestamp") : created);
    meta.put(
        "location",
        "https://scim.example.com/v2" + mapper.mapping().schema().endpoint() + "/" + id);
    meta.put("version", "W/\"1\"");
    return resource;
  }

  /** Replaces {id:x}, {ID:x} (upper case), {created:x} and {modified:x} with x's values. */
  private String substitute(String filter) throws LDAPException {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (filter.indexOf('{', at) >= 0) {
      int open = filter.indexOf('{', at);
      int close = filter.indexOf('}', open);
      out.append(filter, at, open);
      String[] parts = filter.substring(open + 1, close).split(":");
      String id = ids.get(parts[1]);
      out.append(
          switch (parts[0]) {
            case "id" -> id;
            case "ID" -> id.toUpperCase(Locale.ROOT);
            case "created" -> time(entryNamed(parts[1]), "createTimestamp");
            default -> time(entryNamed(parts[1]), "modifyTimestamp");
          });
      at = close + 1;
    }
    return out.append(filter.substring(at)).toString();
  }

  private SearchResultEntry entryNamed(String uid) throws LDAPException {
    return connection.getEntry("uid=" + uid + "," + PEOPLE, "createTimestamp", "modifyTimestamp");
  }

  private static String time(Entry e, String attribute) {
    try {
      return StaticUtils.decodeGeneralizedTime(e.getAttributeValue(attribute))
          .toInstant()
          .toString();
    } catch (ParseException ex) {
      throw new IllegalStateException(attribute + " of " + e.getDN(), ex);
    }
  }

  private static String name(Entry e) throws LDAPException {
    return e.getParsedDN().getRDN().getAttributeValues()[0];
  }
}
