package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads through {@link GatheredReads}' sockets, from a local peer that writes small messages one at
 * a time, as a directory sends changes.
 */
class GatheredReadsTest {
  private static final int MESSAGES = 10;

  private ServerSocket server;
  private final ExecutorService peer = Executors.newSingleThreadExecutor();

  @BeforeEach
  void listen() throws Exception {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void close() throws Exception {
    peer.shutdownNow();
    server.close();
  }

  /** Changes sent one by one while a read gathers come in that one read. */
  @Test
  void changesSentWhileAReadGathersAreReadTogether() throws Exception {
    GatheredReads reads = new GatheredReads(2_000);
    try (Socket socket =
            reads.sockets().createSocket(server.getInetAddress(), server.getLocalPort());
        Socket sender = server.accept()) {
      InputStream in = socket.getInputStream();
      CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readSome(in));
      Thread.sleep(100);
      Future<?> sent = peer.submit(() -> sendOneByOne(sender));
      sent.get(10, TimeUnit.SECONDS);
      assertEquals(
          MESSAGES,
          read.get(10, TimeUnit.SECONDS),
          "every message sent during the gathering, in one read");
    }
  }

  /** What has come already is read at once, without gathering. */
  @Test
  void whatHasComeIsReadAtOnce() throws Exception {
    GatheredReads reads = new GatheredReads(60_000);
    try (Socket socket =
            reads.sockets().createSocket(server.getInetAddress(), server.getLocalPort());
        Socket sender = server.accept()) {
      sender.getOutputStream().write(new byte[] {1, 2, 3});
      sender.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      waitUntilAvailable(in, 3);
      CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readSome(in));
      assertEquals(3, read.get(10, TimeUnit.SECONDS));
    }
  }

  /** Whoever waits for the stream cuts a gathering short, and reads do not gather meanwhile. */
  @Test
  void aHurryStopsTheGathering() throws Exception {
    GatheredReads reads = new GatheredReads(600_000);
    try (Socket socket =
            reads.sockets().createSocket(server.getInetAddress(), server.getLocalPort());
        Socket sender = server.accept()) {
      InputStream in = socket.getInputStream();
      CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> readSome(in));
      Thread.sleep(100); // the read finds nothing come, and gathers
      sender.getOutputStream().write(7);
      sender.getOutputStream().flush();
      Thread.sleep(200);
      assertFalse(first.isDone(), "gathering");
      try (GatheredReads.Hurry hurry = reads.hurry()) {
        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> readSome(in));
        Thread.sleep(100);
        sender.getOutputStream().write(8);
        sender.getOutputStream().flush();
        assertEquals(1, second.get(10, TimeUnit.SECONDS), "read as it came");
        hurry.close(); // closing twice counts once
      }
      CompletableFuture<Integer> third = CompletableFuture.supplyAsync(() -> readSome(in));
      Thread.sleep(100);
      sender.getOutputStream().write(9);
      sender.getOutputStream().flush();
      Thread.sleep(500);
      assertFalse(third.isDone(), "gathering again once nobody waits");
      try (GatheredReads.Hurry again = reads.hurry()) {
        assertEquals(1, third.get(10, TimeUnit.SECONDS));
      }
    }
  }

  private static Void sendOneByOne(Socket sender) throws Exception {
    OutputStream out = sender.getOutputStream();
    for (int i = 0; i < MESSAGES; i++) {
      out.write(i);
      out.flush();
      Thread.sleep(20);
    }
    return null;
  }

  private static void waitUntilAvailable(InputStream in, int bytes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (in.available() < bytes && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private static int readSome(InputStream in) {
    try {
      return in.read(new byte[1024]);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
