package org.scimldap.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Lines through {@link GatheredConsoleAppender}, to an output that counts its writes. */
class GatheredConsoleAppenderTest {
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  private final AtomicInteger writes = new AtomicInteger();
  private final PrintStream output =
      new PrintStream(written, true, StandardCharsets.UTF_8) {
        @Override
        public void write(byte[] buf, int off, int len) {
          writes.incrementAndGet();
          super.write(buf, off, len);
        }
      };
  private GatheredConsoleAppender appender;
  private Logger logger;

  @BeforeEach
  void start() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter());
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%X{requestId}|%msg%n");
    encoder.start();
    appender = new GatheredConsoleAppender();
    appender.setContext(context);
    appender.setName("console");
    appender.setEncoder(encoder);
    appender.setOutput(() -> output);
    appender.start();
    logger = context.getLogger("test");
    logger.addAppender(appender);
  }

  @AfterEach
  void stop() {
    appender.stop();
    MDC.clear();
  }

  /** Lines logged together are written together, with what the logging thread knew then. */
  @Test
  void linesLoggedTogetherAreWrittenTogether() throws Exception {
    MDC.put("requestId", "r1");
    for (int i = 0; i < 50; i++) {
      logger.info("line {}", i);
    }
    MDC.clear();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (lines().size() < 50 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    List<String> lines = lines();
    assertEquals(50, lines.size(), "written without being stopped");
    assertEquals("r1|line 0", lines.get(0));
    assertEquals("r1|line 49", lines.get(49));
    assertTrue(writes.get() < 10, "50 lines in " + writes.get() + " writes");
  }

  /** More lines than the queue holds: the loggers wait for room, and every line comes out. */
  @Test
  void noLineIsDroppedWhenTheQueueIsFull() {
    int count = 3 * GatheredConsoleAppender.QUEUE_SIZE;
    for (int i = 0; i < count; i++) {
      logger.info("{}", i);
    }
    appender.stop();
    List<String> lines = lines();
    assertEquals(count, lines.size());
    for (int i = 0; i < count; i++) {
      assertEquals("|" + i, lines.get(i));
    }
  }

  /** What is queued when the appender stops is written then. */
  @Test
  void stoppingWritesWhatIsQueued() {
    logger.info("last words");
    appender.stop();
    assertEquals(List.of("|last words"), lines());
  }

  private List<String> lines() {
    String text;
    synchronized (output) {
      text = written.toString(StandardCharsets.UTF_8);
    }
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }
}
