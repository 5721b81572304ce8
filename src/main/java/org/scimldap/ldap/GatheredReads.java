package org.scimldap.ldap;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.SocketFactory;

/**
 * Sockets for following the directory's changes ({@link ContentFollower}) that let the changes
 * gather before they are read. The directory sends each change as a message of its own; read as it
 * comes, each costs the follower's thread a wake-up and two system calls, which while users are
 * written came to a tenth of the gateway's processor time. Here a read that would wait for the
 * directory first waits up to {@link #GATHER_MILLIS}, so that the changes made meanwhile are read
 * together. A followed change is a small message (the entry's DN and id), so a wait in the middle
 * of one, which the socket cannot tell from a wait between two, is rare.
 *
 * <p>Nobody waits for a gathering: whoever needs the followed entries current ({@link
 * ContentFollower#awaitCurrent}) says so ({@link #hurry}), and while anyone does, reads do not
 * gather; nor do they while a follower opens its connection and reads every entry a first time,
 * which the directory sends as fast as it can. One instance serves every follower of a directory,
 * so a hurry holds for all of them. Plain sockets only (StartTLS is layered over them); {@code
 * ldaps://} sockets read as they come.
 */
final class GatheredReads {
  /** How long a read that would wait lets changes gather first. */
  static final long GATHER_MILLIS = 20;

  private final long gatherMillis;

  /** How many hurries are open; changed under this object's lock, read without it. */
  private volatile int waiting;

  GatheredReads() {
    this(GATHER_MILLIS);
  }

  GatheredReads(long gatherMillis) {
    this.gatherMillis = gatherMillis;
  }

  /**
   * Reads do not gather from now until the handle is closed (once; closing it again does nothing),
   * and a gathering under way stops: for whoever waits for the followed entries to be current, and
   * for a follower opening its connection and reading every entry a first time.
   */
  Hurry hurry() {
    synchronized (this) {
      waiting++;
      notifyAll();
    }
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        synchronized (this) {
          waiting--;
        }
      }
    };
  }

  /** While it is open, reads come at once. */
  interface Hurry extends AutoCloseable {
    /** A hurry that changes nothing: for connections whose reads never gather. */
    Hurry NONE = () -> {};

    @Override
    void close();
  }

  /**
   * Waits up to {@link #gatherMillis}; not at all while a hurry is open, and one opened ends it.
   */
  private synchronized void gather() {
    long deadline = System.nanoTime() + gatherMillis * 1_000_000;
    long left = gatherMillis;
    while (waiting == 0 && left > 0) {
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the follower is stopping or starting again
        return;
      }
      left = (deadline - System.nanoTime()) / 1_000_000;
    }
  }

  /**
   * Sockets whose reads gather first when nothing has come yet, and read ahead what has ({@link
   * ReadAhead}), so that a first read of every entry takes few system calls too.
   */
  SocketFactory sockets() {
    return new WrappedInputSockets(in -> new Gathering(new ReadAhead(in)));
  }

  private final class Gathering extends FilterInputStream {
    Gathering(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      gatherIfNothingCame();
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      gatherIfNothingCame();
      return in.read(b, off, len);
    }

    private void gatherIfNothingCame() throws IOException {
      if (waiting == 0 && in.available() == 0) {
        gather();
      }
    }
  }
}
