package org.scimldap.bench;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's work done directly against LDAP with the UnboundID SDK, the same entries the
 * gateway's OpenLDAP preset writes, in containers of their own (e.g. {@code ou=bench-people} and
 * {@code ou=bench-groups}) so that the gateway never sees them.
 */
final class LdapSide implements Side {
  private final LDAPConnectionPool pool;
  private final Names names;
  private final String people;
  private final String groups;
  private final ASN1OctetString[] cookies;
  private final LDAPConnection[] paging;

  LdapSide(LDAPConnection first, String baseDn, int clients, Names names) throws LDAPException {
    this.names = names;
    this.people = names.container("people", baseDn);
    this.groups = names.container("groups", baseDn);
    this.pool = new LDAPConnectionPool(first, clients, clients);
    this.cookies = new ASN1OctetString[clients];
    this.paging = new LDAPConnection[clients];
    for (String unit : List.of(people, groups)) {
      pool.add(
          new AddRequest(
              unit,
              new Attribute("objectClass", "organizationalUnit"),
              new Attribute("ou", new DN(unit).getRDN().getAttributeValues()[0])));
    }
  }

  @Override
  public String name() {
    return "direct LDAP";
  }

  private String dn(int i) {
    return new DN(new RDN("uid", names.userName(i)), parent()).toString();
  }

  private DN parent() {
    try {
      return new DN(people);
    } catch (LDAPException e) {
      throw new IllegalStateException(e);
    }
  }

  private String groupDn(int g) {
    return "cn=" + names.groupName(g) + "," + groups;
  }

  @Override
  public void create(int i) throws LDAPException {
    pool.add(
        new AddRequest(
            dn(i),
            new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
            new Attribute("uid", names.userName(i)),
            new Attribute("cn", names.displayName(i)),
            new Attribute("sn", names.familyName(i)),
            new Attribute("givenName", Names.GIVEN_NAME),
            new Attribute("displayName", names.displayName(i)),
            new Attribute("mail", names.email(i))));
  }

  @Override
  public void get(int i) throws Exception {
    SearchResultEntry e = pool.getEntry(dn(i), "*", "entryUUID", "modifyTimestamp");
    Check.that(e != null && names.userName(i).equals(e.getAttributeValue("uid")), "entry " + i);
  }

  @Override
  public void filter(int i) throws Exception {
    SearchResult r =
        pool.search(
            people,
            SearchScope.SUB,
            Filter.createANDFilter(
                Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
                Filter.createEqualityFilter("uid", names.userName(i))),
            "*",
            "entryUUID");
    Check.that(r.getEntryCount() == 1, "one entry for " + names.userName(i));
  }

  @Override
  public void patch(int i, int pass) throws LDAPException {
    pool.modify(
        dn(i),
        new Modification(ModificationType.REPLACE, "title", names.title(i, pass)),
        new Modification(ModificationType.REPLACE, "pwdAccountLockedTime", "000001010000Z"));
  }

  /** Pages with a cookie on one connection per client: a cookie is valid only there. */
  @Override
  public int listPage(int client, int page) throws Exception {
    if (page == 0) {
      cookies[client] = null;
      paging[client] = pool.getConnection();
    }
    SearchRequest request =
        new SearchRequest(
            people,
            SearchScope.ONE,
            Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
            "*",
            "entryUUID");
    request.setControls(new SimplePagedResultsControl(PAGE, cookies[client]));
    try {
      SearchResult r = paging[client].search(request);
      SimplePagedResultsControl paged = SimplePagedResultsControl.get(r);
      cookies[client] = paged == null || !paged.moreResultsToReturn() ? null : paged.getCookie();
      if (cookies[client] == null) {
        pool.releaseConnection(paging[client]);
        paging[client] = null;
      }
      return r.getEntryCount();
    } catch (LDAPException e) {
      pool.releaseDefunctConnection(paging[client]);
      paging[client] = null;
      throw e;
    }
  }

  @Override
  public void createGroup(int g) throws LDAPException {
    pool.add(
        new AddRequest(
            groupDn(g),
            new Attribute("objectClass", "top", "groupOfNames"),
            new Attribute("cn", names.groupName(g)),
            new Attribute("member", groupDn(g))));
  }

  @Override
  public void addMembers(int batch, int groupCount) throws LDAPException {
    List<String> members = new ArrayList<>();
    for (int i = batch * MEMBERS_PER_CHANGE; i < (batch + 1) * MEMBERS_PER_CHANGE; i++) {
      members.add(dn(i));
    }
    pool.modify(
        groupDn(batch % groupCount),
        new Modification(ModificationType.ADD, "member", members.toArray(String[]::new)));
  }

  @Override
  public void delete(int i) throws LDAPException {
    pool.delete(dn(i));
  }

  @Override
  public void cleanUp(int groupCount) throws LDAPException {
    for (int g = 0; g < groupCount; g++) {
      pool.delete(groupDn(g));
    }
    pool.delete(groups);
    pool.delete(people);
  }

  @Override
  public void close() {
    pool.close();
  }
}
