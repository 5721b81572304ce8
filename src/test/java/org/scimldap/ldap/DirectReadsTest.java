package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK reads a plain connection's answers straight from the socket's read-ahead stream once
 * {@link DirectReads} has had its way, answers of many entries over many refills of that stream
 * included; a socket that is not one of {@link WrappedInputSockets} is left to the SDK.
 */
class DirectReadsTest {
  private static final int ENTRIES = 1_500;

  private static InMemoryDirectoryServer server;

  @BeforeAll
  static void start() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.addAdditionalBindCredentials("cn=admin", "secret");
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
    config.setSchema(null);
    server = new InMemoryDirectoryServer(config);
    server.add(new Entry("dc=example,dc=com", new Attribute("objectClass", "domain")));
    for (int i = 0; i < ENTRIES; i++) {
      server.add(
          new Entry(
              "uid=u" + i + ",dc=example,dc=com",
              new Attribute("objectClass", "inetOrgPerson"),
              new Attribute("uid", "u" + i),
              new Attribute("cn", "User number " + i),
              new Attribute("description", "x".repeat(1 + i % 300))));
    }
    server.startListening();
  }

  @AfterAll
  static void stop() {
    server.shutDown(true);
  }

  /** A read-ahead stream that counts the bytes read from it one at a time. */
  private static final class CountingSingleReads extends FilterInputStream {
    private final AtomicLong singles;

    CountingSingleReads(InputStream in, AtomicLong singles) {
      super(new ReadAhead(in));
      this.singles = singles;
    }

    @Override
    public int read() throws IOException {
      singles.incrementAndGet();
      return in.read();
    }
  }

  private static LDAPConnection connect(SocketFactory sockets) throws Exception {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setUseSynchronousMode(true);
    return new LDAPConnection(sockets, options, "127.0.0.1", server.getListenPort(), null, null);
  }

  /** A connection whose socket's stream reads ahead, counting the bytes read one at a time. */
  private static LDAPConnection connectCounting(AtomicLong singles) throws Exception {
    return connect(new WrappedInputSockets(in -> new CountingSingleReads(in, singles)));
  }

  private static void searchEverything(LDAPConnection connection) throws Exception {
    connection.bind("cn=admin", "secret");
    SearchResult result =
        connection.search("dc=example,dc=com", SearchScope.ONE, "(objectClass=inetOrgPerson)");
    assertEquals(ENTRIES, result.getEntryCount());
    Set<String> uids = new HashSet<>();
    for (SearchResultEntry e : result.getSearchEntries()) {
      int i = Integer.parseInt(e.getAttributeValue("uid").substring(1));
      assertEquals("User number " + i, e.getAttributeValue("cn"));
      assertEquals("x".repeat(1 + i % 300), e.getAttributeValue("description"));
      uids.add(e.getAttributeValue("uid"));
    }
    assertEquals(ENTRIES, uids.size());
  }

  @Test
  void theFieldsAreFoundInThisVersionOfTheSdk() {
    assertTrue(DirectReads.available());
  }

  @Test
  void theSdkReadsTagsAndLengthsFromTheReadAheadStream() throws Exception {
    AtomicLong singles = new AtomicLong();
    try (LDAPConnection connection = connectCounting(singles)) {
      assertTrue(DirectReads.readDirectly(connection));
      searchEverything(connection);
      // Several bytes an entry (tags and lengths) are read one at a time, straight from it.
      assertTrue(singles.get() > 10L * ENTRIES, singles.get() + " single reads");
      // The connection goes on answering, the stream keeping its place between answers.
      searchEverything(connection);
    }
  }

  @Test
  void withoutItTheSdkReadsThroughItsOwnBuffer() throws Exception {
    AtomicLong singles = new AtomicLong();
    try (LDAPConnection connection = connectCounting(singles)) {
      searchEverything(connection);
      assertEquals(0, singles.get(), "the SDK's buffer reads in blocks");
    }
  }

  @Test
  void otherSocketsAreLeftToTheSdk() throws Exception {
    try (LDAPConnection connection = connect(SocketFactory.getDefault())) {
      assertFalse(DirectReads.readDirectly(connection));
      assertFalse(DirectReads.readsDirectly(connection));
      searchEverything(connection);
    }
  }

  @Test
  void aConnectionIsTakenOverBetweenTwoAnswers() throws Exception {
    AtomicLong singles = new AtomicLong();
    try (LDAPConnection connection = connectCounting(singles)) {
      searchEverything(connection);
      assertEquals(0, singles.get());
      assertFalse(DirectReads.readsDirectly(connection), "not taken over yet");
      assertTrue(DirectReads.readDirectly(connection), "the SDK's buffer holds nothing between");
      assertTrue(DirectReads.readsDirectly(connection));
      searchEverything(connection);
      assertTrue(singles.get() > 10L * ENTRIES, singles.get() + " single reads");
    }
  }

  /**
   * Through the gateway's directory, a search's answer is read as a long one from its 250th entry
   * on, until the search ends (its reads asking what has come before they read, and letting the
   * directory's writes gather); a short one never is. The sink is not part of it.
   */
  @Test
  void aLongSearchGathersItsReadsFromItsTwoHundredAndFiftiethEntry() throws Exception {
    try (Directory directory =
        PostReadTest.connect("ldap://127.0.0.1:" + server.getListenPort(), "cn=admin", "secret")) {
      List<Boolean> gathering = new ArrayList<>();
      long before = ReadAhead.gatheredReads();
      directory.search(
          new DN("dc=example,dc=com"),
          SearchScope.ONE,
          Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
          List.of("uid", "cn", "description"),
          e -> gathering.add(ReadAhead.gatheringLongAnswer()));
      assertEquals(ENTRIES, gathering.size());
      assertFalse(gathering.contains(true), "the sink reads answers of its own");
      assertTrue(ReadAhead.gatheredReads() > before, "read as a long answer");
      assertFalse(ReadAhead.gatheringLongAnswer(), "cleared once the search ended");

      long after = ReadAhead.gatheredReads();
      directory.search(
          new DN("dc=example,dc=com"),
          SearchScope.ONE,
          Filter.createSubstringFilter("uid", "u14", null, null),
          List.of("uid", "cn", "description"),
          e -> gathering.add(ReadAhead.gatheringLongAnswer()));
      assertEquals(ENTRIES + 111, gathering.size());
      assertEquals(after, ReadAhead.gatheredReads(), "a short answer");
    }
  }

  /**
   * The pool's connections, the first and one it opened later, are taken over as they are opened,
   * and go on answering.
   */
  @Test
  void theConnectionsTheGatewayOpensReadDirectly() throws Exception {
    try (Directory directory =
        PostReadTest.connect("ldap://127.0.0.1:" + server.getListenPort(), "cn=admin", "secret")) {
      Field field = PooledDirectory.class.getDeclaredField("pool");
      field.setAccessible(true);
      LDAPConnectionPool pool = (LDAPConnectionPool) field.get(directory);
      LDAPConnection first = pool.getConnection();
      LDAPConnection second = pool.getConnection();
      try {
        assertTrue(DirectReads.readsDirectly(first), "the pool's first connection");
        assertTrue(DirectReads.readsDirectly(second), "one the pool opened later");
        searchEverything(second);
      } finally {
        pool.releaseConnection(first);
        pool.releaseConnection(second);
      }
    }
  }

  /**
   * A search that the sink of a long one makes is a short answer; the long one goes on gathering
   * once it is back.
   */
  @Test
  void aSearchMadeWhileALongOneIsReadIsAShortAnswer() throws Exception {
    try (Directory directory =
        PostReadTest.connect("ldap://127.0.0.1:" + server.getListenPort(), "cn=admin", "secret")) {
      long[] aroundInner = new long[2];
      int[] seen = {0};
      DN base = new DN("dc=example,dc=com");
      directory.search(
          new DN("dc=example,dc=com"),
          SearchScope.ONE,
          Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
          List.of("uid", "cn", "description"),
          e -> {
            if (++seen[0] == 300) {
              aroundInner[0] = ReadAhead.gatheredReads();
              directory.search(
                  base,
                  SearchScope.ONE,
                  Filter.createEqualityFilter("uid", "u7"),
                  List.of("uid"),
                  found -> {});
              aroundInner[1] = ReadAhead.gatheredReads();
            }
          });
      assertEquals(ENTRIES, seen[0]);
      assertEquals(aroundInner[0], aroundInner[1], "the inner search is a short answer");
      assertTrue(ReadAhead.gatheredReads() > aroundInner[1], "the long one gathered after it");
      assertFalse(ReadAhead.gatheringLongAnswer());
    }
  }
}
