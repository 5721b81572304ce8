package org.scimldap.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The console log, written by a thread of its own that takes the lines queued every {@link
 * #GATHER_MILLIS} and writes them out together. A request only queues its lines: it neither waits
 * for the console nor wakes the writer, and a gateway serving thousands of requests a second writes
 * a few dozen times a second instead of once per line (each write a system call, two lines per
 * request).
 *
 * <p>No line is dropped: when {@link #QUEUE_SIZE} lines wait, whoever logs waits for room. What is
 * queued is written out when the appender stops (Logback's shutdown hook stops it). {@code target}
 * is {@code System.out} (the default) or {@code System.err}, looked up at each write, as Logback's
 * console appender does.
 */
public final class GatheredConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /** How long the writer lets lines gather between two writes. */
  static final long GATHER_MILLIS = 20;

  /** How many lines may wait to be written. */
  static final int QUEUE_SIZE = 8192;

  private final ConcurrentLinkedQueue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();
  private final Semaphore room = new Semaphore(QUEUE_SIZE);
  private Encoder<ILoggingEvent> encoder;
  private boolean toStandardError;
  private volatile boolean writing;
  private Thread writer;

  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  /** {@code System.out} or {@code System.err}. */
  public void setTarget(String target) {
    String t = target == null ? "" : target.trim();
    if (!t.equals("System.out") && !t.equals("System.err")) {
      addError("target is System.out or System.err, not " + target);
      return;
    }
    toStandardError = t.equals("System.err");
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("No encoder for appender " + name);
      return;
    }
    writing = true;
    writer = new Thread(this::writeUntilStopped, "console-log");
    writer.setDaemon(true);
    writer.start();
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    // Whatever the line needs from the logging thread (its MDC, the message with its arguments)
    // is taken now; the writer formats it later.
    event.prepareForDeferredProcessing();
    room.acquireUninterruptibly();
    queue.add(event);
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    writing = false;
    writer.interrupt();
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeUntilStopped() {
    while (writing) {
      writeQueued();
      try {
        Thread.sleep(GATHER_MILLIS);
      } catch (InterruptedException e) {
        // stopping: what is queued is written below
      }
    }
    writeQueued();
  }

  /** Writes every line queued now, in one write. */
  private void writeQueued() {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    int taken = 0;
    for (ILoggingEvent event = queue.poll(); event != null; event = queue.poll()) {
      taken++;
      try {
        lines.writeBytes(encoder.encode(event));
      } catch (RuntimeException e) {
        addError("Could not format a line", e);
      }
    }
    if (taken == 0) {
      return;
    }
    room.release(taken);
    PrintStream out = toStandardError ? System.err : System.out;
    out.write(lines.toByteArray(), 0, lines.size());
    out.flush();
  }
}
