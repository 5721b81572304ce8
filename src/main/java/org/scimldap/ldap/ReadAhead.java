package org.scimldap.ldap;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A socket's input, read up to {@link #SIZE} bytes at a time. Through the SDK's own buffer of 4 KiB
 * alone, a page of a hundred users took some thirty reads, each a system call; and the SDK asks how
 * much more has come whenever a buffer runs out, which is answered here from what was read ahead
 * while there is some, without asking the system.
 *
 * <p>Unlike {@link java.io.BufferedInputStream}, whose every read takes a lock, this one is for one
 * reader at a time, as a connection in synchronous mode is (one request on it at a time, handed
 * from thread to thread by the pool): the SDK reads an answer's tags and lengths a byte at a time,
 * several times per attribute, and a lock per byte cost more than the rest of the read. {@link
 * DirectReads} has the SDK read straight from here.
 *
 * <p>Read that fast, a long answer (a scan of many entries) is read as it comes, often an entry at
 * a time, each read waiting to be woken by the directory's next write: on both sides, that cost
 * more than the reads saved. So while a thread reads a long answer ({@link #gatherLongAnswer}), a
 * read that finds nothing come yet first lets the directory's writes gather for {@link
 * #GATHER_NANOS}.
 */
final class ReadAhead extends InputStream {
  static final int SIZE = 64 << 10;

  /** How long a read in a long answer that finds nothing come yet waits before it reads. */
  static final long GATHER_NANOS = 200_000;

  private static final ThreadLocal<LongAnswer> LONG_ANSWER =
      ThreadLocal.withInitial(LongAnswer::new);

  /** Whether a thread reads a long answer, and how many of its reads let writes gather. */
  private static final class LongAnswer {
    boolean reading;
    long gatheredReads;
  }

  private final InputStream in;
  private final byte[] buffer = new byte[SIZE];

  /** The next byte to read in {@link #buffer}, and the end of what it holds. */
  private int position;

  private int count;

  /** Where {@link #reset} goes back to, or -1; and how many bytes read after it keep it. */
  private int mark = -1;

  private int markLimit;

  /**
   * Set by {@link #close}, from any thread: a read under way stops at its next byte, as the SDK's
   * own buffer made it, rather than going through what this one still holds.
   */
  private volatile boolean closed;

  ReadAhead(InputStream in) {
    this.in = in;
  }

  /**
   * Whether the current thread is reading a long answer, whose reads let the directory's writes
   * gather when they find nothing come yet; set by the reader of such an answer, and cleared when
   * it is read.
   */
  static void gatherLongAnswer(boolean reading) {
    LONG_ANSWER.get().reading = reading;
  }

  /**
   * From now, the current thread's reads are those of a short answer (one it reads while a long one
   * waits: a search a long one's entries lead to); returns whether they were a long one's, for
   * {@link #gatherLongAnswer} to put back.
   */
  static boolean readShortAnswer() {
    LongAnswer longAnswer = LONG_ANSWER.get();
    boolean was = longAnswer.reading;
    longAnswer.reading = false;
    return was;
  }

  /** True while the current thread reads a long answer ({@link #gatherLongAnswer}). */
  static boolean gatheringLongAnswer() {
    return LONG_ANSWER.get().reading;
  }

  /**
   * How many reads on the current thread have been those of a long answer, which first ask what has
   * come: what the tests see of the gathering.
   */
  static long gatheredReads() {
    return LONG_ANSWER.get().gatheredReads;
  }

  @Override
  public int read() throws IOException {
    if (closed) {
      throw new IOException("Stream closed");
    }
    if (position >= count && !fill()) {
      return -1;
    }
    return buffer[position++] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, into.length);
    if (closed) {
      throw new IOException("Stream closed");
    }
    if (length == 0) {
      return 0;
    }
    if (position >= count) {
      if (length >= SIZE && mark < 0) {
        return in.read(into, offset, length);
      }
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(count - position, length);
    System.arraycopy(buffer, position, into, offset, n);
    position += n;
    return n;
  }

  /**
   * Reads what has come (waiting for some) after what the buffer holds, keeping the bytes from the
   * mark on while the mark holds; false at the end of the stream.
   */
  private boolean fill() throws IOException {
    if (mark >= 0 && (position - mark >= markLimit || count - mark >= SIZE)) {
      mark = -1;
    }
    if (mark < 0) {
      position = 0;
      count = 0;
    } else if (mark > 0) {
      System.arraycopy(buffer, mark, buffer, 0, count - mark);
      count -= mark;
      position -= mark;
      mark = 0;
    }
    LongAnswer longAnswer = LONG_ANSWER.get();
    if (longAnswer.reading) {
      longAnswer.gatheredReads++;
      if (in.available() == 0) {
        LockSupport.parkNanos(GATHER_NANOS);
      }
    }
    int n = in.read(buffer, count, SIZE - count);
    if (n <= 0) {
      return false;
    }
    count += n;
    return true;
  }

  @Override
  public int available() throws IOException {
    int buffered = count - position;
    return buffered > 0 ? buffered : in.available();
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    if (position >= count && !fill()) {
      return 0;
    }
    long skipped = Math.min(count - position, n);
    position += (int) skipped;
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  /** A mark holds for at most {@link #SIZE} bytes, whatever {@code readLimit} says. */
  @Override
  public void mark(int readLimit) {
    mark = position;
    markLimit = readLimit;
  }

  @Override
  public void reset() throws IOException {
    if (mark < 0) {
      throw new IOException("No mark to go back to");
    }
    position = mark;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    in.close();
  }
}
