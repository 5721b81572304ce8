package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.scimldap.ldap.Directory;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.scim.ScimException;

/** What the uniqueness check of {@code unique: true} rules asks the directory, and when. */
class UniqueValuesTest {
  private static final String MAPPING =
      """
      version: 1
      resourceTypes:
        User:
          extensions: [urn:ietf:params:scim:schemas:extension:enterprise:2.0:User]
          objectClasses: [top, person, organizationalPerson, inetOrgPerson]
          container: "ou=people,{baseDn}"
          searchBase: "{baseDn}"
          rdn: "uid={userName}"
          attributes:
            - scim: userName
              ldap: uid
              unique: true
            - scim: emails.value
              ldap: mail
              unique: true
            - scim: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber
              ldap: employeeNumber
              unique: true
            - scim: title
              ldap: title
      """;

  private final EntryMapper mapper =
      EntryMapper.forBase(
          MappingLoader.check("t.yaml", MAPPING, Map.of()).orElseThrow().byName("User").get(),
          "dc=example,dc=com",
          null);

  @Test
  void aNewEntryIsCheckedWithOneSearchForAllItsUniqueValuesButTheName() throws Exception {
    Recording directory = new Recording(List.of());
    Entry entry =
        new Entry(
            "uid=ann,ou=people,dc=example,dc=com",
            new Attribute("uid", "ann"),
            new Attribute("mail", "ann@example.com", "a@example.com"),
            new Attribute("employeeNumber", "E*1"),
            new Attribute("title", "Boss"));
    new UniqueValues(mapper, directory).requireFree(entry);
    assertEquals(
        List.of(
            "dc=example,dc=com (|(mail=ann@example.com)(mail=a@example.com)"
                + "(employeeNumber=E\\2a1))"),
        directory.searches);
  }

  @Test
  void aModifyIsCheckedOnlyForValuesTheEntryDidNotHave() throws Exception {
    Entry current =
        new Entry(
            "uid=ann,ou=people,dc=example,dc=com",
            new Attribute("mail", "ann@example.com"),
            new Attribute("employeeNumber", "E-1"));
    Recording directory = new Recording(List.of());
    UniqueValues unique = new UniqueValues(mapper, directory);
    unique.requireFree(
        List.of(
            new Modification(ModificationType.REPLACE, "mail", "ANN@example.com", "b@example.com"),
            new Modification(ModificationType.REPLACE, "title", "Boss")),
        current);
    unique.requireFree(
        List.of(new Modification(ModificationType.REPLACE, "mail", "Ann@Example.com")), current);
    unique.requireFree(List.of(new Modification(ModificationType.DELETE, "mail")), current);
    assertEquals(List.of("dc=example,dc=com (mail=b@example.com)"), directory.searches);
  }

  @Test
  void aValueIsLookedForAlsoInItsNfkcCaseFoldedForm() throws Exception {
    Recording directory = new Recording(List.of());
    Entry entry =
        new Entry(
            "uid=ann,ou=people,dc=example,dc=com",
            new Attribute("uid", "ann"),
            new Attribute("mail", "\uFF41nn@example.com"));
    new UniqueValues(mapper, directory).requireFree(entry);
    assertEquals(
        List.of("dc=example,dc=com (|(mail=\\ef\\bd\\81nn@example.com)(mail=ann@example.com))"),
        directory.searches);
  }

  @Test
  void anotherEntryWithTheValueIsAConflictButTheEntryItselfIsNot() throws Exception {
    Entry self = new Entry("uid=ann,ou=people,dc=example,dc=com");
    self.addAttribute("mail", "ann@example.com");
    Entry other = new Entry("uid=bob,ou=people,dc=example,dc=com");
    other.addAttribute("employeeNumber", "e-2");
    Recording directory = new Recording(List.of(self.duplicate(), other));
    UniqueValues unique = new UniqueValues(mapper, directory);
    List<Modification> mods =
        List.of(
            new Modification(ModificationType.REPLACE, "mail", "ann2@example.com"),
            new Modification(ModificationType.REPLACE, "employeeNumber", "E-2"));
    ScimException e = assertThrows(ScimException.class, () -> unique.requireFree(mods, self));
    assertEquals(409, e.status());
    assertEquals(
        "User with urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"
            + " 'E-2' already exists (unique LDAP attribute employeeNumber)",
        e.detail());

    Recording onlySelf = new Recording(List.of(self.duplicate()));
    new UniqueValues(mapper, onlySelf).requireFree(mods, self);
  }

  /** Records each search as {@code base filter} and answers with fixed entries. */
  private static final class Recording implements Directory {
    final List<String> searches = new ArrayList<>();
    private final List<Entry> answer;

    Recording(List<Entry> answer) {
      this.answer = answer;
    }

    @Override
    public void search(
        DN base, SearchScope scope, Filter filter, List<String> attributes, Consumer<Entry> sink) {
      searches.add(base + " " + filter);
      answer.forEach(sink);
    }

    @Override
    public Optional<Entry> read(DN dn, List<String> attributes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void add(Entry entry) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void modify(
        DN dn, List<Modification> modifications, boolean permissive, Optional<Filter> assertion) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void modifyAsRead(DN dn, List<Modification> modifications) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void rename(DN dn, RDN newRdn, Optional<Filter> assertion) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(DN dn) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String describe() {
      return "recording";
    }

    @Override
    public void close() {}
  }
}
