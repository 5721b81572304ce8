package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
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
  private GatheredReads reads;
  private Thread reader;

  @BeforeEach
  void listen() throws Exception {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void close() throws Exception {
    if (reads != null) {
      reads.hurry(); // ends a gathering a failed test left behind
    }
    if (reader != null) {
      reader.join(10_000);
    }
    server.close();
  }

  /** Changes sent one by one while a read gathers come in that one read. */
  @Test
  void changesSentWhileAReadGathersAreReadTogether() throws Exception {
    reads = new GatheredReads(2_000);
    try (Socket socket = connect();
        Socket sender = server.accept()) {
      CompletableFuture<Integer> read = readOn(socket.getInputStream());
      awaitGathering();
      OutputStream out = sender.getOutputStream();
      for (int i = 0; i < MESSAGES; i++) {
        out.write(i);
        out.flush();
        Thread.sleep(20);
      }
      assertEquals(
          MESSAGES,
          read.get(10, TimeUnit.SECONDS),
          "every message sent during the gathering, in one read");
    }
  }

  /** What has come already is read at once, without gathering. */
  @Test
  void whatHasComeIsReadAtOnce() throws Exception {
    reads = new GatheredReads(600_000);
    try (Socket socket = connect();
        Socket sender = server.accept()) {
      sender.getOutputStream().write(new byte[] {1, 2, 3});
      sender.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (in.available() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(3, readOn(in).get(10, TimeUnit.SECONDS));
    }
  }

  /** Whoever waits for the stream cuts a gathering short, and reads do not gather meanwhile. */
  @Test
  void aHurryStopsTheGathering() throws Exception {
    reads = new GatheredReads(600_000);
    try (Socket socket = connect();
        Socket sender = server.accept()) {
      InputStream in = socket.getInputStream();
      OutputStream out = sender.getOutputStream();
      CompletableFuture<Integer> first = readOn(in);
      awaitGathering();
      out.write(7);
      out.flush();
      Thread.sleep(200);
      assertFalse(first.isDone(), "gathering");
      try (GatheredReads.Hurry hurry = reads.hurry()) {
        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        CompletableFuture<Integer> second = readOn(in);
        Thread.sleep(100);
        out.write(8);
        out.flush();
        assertEquals(1, second.get(10, TimeUnit.SECONDS), "read as it came");
        hurry.close(); // closing twice counts once
      }
      CompletableFuture<Integer> third = readOn(in);
      awaitGathering();
      out.write(9);
      out.flush();
      Thread.sleep(200);
      assertFalse(third.isDone(), "gathering again once nobody waits");
      try (GatheredReads.Hurry again = reads.hurry()) {
        assertEquals(1, third.get(10, TimeUnit.SECONDS));
      }
    }
  }

  private Socket connect() throws Exception {
    return reads.sockets().createSocket(server.getInetAddress(), server.getLocalPort());
  }

  /** One read of {@code in}, on a thread of its own. */
  private CompletableFuture<Integer> readOn(InputStream in) {
    CompletableFuture<Integer> read = new CompletableFuture<>();
    reader =
        new Thread(
            () -> {
              try {
                read.complete(in.read(new byte[1024]));
              } catch (Exception e) {
                read.completeExceptionally(e);
              }
            });
    reader.start();
    return read;
  }

  /** Waits until the reader waits in a gathering (the only timed wait on its way). */
  private void awaitGathering() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (reader.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(Thread.State.TIMED_WAITING, reader.getState(), "gathering");
  }
}
