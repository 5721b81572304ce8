package org.scimldap.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.ScimClient.Response;

/**
 * The same request, or requests on the same group, sent at the same moment, as identity providers
 * do when they provision in parallel or retry: the directory ends in the state the requests asked
 * for, with exactly one entry per name and every answer a 2xx or a SCIM Error.
 */
class ConcurrencyTest extends BlackBoxContract {

  @Test
  void identicalCreatesSentTogetherMakeExactlyOneUser() throws Exception {
    List<Response> answers = together(8, i -> scim.post("/Users", userBody("racer")));
    assertOneCreatedRestConflict(answers);
    assertEquals(1, count(PEOPLE, Filter.createEqualityFilter("uid", "racer")));
    assertEquals(1, usersWhere("userName eq \"racer\"").size());
  }

  @Test
  void identicalGroupCreatesSentTogetherMakeExactlyOneGroup() throws Exception {
    List<Response> answers = together(8, i -> scim.post("/Groups", groupBody("Racers")));
    assertOneCreatedRestConflict(answers);
    assertEquals(1, count(GROUPS, Filter.createEqualityFilter("cn", "Racers")));
    assertEquals(1, ids(scim.get("/Groups?" + filter("displayName eq \"Racers\""))).size());
  }

  @Test
  void createsOfOneUserNameInDifferentCaseSentTogetherMakeExactlyOneUser() throws Exception {
    String[] spellings = {"case.racer", "CASE.RACER", "Case.Racer", "case.RACER"};
    List<Response> answers =
        together(8, i -> scim.post("/Users", userBody(spellings[i % spellings.length])));
    assertOneCreatedRestConflict(answers);
    assertEquals(1, count(PEOPLE, Filter.createEqualityFilter("uid", "case.racer")));
  }

  @Test
  void parallelMemberAddsToAnEmptyGroupAllLand() throws Exception {
    List<String> users = createUsers("parallel.add", 8);
    String g = createdId(scim.post("/Groups", groupBody("Parallel Adds")));

    List<Response> adds =
        together(
            users.size(),
            i ->
                scim.patch(
                    "/Groups/" + g,
                    patch(
                        "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                            + users.get(i)
                            + "\"}]}]")));
    adds.forEach(a -> assertEquals(204, a.status(), a.toString()));
    assertEquals(
        userDns("parallel.add", 8),
        memberDns(groupDn("Parallel Adds").toString()),
        "every member added, the placeholder gone");
    assertEquals(Set.copyOf(users), memberIds(ok(scim.get("/Groups/" + g))));
  }

  @Test
  void parallelMemberRemovalsLeaveOnlyThePlaceholder() throws Exception {
    List<String> users = createUsers("parallel.remove", 8);
    StringBuilder values = new StringBuilder();
    for (String u : users) {
      values
          .append(values.length() == 0 ? "" : ",")
          .append("{\"value\":\"")
          .append(u)
          .append("\"}");
    }
    String g =
        createdId(
            scim.post(
                "/Groups",
                "{\"schemas\":[\""
                    + GROUP_URN
                    + "\"],\"displayName\":\"Parallel Removals\","
                    + "\"members\":["
                    + values
                    + "]}"));
    assertEquals(userDns("parallel.remove", 8), memberDns(groupDn("Parallel Removals").toString()));

    List<Response> removals =
        together(
            users.size(),
            i ->
                scim.patch(
                    "/Groups/" + g,
                    patch(
                        "[{\"op\":\"remove\",\"path\":\"members[value eq \\\""
                            + users.get(i)
                            + "\\\"]\"}]")));
    removals.forEach(a -> assertEquals(204, a.status(), a.toString()));
    SearchResultEntry e = entry(groupDn("Parallel Removals"));
    assertTrue(e.hasAttribute("member"), "a groupOfNames keeps a member: " + e);
    assertEquals(Set.of(PLACEHOLDER), memberDns(groupDn("Parallel Removals").toString()));
    assertEquals(Set.of(), memberIds(ok(scim.get("/Groups/" + g))));
  }

  private List<String> createUsers(String prefix, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(newUser(prefix + i));
    }
    return ids;
  }

  private static Set<DN> userDns(String prefix, int n) {
    Set<DN> dns = new HashSet<>();
    for (int i = 0; i < n; i++) {
      dns.add(userDn(prefix + i));
    }
    return dns;
  }

  private static void assertOneCreatedRestConflict(List<Response> answers) {
    long createdCount = answers.stream().filter(a -> a.status() == 201).count();
    assertEquals(1, createdCount, answers.toString());
    for (Response a : answers) {
      if (a.status() != 201) {
        error(a, 409, "uniqueness");
      }
    }
  }

  /**
   * Runs {@code call(0)} … {@code call(threads - 1)} on as many threads, released at the same
   * moment.
   */
  private static List<Response> together(int threads, IntFunction<Response> call) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return call.apply(index);
                }));
      }
      List<Response> answers = new ArrayList<>();
      for (Future<Response> f : futures) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentPatchesOfOneUserAllLand() throws Exception {
    String id = newUser("racer");
    List<Response> adds =
        together(
            10,
            i ->
                scim.patch(
                    "/Users/" + id,
                    patch(
                        "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"r"
                            + i
                            + "@example.com\",\"type\":\"work\"}]}]")));
    adds.forEach(a -> assertEquals(200, a.status(), a.toString()));
    String[] mails = entry(userDn("racer")).getAttributeValues("mail");
    assertEquals(10, mails == null ? 0 : mails.length, "no write lost");
  }
}
