package org.scimldap.mapping.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.scimldap.mapping.entry.MapperFixture.JSMITH_DN;
import static org.scimldap.mapping.entry.MapperFixture.KJONES_DN;
import static org.scimldap.mapping.entry.MapperFixture.MANAGER;
import static org.scimldap.mapping.entry.MapperFixture.REFS;
import static org.scimldap.mapping.entry.MapperFixture.STAFF_DN;
import static org.scimldap.mapping.entry.MapperFixture.admins;
import static org.scimldap.mapping.entry.MapperFixture.group;
import static org.scimldap.mapping.entry.MapperFixture.json;
import static org.scimldap.mapping.entry.MapperFixture.manager;
import static org.scimldap.mapping.entry.MapperFixture.person;
import static org.scimldap.mapping.entry.MapperFixture.render;
import static org.scimldap.mapping.entry.MapperFixture.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.mapping.entry.MapperFixture.Mapping;
import org.scimldap.scim.ScimException;

/**
 * What the mapper needs resolved: {@link EntryMapper#referencedIds} for writes and {@link
 * EntryMapper#referencedDns} for reads; a table holding exactly those is enough, and no smaller one
 * is (except for members a change leaves in place, which {@code diff} does not look up).
 */
class ReferencedTest {
  static final String MANAGER_REF =
      "- {scim: '" + MANAGER + "', ldap: manager, transform: reference}";
  static final String MANAGER_READ_ONLY =
      "- {scim: '" + MANAGER + "', ldap: manager, transform: reference, direction: toScim}";
  static final String MANAGER_WRITE_ONLY =
      "- {scim: '" + MANAGER + "', ldap: manager, transform: reference, direction: toLdap}";

  /** The secretary is the first entitlement, else the manager. */
  static final String SECRETARY =
      "- {scim: entitlements.value, ldap: secretary, transform: reference,"
          + " fallback: ['"
          + MANAGER
          + "']}";

  static final String MEMBER_OR_NOBODY = "{ldap: member, placeholder: 'cn=nobody'}";

  static Stream<Arguments> idsOfResources() {
    return Stream.of(
        arguments(user(MANAGER_REF), "{" + manager("id-jsmith") + "}", List.of("id-jsmith")),
        arguments(user(MANAGER_REF), "{'title': 'id-jsmith'}", List.of()),
        arguments(user(MANAGER_READ_ONLY), "{" + manager("id-jsmith") + "}", List.of()),
        arguments(user(MANAGER_WRITE_ONLY), "{" + manager("id-jsmith") + "}", List.of("id-jsmith")),
        // a fallback's reference is looked up only when the fallback is used
        arguments(user(SECRETARY), "{" + manager("id-jsmith") + "}", List.of("id-jsmith")),
        arguments(
            user(SECRETARY),
            "{'entitlements': [{'value': 'id-kjones'}], " + manager("id-jsmith") + "}",
            List.of("id-kjones")),
        arguments(
            user(MANAGER_REF, SECRETARY),
            "{'entitlements': [{'value': 'id-kjones'}], " + manager("id-jsmith") + "}",
            List.of("id-jsmith", "id-kjones")),
        // members in order, once each; blank and non-text values name nothing
        arguments(
            group(MEMBER_OR_NOBODY),
            "{'members': [{'value': 'id-staff'}, {'value': 'id-jsmith'}, {'value': 'id-staff'},"
                + " {'value': ' '}, {'value': 7}, {'display': 'x'}]}",
            List.of("id-staff", "id-jsmith")),
        arguments(group(MEMBER_OR_NOBODY), "{'displayName': 'admins'}", List.of()));
  }

  @ParameterizedTest(name = "[{index}] {0} | {1} -> {2}")
  @MethodSource("idsOfResources")
  void referencedIdsAreTheIdsAWriteLooksUp(Mapping mapping, String resource, List<String> ids) {
    assertEquals(ids, List.copyOf(mapping.mapper().referencedIds(json(resource))));
  }

  static Stream<Arguments> dnsOfEntries() {
    return Stream.of(
        arguments(user(MANAGER_REF), person("manager: " + JSMITH_DN), true, List.of(JSMITH_DN)),
        arguments(user(MANAGER_REF), person("manager: Jane Smith"), true, List.of()),
        arguments(
            user(MANAGER_READ_ONLY), person("manager: " + JSMITH_DN), true, List.of(JSMITH_DN)),
        arguments(user(MANAGER_WRITE_ONLY), person("manager: " + JSMITH_DN), true, List.of()),
        // the placeholder and values that are no DNs are never referenced
        arguments(
            group(MEMBER_OR_NOBODY),
            admins(
                "member: cn=nobody",
                "member: " + KJONES_DN,
                "member: not a dn",
                "member: " + STAFF_DN),
            true,
            List.of(KJONES_DN, STAFF_DN)),
        arguments(group(MEMBER_OR_NOBODY), admins("member: " + KJONES_DN), false, List.of()),
        arguments(
            group("{ldap: member}"), admins("member: cn=nobody"), true, List.of("cn=nobody")));
  }

  @ParameterizedTest(name = "[{index}] {0} | {1}, members: {2} -> {3}")
  @MethodSource("dnsOfEntries")
  void referencedDnsAreTheDnsAReadLooksUp(
      Mapping mapping, Entry entry, boolean withMembers, List<String> dns) {
    assertEquals(
        dns,
        mapping.mapper().referencedDns(entry, withMembers).stream().map(DN::toString).toList());
  }

  @Test
  void newEntryNeedsExactlyTheReferencedIds() {
    EntryMapper mapper = user(MANAGER_REF, SECRETARY).mapper();
    ObjectNode resource =
        json(
            "{'userName': 'bjensen', 'entitlements': [{'value': 'id-kjones'}], "
                + manager("id-jsmith")
                + "}");
    Set<String> ids = mapper.referencedIds(resource);
    assertEquals(
        render(mapper.newEntry(resource, REFS), null),
        render(mapper.newEntry(resource, idsOnly(ids)), null));
    for (String id : ids) {
      Set<String> fewer = new LinkedHashSet<>(ids);
      fewer.remove(id);
      assertThrows(ScimException.class, () -> mapper.newEntry(resource, idsOnly(fewer)), id);
    }
  }

  /**
   * Rows of a change and the referenced ids it can do without: references of attributes that
   * changed are mapped in both versions (an unchanged one is not worked out at all), while of
   * members only those added or removed are looked up.
   */
  static Stream<Arguments> changes() {
    return Stream.of(
        arguments(
            group(MEMBER_OR_NOBODY),
            "{'members': [{'value': 'id-jsmith'}, {'value': 'id-kjones'}]}",
            "{'members': [{'value': 'id-jsmith'}, {'value': 'id-staff'}]}",
            admins("member: " + JSMITH_DN, "member: " + KJONES_DN),
            Set.of("id-jsmith")),
        arguments(
            user(MANAGER_REF, "- {scim: title, ldap: title}"),
            "{'title': 'Boss', " + manager("id-jsmith") + "}",
            "{'title': 'Chief', " + manager("id-jsmith") + "}",
            person(),
            // The manager is the same in both versions: its rule is not worked out again.
            Set.of("id-jsmith")),
        arguments(
            user(MANAGER_REF),
            "{" + manager("id-jsmith") + "}",
            "{" + manager("id-kjones") + "}",
            person(),
            Set.of()));
  }

  @ParameterizedTest(name = "[{index}] {0} | {1} -> {2}")
  @MethodSource("changes")
  void diffNeedsAtMostTheReferencedIdsOfBothVersions(
      Mapping mapping, String was, String now, Entry current, Set<String> unneeded) {
    EntryMapper mapper = mapping.mapper();
    ObjectNode before = json(was);
    ObjectNode after = json(now);
    Set<String> ids = new LinkedHashSet<>(mapper.referencedIds(before));
    ids.addAll(mapper.referencedIds(after));
    List<String> full = render(mapper.diff(before, after, current, REFS, true), null);
    assertEquals(full, render(mapper.diff(before, after, current, idsOnly(ids), true), null));
    for (String id : ids) {
      Set<String> fewer = new LinkedHashSet<>(ids);
      fewer.remove(id);
      References refs = idsOnly(fewer);
      if (unneeded.contains(id)) {
        assertEquals(full, render(mapper.diff(before, after, current, refs, true), null), id);
        continue;
      }
      try {
        assertNotEquals(full, render(mapper.diff(before, after, current, refs, true), null), id);
      } catch (ScimException refused) {
        assertEquals(400, refused.status(), id);
      }
    }
  }

  static Stream<Arguments> reads() {
    return Stream.of(
        arguments(user(MANAGER_REF), person("manager: " + JSMITH_DN)),
        arguments(
            group(MEMBER_OR_NOBODY),
            admins("member: cn=nobody", "member: " + KJONES_DN, "member: " + STAFF_DN)));
  }

  @ParameterizedTest(name = "[{index}] {0} | {1}")
  @MethodSource("reads")
  void toScimNeedsExactlyTheReferencedDns(Mapping mapping, Entry entry) {
    EntryMapper mapper = mapping.mapper();
    Set<DN> dns = mapper.referencedDns(entry, true);
    assertFalse(dns.isEmpty());
    ObjectNode full = mapper.toScim(entry, "id-x", null, REFS, true);
    assertEquals(full, mapper.toScim(entry, "id-x", null, dnsOnly(dns), true));
    for (DN dn : dns) {
      Set<DN> fewer = new LinkedHashSet<>(dns);
      fewer.remove(dn);
      assertNotEquals(
          full, mapper.toScim(entry, "id-x", null, dnsOnly(fewer), true), dn.toString());
    }
  }

  /** {@link MapperFixture#REFS} cut down to these ids. */
  private static References idsOnly(Set<String> ids) {
    References.Builder b = References.builder();
    for (String id : ids) {
      DN dn = REFS.dnOf(id).orElseThrow();
      b.resource(id, REFS.targetOf(dn).orElseThrow().resourceType(), dn);
    }
    return b.build();
  }

  /** {@link MapperFixture#REFS} cut down to these DNs. */
  private static References dnsOnly(Set<DN> dns) {
    References.Builder b = References.builder();
    for (DN dn : dns) {
      References.Target t = REFS.targetOf(dn).orElseThrow();
      b.resource(t.id(), t.resourceType(), dn);
    }
    return b.build();
  }
}
