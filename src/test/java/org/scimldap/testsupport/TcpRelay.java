package org.scimldap.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback to a local port, standing for the network between the gateway and its
 * directory: it can stop passing bytes without closing anything ({@link #freeze}), as a network
 * dropping packets does, or drop every connection ({@link #dropAll}).
 */
public final class TcpRelay implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean frozen;

  /** A relay on a free port to {@code target}. */
  public TcpRelay(int target) throws IOException {
    this(0, target);
  }

  /** A relay on {@code port} (0: a free one) to {@code target}. */
  public TcpRelay(int port, int target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    Thread accepting = new Thread(this::accept, "relay-accept");
    accepting.setDaemon(true);
    accepting.start();
  }

  /** A loopback port that nothing listens on, for now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Stops passing bytes (held, not dropped) while {@code frozen}; passes them on again after. */
  public void freeze(boolean frozen) {
    this.frozen = frozen;
  }

  /** Closes every connection made through the relay so far. */
  public void dropAll() {
    sockets.forEach(TcpRelay::closeQuietly);
    sockets.clear();
  }

  private void accept() {
    try {
      while (true) {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      }
    } catch (IOException e) {
      // the relay is closed
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                  while (frozen) {
                    Thread.sleep(10);
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // one side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "relay-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    frozen = false;
    server.close();
    dropAll();
  }
}
