package org.scimldap.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request written byte for byte on a socket, for what {@link HttpClient} will not send
 * or cannot survive: a body the server refuses before reading it (the server may close the
 * connection while the body is still being written), or a body sent in chunks without a {@code
 * Content-Length}.
 */
public final class RawHttp {
  private RawHttp() {}

  /** A status and the body of the answer (chunked answers are not decoded). */
  public record Answer(int status, String head, String body) {}

  /**
   * Sends {@code head} (request line and headers, without the blank line) followed by {@code body};
   * when {@code chunked}, the body goes as chunks of 64 KiB with {@code Transfer-Encoding:
   * chunked}, otherwise with its {@code Content-Length}.
   */
  public static Answer send(int port, String head, byte[] body, boolean chunked)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String framing =
          chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n";
      out.write(
          (head + "\r\n" + framing + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      try {
        writeBody(out, body, chunked);
      } catch (SocketException refusedEarly) {
        // The server answered and closed before taking the whole body; its answer is still
        // readable.
      }
      return read(socket.getInputStream());
    }
  }

  private static void writeBody(OutputStream out, byte[] body, boolean chunked) throws IOException {
    int chunk = 64 * 1024;
    for (int i = 0; i < body.length; i += chunk) {
      int n = Math.min(chunk, body.length - i);
      if (chunked) {
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.write(body, i, n);
      if (chunked) {
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
    }
    if (chunked) {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.flush();
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (SocketException reset) {
      // A reset after the answer was written still leaves the answer in what was read.
    }
    String text = all.toString(StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.1 ") || split < 0) {
      throw new IOException("no HTTP answer, got: " + text);
    }
    int status = Integer.parseInt(text.substring(9, 12));
    return new Answer(status, text.substring(0, split), text.substring(split + 4));
  }
}
