package org.scimldap.ldap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link ReadAhead} over a stream that counts what it is asked. */
class ReadAheadTest {
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger asked = new AtomicInteger();

  /** A stream of {@code bytes} that counts its reads and the times it is asked what has come. */
  private InputStream counting(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        reads.incrementAndGet();
        return super.read(b, off, len);
      }

      @Override
      public synchronized int available() {
        asked.incrementAndGet();
        return super.available();
      }
    };
  }

  /** Many small reads, as the SDK's own buffer makes, take one read of what has come. */
  @Test
  void smallReadsShareOneReadOfWhatHasCome() throws Exception {
    byte[] sent = new byte[10_000];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = (byte) i;
    }
    ReadAhead in = new ReadAhead(counting(sent));
    byte[] got = new byte[sent.length];
    for (int at = 0; at < got.length; at += 100) {
      assertEquals(100, in.read(got, at, 100));
    }
    assertArrayEquals(sent, got);
    assertEquals(1, reads.get());
  }

  /** What has come is read {@link ReadAhead#SIZE} bytes at a time, not in smaller pieces. */
  @Test
  void readsAheadItsWholeSizeAtATime() throws Exception {
    byte[] sent = new byte[2 * ReadAhead.SIZE];
    ReadAhead in = new ReadAhead(counting(sent));
    byte[] got = new byte[4096];
    int total = 0;
    for (int n; (n = in.read(got, 0, got.length)) > 0; ) {
      total += n;
    }
    assertEquals(sent.length, total);
    assertEquals(3, reads.get(), "two reads of the whole size, and one that finds the end");
  }

  /** How much has come is answered from what was read ahead while there is some. */
  @Test
  void whatWasReadAheadAnswersAvailable() throws Exception {
    ReadAhead in = new ReadAhead(counting(new byte[300]));
    in.read(new byte[100], 0, 100);
    assertEquals(200, in.available());
    assertEquals(0, asked.get(), "the stream below was not asked");
    in.read(new byte[200], 0, 200);
    assertEquals(0, in.available());
    assertEquals(1, asked.get(), "asked once nothing was left");
  }

  /** Bytes read one at a time, across refills, come in order, and the end reads as -1. */
  @Test
  void singleBytesComeInOrderAcrossRefills() throws Exception {
    byte[] sent = new byte[ReadAhead.SIZE + 1_000];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = (byte) (i * 7);
    }
    ReadAhead in = new ReadAhead(counting(sent));
    for (int i = 0; i < sent.length; i++) {
      assertEquals(sent[i] & 0xff, in.read(), "byte " + i);
    }
    assertEquals(2, reads.get());
    assertEquals(-1, in.read());
    assertEquals(-1, in.read(new byte[10], 0, 10));
  }

  /** A mark set just before the buffer runs out holds over the refill, as the SDK's peek needs. */
  @Test
  void aMarkHoldsOverARefill() throws Exception {
    byte[] sent = new byte[ReadAhead.SIZE + 10];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = (byte) i;
    }
    ReadAhead in = new ReadAhead(counting(sent));
    assertTrue(in.markSupported());
    assertEquals(ReadAhead.SIZE - 1, in.skip(ReadAhead.SIZE - 1));
    in.mark(4);
    assertEquals(sent[ReadAhead.SIZE - 1] & 0xff, in.read());
    assertEquals(sent[ReadAhead.SIZE] & 0xff, in.read(), "read after a refill");
    in.reset();
    byte[] got = new byte[11];
    assertEquals(11, in.read(got, 0, 11));
    assertArrayEquals(Arrays.copyOfRange(sent, ReadAhead.SIZE - 1, sent.length), got);
  }

  /** A mark read past its limit no longer holds. */
  @Test
  void aMarkReadPastItsLimitIsDropped() throws Exception {
    byte[] sent = new byte[3 * ReadAhead.SIZE];
    ReadAhead in = new ReadAhead(counting(sent));
    in.read();
    in.mark(1);
    in.read(new byte[ReadAhead.SIZE], 0, ReadAhead.SIZE);
    in.read(new byte[10], 0, 10);
    assertThrows(IOException.class, in::reset);
  }

  /** A read of a buffer's size or more, with nothing buffered, goes to the stream below at once. */
  @Test
  void aLargeReadGoesStraightBelow() throws Exception {
    byte[] sent = new byte[2 * ReadAhead.SIZE];
    sent[5] = 42;
    ReadAhead in = new ReadAhead(counting(sent));
    byte[] got = new byte[2 * ReadAhead.SIZE];
    assertEquals(sent.length, in.read(got, 0, got.length));
    assertEquals(42, got[5]);
    assertEquals(1, reads.get());
  }

  /**
   * While the thread reads a long answer, a read that needs more first asks what has come (and lets
   * the directory's writes gather when nothing has); otherwise it reads at once.
   */
  @Test
  void aLongAnswerAsksWhatHasComeBeforeItReads() throws Exception {
    ReadAhead in = new ReadAhead(counting(new byte[3 * ReadAhead.SIZE]));
    in.read(new byte[100], 0, 100);
    assertEquals(0, asked.get());
    ReadAhead.gatherLongAnswer(true);
    try {
      assertTrue(ReadAhead.gatheringLongAnswer());
      in.skip(ReadAhead.SIZE);
      in.read();
      assertEquals(1, asked.get(), "asked once, before the second read");
    } finally {
      ReadAhead.gatherLongAnswer(false);
    }
    assertFalse(ReadAhead.gatheringLongAnswer());
    in.skip(ReadAhead.SIZE);
    in.read();
    assertEquals(1, asked.get(), "not asked once the long answer is read");
    assertEquals(3, reads.get());
  }

  /**
   * The SDK's peek at an answer's next byte when the buffer holds nothing more: a mark, a read that
   * refills, and a reset give the same byte again.
   */
  @Test
  void aPeekAtAFullyReadBufferComesBackAfterTheRefill() throws Exception {
    byte[] sent = new byte[ReadAhead.SIZE + 2];
    sent[ReadAhead.SIZE] = 7;
    sent[ReadAhead.SIZE + 1] = 8;
    ReadAhead in = new ReadAhead(counting(sent));
    assertEquals(ReadAhead.SIZE, in.skip(ReadAhead.SIZE));
    in.mark(1);
    assertEquals(7, in.read());
    in.reset();
    assertEquals(7, in.read());
    assertEquals(8, in.read());
    assertEquals(-1, in.read());
  }

  /** A read that times out leaves what was read, and the mark, as they were; the next goes on. */
  @Test
  void aTimedOutReadLosesNothing() throws Exception {
    byte[] sent = {1, 2, 3, 4, 5, 6};
    AtomicInteger calls = new AtomicInteger();
    InputStream timesOutOnce =
        new InputStream() {
          private int at;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (calls.incrementAndGet() == 2) {
              throw new SocketTimeoutException("no answer yet");
            }
            if (at == sent.length) {
              return -1;
            }
            int n = Math.min(3, len);
            System.arraycopy(sent, at, b, off, n);
            at += n;
            return n;
          }
        };
    ReadAhead in = new ReadAhead(timesOutOnce);
    assertEquals(1, in.read());
    in.mark(8);
    assertEquals(2, in.read());
    assertEquals(3, in.read());
    assertThrows(SocketTimeoutException.class, in::read);
    assertEquals(4, in.read());
    in.reset();
    byte[] got = new byte[5];
    assertEquals(5, in.read(got, 0, 5));
    assertArrayEquals(new byte[] {2, 3, 4, 5, 6}, got);
    assertEquals(-1, in.read());
  }

  /** Closed, from any thread, it reads nothing more, not even what it still holds. */
  @Test
  void aClosedStreamReadsNothingMore() throws Exception {
    ReadAhead in = new ReadAhead(counting(new byte[100]));
    in.read();
    in.close();
    assertThrows(IOException.class, in::read);
    assertThrows(IOException.class, () -> in.read(new byte[10], 0, 10));
  }
}
