package org.scimldap.ldap;

import com.unboundid.asn1.ASN1StreamReader;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has the SDK read a new plain connection's answers straight from its socket's {@link ReadAhead}
 * (or the stream over it), not through the {@link java.io.BufferedInputStream} the SDK puts over
 * every socket. That buffer takes a lock for every byte read, and the SDK reads each tag and length
 * of an answer a byte at a time: about thirty nanoseconds a byte here, against two without the
 * lock. While the gateway scanned 100,000 users, those reads were a sixth of its profile samples.
 *
 * <p>The SDK offers no setting for this, so its connection reader's stream and decoder are
 * replaced: fields the SDK keeps private, found by name once. Where they are not found (another
 * version of the SDK), or the connection is not plain (TLS), the SDK reads as it does by itself;
 * {@code DirectReadsTest} fails on a version where they are not found. Done once a connection is
 * open and before anything is read on it, so no byte the SDK's buffer took is lost.
 */
final class DirectReads implements PostConnectProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(DirectReads.class);

  /** {@code LDAPConnection.connectionInternals}, its {@code connectionReader}, and the reader's. */
  private static final Field INTERNALS;

  private static final Field READER;
  private static final Field SOCKET;
  private static final Field INPUT;
  private static final Field DECODER;

  static {
    Field[] fields;
    try {
      Class<?> internals = Class.forName("com.unboundid.ldap.sdk.LDAPConnectionInternals");
      Class<?> reader = Class.forName("com.unboundid.ldap.sdk.LDAPConnectionReader");
      fields =
          new Field[] {
            LDAPConnection.class.getDeclaredField("connectionInternals"),
            internals.getDeclaredField("connectionReader"),
            reader.getDeclaredField("socket"),
            reader.getDeclaredField("inputStream"),
            reader.getDeclaredField("asn1StreamReader")
          };
      for (Field f : fields) {
        f.setAccessible(true);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.info(
          "This version of the LDAP SDK reads directory answers through its own buffer ({})",
          e.toString());
      fields = new Field[5];
    }
    INTERNALS = fields[0];
    READER = fields[1];
    SOCKET = fields[2];
    INPUT = fields[3];
    DECODER = fields[4];
  }

  /**
   * What to do with a new connection: {@code upgrade} (StartTLS) where there is one, the SDK then
   * reading the TLS socket through its own buffer; otherwise read directly.
   */
  static PostConnectProcessor afterConnect(PostConnectProcessor upgrade) {
    return upgrade == null ? new DirectReads() : upgrade;
  }

  private DirectReads() {}

  @Override
  public void processPreAuthenticatedConnection(LDAPConnection connection) {
    readDirectly(connection);
  }

  @Override
  public void processPostAuthenticatedConnection(LDAPConnection connection) throws LDAPException {}

  /** True when the fields the replacement needs were found in this version of the SDK. */
  static boolean available() {
    return DECODER != null;
  }

  /** True when the SDK reads {@code connection}'s answers straight from its socket's stream. */
  static boolean readsDirectly(LDAPConnection connection) {
    if (!available()) {
      return false;
    }
    try {
      Object reader = reader(connection);
      Socket socket = reader == null ? null : (Socket) SOCKET.get(reader);
      return socket != null && INPUT.get(reader) == socket.getInputStream();
    } catch (IllegalAccessException | IOException | RuntimeException e) {
      return false;
    }
  }

  /** The SDK's reader of {@code connection}, null while it has none (not connected). */
  private static Object reader(LDAPConnection connection) throws IllegalAccessException {
    Object internals = INTERNALS.get(connection);
    return internals == null ? null : READER.get(internals);
  }

  /**
   * Has the SDK read {@code connection}'s answers straight from its socket's stream, when the
   * connection is in synchronous mode, its socket a plain one of {@link WrappedInputSockets} whose
   * stream reads ahead, and the SDK's buffer holds nothing yet; true when it does.
   */
  static boolean readDirectly(LDAPConnection connection) {
    // In asynchronous mode the SDK's reader thread may be reading through its buffer already.
    if (!available() || !connection.synchronousMode()) {
      return false;
    }
    try {
      Object reader = reader(connection);
      Socket socket = reader == null ? null : (Socket) SOCKET.get(reader);
      if (socket == null || !WrappedInputSockets.made(socket)) {
        return false;
      }
      InputStream ahead = socket.getInputStream();
      if (!ahead.markSupported()) {
        return false;
      }
      // The SDK's buffer reads from `ahead`: it holds nothing of its own when it has no more than
      // `ahead` (asked first: what `ahead` has can only grow until someone reads).
      int below = ahead.available();
      InputStream buffered = (InputStream) INPUT.get(reader);
      if (buffered != ahead && buffered.available() != below) {
        return false;
      }
      DECODER.set(
          reader,
          new ASN1StreamReader(ahead, connection.getConnectionOptions().getMaxMessageSize()));
      INPUT.set(reader, ahead);
      return true;
    } catch (IllegalAccessException | IOException | RuntimeException e) {
      LOG.debug("Connection {} reads through the SDK's buffer: {}", connection, e.toString());
      return false;
    }
  }
}
