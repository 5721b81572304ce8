package org.scimldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.schema.Schema;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.scimldap.config.GatewayConfig;
import org.scimldap.embedded.EmbeddedSchema;
import org.scimldap.ldap.Directory;
import org.scimldap.ldap.DirectoryException;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.MappingProblem;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.service.DirectoryCheck;
import org.scimldap.testsupport.Presets;

/** A directory that cannot be reached at start is checked once it answers. */
class StartupChecksTest {

  /** A directory that is down until {@link #up} is set, and then holds no entry at all. */
  private static final class LateDirectory implements Directory {
    volatile boolean up;

    @Override
    public Optional<Entry> read(DN dn, List<String> attributes) {
      if (!up) {
        throw new DirectoryException("read " + dn, ResultCode.CONNECT_ERROR, "", null);
      }
      return Optional.empty();
    }

    @Override
    public void search(
        DN base, SearchScope scope, Filter filter, List<String> attrs, Consumer<Entry> sink) {}

    @Override
    public void add(Entry entry) {}

    @Override
    public void modify(DN dn, List<Modification> mods, boolean permissive, Optional<Filter> a) {}

    @Override
    public void modifyAsRead(DN dn, List<Modification> mods) {}

    @Override
    public void rename(DN dn, RDN newRdn, Optional<Filter> assertion) {}

    @Override
    public void delete(DN dn) {}

    @Override
    public Optional<Schema> schema() {
      return Optional.of(EmbeddedSchema.schema());
    }

    @Override
    public String describe() {
      return "ldap://late.example:389";
    }

    @Override
    public void close() {}
  }

  @Test
  void anUnreachableDirectoryIsCheckedWhenItAnswers() throws Exception {
    GatewayConfig config = GatewayConfig.defaults();
    MappingSpec mapping = MappingLoader.load("mappings/openldap.yaml");
    List<EntryMapper> mappers =
        mapping.resources().stream()
            .map(r -> EntryMapper.forBase(r, config.ldap().baseDn(), null))
            .toList();
    LateDirectory directory = new LateDirectory();
    try (StartupChecks checks =
        StartupChecks.run(
            new DirectoryCheck(directory, mapping, mappers, config.ldap()),
            Duration.ofMillis(20))) {
      assertFalse(checks.done(), "nothing is known before the directory answers");
      directory.up = true;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!checks.done() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(checks.done(), "checked once the directory answered");
      assertEquals(
          List.of(
              "the base DN 'dc=example,dc=com' (ldap.baseDn) does not exist in"
                  + " ldap://late.example:389",
              Presets.openLdapAt("container: \"ou=people", 16)
                  + ": the container 'ou=people,dc=example,dc=com' of User"
                  + " does not exist in ldap://late.example:389",
              Presets.openLdapAt("container: \"ou=groups", 16)
                  + ": the container 'ou=groups,dc=example,dc=com' of Group"
                  + " does not exist in ldap://late.example:389"),
          checks.outcome().stream().map(MappingProblem::toString).toList());
    }
  }
}
