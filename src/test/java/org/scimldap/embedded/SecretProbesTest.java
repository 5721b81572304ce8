package org.scimldap.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.CompareRequest;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPRequest;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.AssertionRequestControl;
import com.unboundid.ldap.sdk.controls.MatchedValuesFilter;
import com.unboundid.ldap.sdk.controls.MatchedValuesRequestControl;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.ldap.sdk.controls.VirtualListViewRequestControl;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimldap.mapping.spec.PasswordHasher;

/**
 * No connection but the administrator's may test a password hash in any way: each row is a request
 * that would answer a yes/no question about {@code userPassword} (or order entries by it), and so
 * recover a hash a few hundred questions at a time. Anonymous and user connections are refused; the
 * administrator's gets its answer, which shows that each row does probe the hash.
 */
class SecretProbesTest {
  private static final String BASE = "dc=example,dc=com";
  private static final String USER = "uid=jdoe,ou=people,dc=example,dc=com";
  private static final String OTHER = "uid=other,ou=people,dc=example,dc=com";
  private static final String PASSWORD = "Pa55-word";

  @TempDir static Path data;
  private static EmbeddedDirectory dir;

  @BeforeAll
  static void start() throws Exception {
    dir = EmbeddedDirectory.start(data, BASE, 0);
    try (LDAPConnection admin = admin()) {
      for (String uid : new String[] {"jdoe", "other"}) {
        admin.add(
            "dn: uid=" + uid + ",ou=people," + BASE,
            "objectClass: inetOrgPerson",
            "uid: " + uid,
            "cn: " + uid,
            "sn: " + uid,
            "userPassword: " + PasswordHasher.hash(PasswordHasher.Scheme.SSHA, PASSWORD));
      }
    }
  }

  @AfterAll
  static void stop() {
    dir.close();
  }

  static Stream<Arguments> probes() {
    return Stream.of(
        row(
            "assertion control on a search",
            () -> searchOther(assertion("(userPassword={SSHA}*)"))),
        row(
            "assertion control naming an option of userPassword",
            () -> searchOther(assertion("(userPassword;binary=*)"))),
        row(
            "assertion control naming userPassword by OID",
            () -> searchOther(assertion("(2.5.4.35>={SSHA}M)"))),
        row(
            "assertion control inside NOT",
            () -> searchOther(assertion("(!(userPassword<={SSHA}M))"))),
        row(
            "assertion control on a compare of another attribute",
            () -> compare("uid", "other", assertion("(userPassword={SSHA}*)"))),
        row(
            "server-side sort on userPassword",
            () ->
                search(
                    "(objectClass=inetOrgPerson)",
                    new ServerSideSortRequestControl(new SortKey("userPassword")))),
        row(
            "server-side sort with a virtual list view on userPassword",
            () ->
                search(
                    "(objectClass=inetOrgPerson)",
                    new ServerSideSortRequestControl(new SortKey("userPassword")),
                    new VirtualListViewRequestControl("{SSHA}M", 0, 1, null))),
        row(
            "matched values on userPassword",
            () ->
                search(
                    "(uid=other)",
                    new MatchedValuesRequestControl(
                        MatchedValuesFilter.createSubstringFilter(
                            "userPassword", "{SSHA}", null, null)))),
        row("compare of userPassword", () -> compare("userPassword", "{SSHA}x")),
        row("search filter on userPassword", () -> search("(userPassword={SSHA}*)")));
  }

  private static Arguments row(String name, Supplier<LDAPRequest> request) {
    return Arguments.of(name, request);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("probes")
  void anonymousAndUserConnectionsAreRefused(String name, Supplier<LDAPRequest> request)
      throws Exception {
    try (LDAPConnection anonymous = new LDAPConnection("127.0.0.1", dir.port());
        LDAPConnection user = new LDAPConnection("127.0.0.1", dir.port(), USER, PASSWORD)) {
      for (LDAPConnection c : new LDAPConnection[] {anonymous, user}) {
        LDAPResult result = send(c, request.get());
        assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, result.getResultCode(), name);
        assertTrue(
            result.getDiagnosticMessage().contains("passwords cannot be tested"),
            result.getDiagnosticMessage());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("probes")
  void theAdministratorStillGetsAnAnswer(String name, Supplier<LDAPRequest> request)
      throws Exception {
    try (LDAPConnection admin = admin()) {
      LDAPResult result = send(admin, request.get());
      assertTrue(
          result.getResultCode() == ResultCode.SUCCESS
              || result.getResultCode() == ResultCode.COMPARE_TRUE
              || result.getResultCode() == ResultCode.COMPARE_FALSE
              || result.getResultCode() == ResultCode.ASSERTION_FAILED,
          name + ": " + result);
    }
  }

  @Test
  void theSameRequestsOnOtherAttributesAreAnswered() throws Exception {
    try (LDAPConnection anonymous = new LDAPConnection("127.0.0.1", dir.port())) {
      assertEquals(
          ResultCode.SUCCESS,
          send(anonymous, searchOther(assertion("(sn=other)"))).getResultCode());
      assertEquals(
          ResultCode.SUCCESS,
          send(
                  anonymous,
                  search(
                      "(objectClass=inetOrgPerson)",
                      new ServerSideSortRequestControl(new SortKey("sn"))))
              .getResultCode());
      assertEquals(
          ResultCode.COMPARE_TRUE, send(anonymous, compare("sn", "other")).getResultCode());
      var seen = anonymous.getEntry(OTHER, "*", "userPassword");
      assertFalse(seen.hasAttribute("userPassword"), "the hash is not returned");
    }
  }

  /**
   * The in-memory server does not evaluate extensible matches, but one without an attribute would
   * be evaluated against every attribute, the secret ones too, by a server that does.
   */
  @Test
  void anExtensibleMatchOnEveryAttributeIsRefused() throws Exception {
    try (LDAPConnection anonymous = new LDAPConnection("127.0.0.1", dir.port())) {
      assertEquals(
          ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
          send(anonymous, search("(:caseIgnoreMatch:={SSHA}x)")).getResultCode());
    }
  }

  /** A base search of the other user, whose assertion control is evaluated against that entry. */
  private static SearchRequest searchOther(Control... controls) {
    try {
      SearchRequest r =
          new SearchRequest(OTHER, SearchScope.BASE, Filter.create("(objectClass=*)"), "uid");
      r.setControls(controls);
      return r;
    } catch (LDAPException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static SearchRequest search(String filter, Control... controls) {
    try {
      SearchRequest r = new SearchRequest(BASE, SearchScope.SUB, Filter.create(filter), "uid");
      r.setControls(controls);
      return r;
    } catch (LDAPException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static CompareRequest compare(String attribute, String value, Control... controls) {
    CompareRequest r = new CompareRequest(OTHER, attribute, value);
    r.setControls(controls);
    return r;
  }

  private static AssertionRequestControl assertion(String filter) {
    try {
      return new AssertionRequestControl(filter);
    } catch (LDAPException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static LDAPResult send(LDAPConnection c, LDAPRequest request) {
    try {
      if (request instanceof SearchRequest s) {
        return c.search(s);
      }
      return c.compare((CompareRequest) request);
    } catch (LDAPException e) {
      return e.toLDAPResult();
    }
  }

  private static LDAPConnection admin() throws LDAPException {
    return new LDAPConnection(
        "127.0.0.1", dir.port(), dir.adminDn().toString(), dir.adminPassword());
  }
}
