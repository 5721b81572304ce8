package org.scimldap.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The console log, written by a thread of its own that takes the lines queued every {@link
 * #GATHER_MILLIS} and writes them out together. A request only queues its lines: it neither waits
 * for the console nor wakes the writer, and a gateway serving thousands of requests a second writes
 * a few dozen times a second instead of once per line (each write a system call, one line or two
 * per request).
 *
 * <p>No line is dropped: when {@link #QUEUE_SIZE} lines wait, whoever logs waits for room. What is
 * queued is written out when the appender stops, which the entry point ({@code Main}) has done once
 * the gateway has stopped, or a command has ended (without it, the last lines queued would be lost
 * with the writer, a daemon thread). {@code target} is {@code System.out} (the default) or {@code
 * System.err}, looked up at each write, as Logback's console appender does.
 */
public final class GatheredConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /** How long the writer lets lines gather between two writes. */
  static final long GATHER_MILLIS = 20;

  /** How many lines may wait to be written. */
  static final int QUEUE_SIZE = 8192;

  private final ConcurrentLinkedQueue<ILoggingEvent> queue = new ConcurrentLinkedQueue<>();
  private final Semaphore room = new Semaphore(QUEUE_SIZE);
  private Encoder<ILoggingEvent> encoder;
  private Supplier<PrintStream> out = () -> System.out;
  private volatile boolean writing;
  private Thread writer;

  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  /** {@code System.out} or {@code System.err}. */
  public void setTarget(String target) {
    String t = target == null ? "" : target.trim();
    if (t.equals("System.out")) {
      out = () -> System.out;
    } else if (t.equals("System.err")) {
      out = () -> System.err;
    } else {
      addError("target is System.out or System.err, not " + target);
    }
  }

  /** Writes to what {@code out} gives instead (tests). */
  void setOutput(Supplier<PrintStream> out) {
    this.out = out;
  }

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
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
    LockSupport.unpark(writer);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Lines queued by threads that were appending as it stopped, after the writer's last write.
    writeQueued();
  }

  private void writeUntilStopped() {
    while (writing) {
      try {
        writeQueued();
      } catch (RuntimeException | Error e) {
        // The writer goes on, or whoever logs would soon wait for room for ever.
        addError("Could not write the console log", e);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(GATHER_MILLIS));
    }
    writeQueued();
  }

  /** Writes every line queued now, in one write. */
  private synchronized void writeQueued() {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    int taken = 0;
    try {
      for (ILoggingEvent event = queue.poll(); event != null; event = queue.poll()) {
        taken++;
        try {
          lines.writeBytes(encoder.encode(event));
        } catch (RuntimeException e) {
          addError("Could not format a line", e);
        }
      }
    } finally {
      room.release(taken);
    }
    if (taken == 0) {
      return;
    }
    PrintStream target = out.get();
    try {
      lines.writeTo(target);
    } catch (IOException e) {
      addError("Could not write the console log", e); // a PrintStream does not throw it
    }
    target.flush();
  }
}
