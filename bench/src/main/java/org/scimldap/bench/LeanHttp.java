package org.scimldap.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small blocking HTTP/1.1 client with keep-alive connections, one per concurrent caller. The
 * direct side talks to LDAP through the UnboundID SDK's blocking connections, which cost its JVM
 * little; the JDK's asynchronous {@code HttpClient} costs about as much processor time as the
 * gateway itself, and on a machine whose cores the bench shares with the gateway and the directory
 * that would be charged to the gateway's figures. This client writes a request and reads its answer
 * on the caller's thread, with nothing in between.
 */
final class LeanHttp implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 60_000;

  /** An answer: status and body (empty when there was none). */
  record Answer(int status, String body) {}

  private final String host;
  private final int port;
  private final boolean tls;
  private final String hostHeader;
  private final String prefix;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

  LeanHttp(String base) {
    URI uri = URI.create(base);
    this.tls = "https".equalsIgnoreCase(uri.getScheme());
    this.host = uri.getHost();
    this.port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    this.hostHeader = host + ":" + port;
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    this.prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /**
   * Sends a request on an idle connection (or a new one) and reads the whole answer; a connection
   * the server closed before answering is replaced once.
   */
  Answer send(String method, String path, String headers, String body) throws IOException {
    byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(prefix).append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(hostHeader).append("\r\n").append(headers);
    if (content != null) {
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] request = head.toString().getBytes(StandardCharsets.UTF_8);
    Connection reused = idle.poll();
    if (reused != null) {
      try {
        return exchange(reused, request, content);
      } catch (IOException stale) {
        reused.close();
      }
    }
    return exchange(open(), request, content);
  }

  private Answer exchange(Connection c, byte[] request, byte[] content) throws IOException {
    c.out.write(request);
    if (content != null) {
      c.out.write(content);
    }
    c.out.flush();
    Answer answer = c.read();
    if (c.keepAlive) {
      idle.add(c);
    } else {
      c.close();
    }
    return answer;
  }

  private Connection open() throws IOException {
    Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
    return new Connection(socket);
  }

  @Override
  public void close() {
    for (Connection c = idle.poll(); c != null; c = idle.poll()) {
      c.close();
    }
  }

  /** One keep-alive connection. */
  private static final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean keepAlive = true;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      this.out = socket.getOutputStream();
    }

    Answer read() throws IOException {
      String status = line();
      if (status == null) {
        throw new IOException("connection closed before an answer");
      }
      int code = Integer.parseInt(status.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      for (String h = line(); h != null && !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = h.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> keepAlive = !"close".equalsIgnoreCase(value);
          default -> {}
        }
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (code == 204 || code == 304 || code < 200) {
        // no body (RFC 9112 §6.3)
      } else if (chunked) {
        for (int size = Integer.parseInt(chunkSize(line()), 16);
            size > 0;
            size = Integer.parseInt(chunkSize(line()), 16)) {
          copy(size, body);
          line();
        }
        for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
          // trailers are not used
        }
      } else if (length >= 0) {
        copy(length, body);
      } else {
        in.transferTo(body);
        keepAlive = false;
      }
      return new Answer(code, body.toString(StandardCharsets.UTF_8));
    }

    private static String chunkSize(String line) throws IOException {
      if (line == null) {
        throw new IOException("connection closed inside a chunked body");
      }
      int semicolon = line.indexOf(';');
      return (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
    }

    private void copy(long length, ByteArrayOutputStream body) throws IOException {
      byte[] buffer = new byte[8192];
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("connection closed inside a body");
        }
        body.write(buffer, 0, n);
        left -= n;
      }
    }

    /** One header line without its CRLF; null at the end of the stream. */
    private String line() throws IOException {
      StringBuilder s = new StringBuilder(64);
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b == '\n') {
          int end = s.length();
          return end > 0 && s.charAt(end - 1) == '\r' ? s.substring(0, end - 1) : s.toString();
        }
        s.append((char) b);
      }
      return s.length() == 0 ? null : s.toString();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
