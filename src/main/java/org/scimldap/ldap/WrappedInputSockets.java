package org.scimldap.ldap;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.UnaryOperator;
import javax.net.SocketFactory;

/** Plain sockets whose input is read through a stream of the caller's ({@code wrap}). */
final class WrappedInputSockets extends SocketFactory {
  private final UnaryOperator<InputStream> wrap;

  WrappedInputSockets(UnaryOperator<InputStream> wrap) {
    this.wrap = wrap;
  }

  @Override
  public Socket createSocket() {
    return new WrappedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(InetSocketAddress to, InetSocketAddress from) throws IOException {
    Socket socket = new WrappedSocket();
    try {
      if (from != null) {
        socket.bind(from);
      }
      socket.connect(to);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** True for a socket of such a factory: plain, its input read through the caller's stream. */
  static boolean made(Socket socket) {
    return socket instanceof WrappedSocket;
  }

  private final class WrappedSocket extends Socket {
    private InputStream input;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (input == null) {
        input = wrap.apply(super.getInputStream());
      }
      return input;
    }
  }
}
